import Foundation

/// Column headings the importer recognises by default, Thai and English: a table kept as
/// data. Headings are compared after ``CSVHeaderAliases/normalise(_:)``; a mapping file
/// (``CSVMapping``) can name other headings.
enum CSVHeaderAliases {
  static let table: [CSVField: [String]] = [
    .school: ["school", "school code", "school id", "รหัสโรงเรียน", "รหัสสถานศึกษา"],
    .nationalId: [
      "national id", "citizen id", "id card", "national id number", "เลขประจำตัวประชาชน",
      "เลขบัตรประชาชน", "เลขประจำตัวประชาชน 13 หลัก", "รหัสประชาชน",
    ],
    .studentNumber: [
      "student id", "student number", "student no", "เลขประจำตัวนักเรียน", "รหัสนักเรียน",
      "เลขประจำตัว",
    ],
    .name: [
      "name", "student name", "full name", "first name", "last name", "surname", "title",
      "prefix", "ชื่อ", "นามสกุล", "ชื่อ-สกุล", "ชื่อ-นามสกุล", "ชื่อ นามสกุล", "ชื่อนักเรียน",
      "คำนำหน้า", "คำนำหน้าชื่อ",
    ],
    .rollNumber: ["no", "no.", "roll number", "เลขที่"],
    .date: ["date", "วันที่", "as of", "administration date", "วันที่สอบ", "วันที่ประเมิน"],
    .mark: ["mark", "status", "attendance", "สถานะ", "การมาเรียน", "ผลการเช็คชื่อ"],
    .duration: ["duration", "share of day", "สัดส่วนของวัน"],
    .reason: ["reason", "note", "เหตุผล", "สาเหตุ", "หมายเหตุ"],
    .gradeLevel: ["grade", "grade level", "ชั้น", "ระดับชั้น"],
    .classroom: ["class", "classroom", "room", "ห้อง"],
    .entryDate: ["entry date", "enrolled on", "วันที่เข้าเรียน", "วันเข้าเรียน"],
    .entryType: ["entry type", "ประเภทการเข้าเรียน"],
    .exitDate: ["exit date", "left on", "วันที่ออก", "วันที่จำหน่าย"],
    .exitType: ["exit type", "ประเภทการออก", "การจำหน่าย"],
    .exitReason: ["exit reason", "เหตุผลการออก"],
    .assessment: ["assessment", "assessment id", "test", "แบบทดสอบ", "รหัสแบบทดสอบ"],
    .period: ["period", "ช่วงการประเมิน", "ช่วงเวลา"],
    .score: ["score", "raw score", "คะแนน", "คะแนนดิบ"],
    .reportingMethod: ["reporting method", "score type", "ประเภทคะแนน"],
    .performanceLevel: ["performance level", "ระดับผลการประเมิน", "ระดับคุณภาพ"],
    .sessionKind: ["session", "session kind", "session type", "activity", "กิจกรรม"],
    .sessionId: ["session id", "รหัสกิจกรรม"],
    .minutes: ["minutes", "dosage", "dosage minutes", "นาที", "เวลา (นาที)"],
    .intervention: ["intervention", "intervention id", "รหัสโครงการ", "โครงการ"],
    .plan: ["plan", "plan id", "แผน", "รหัสแผน"],
    .goal: ["goal", "goal id", "เป้าหมาย", "รหัสเป้าหมาย"],
    .value: ["value", "measured value", "ค่า", "ค่าที่วัดได้", "ผล"],
    .importError: ["import-error"],
  ]

  /// The heading as compared: NFC, lowercase, trimmed, `_` read as a space and runs of
  /// spaces collapsed, so `Student_ID` and `student  id` match `student id`.
  static func normalise(_ heading: String) -> String {
    CSVValueTables.lookupKey(heading.replacingOccurrences(of: "_", with: " "))
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// Heading to field, built from the table.
  static let byHeading: [String: CSVField] = {
    var result: [String: CSVField] = [:]
    for (field, headings) in table {
      for heading in headings { result[normalise(heading)] = field }
    }
    return result
  }()
}
