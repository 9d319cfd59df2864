import Foundation
import LedgerEvents

/// The words schools write in CSV cells, and the catalogue codes they mean: tables kept as
/// data (DOMAIN.md). Keys are compared after trimming, lowercasing and NFC normalisation. A
/// value found in no table is refused with an error naming it, never guessed; a mapping
/// file (``CSVMapping``) can add words a school uses.
enum CSVValueTables {
  /// Attendance marks: the usual Thai register marks and their English counterparts.
  static let attendanceMarks: [String: AttendanceCategory] = [
    // present
    "present": .present, "p": .present, "/": .present, "✓": .present, "✔": .present,
    "มา": .present, "ม": .present, "มาเรียน": .present,
    // absent without leave
    "absent": .unexcusedAbsence, "a": .unexcusedAbsence, "x": .unexcusedAbsence,
    "ขาด": .unexcusedAbsence, "ข": .unexcusedAbsence, "ขาดเรียน": .unexcusedAbsence,
    // absent with leave (sick leave, personal leave)
    "leave": .excusedAbsence, "excused": .excusedAbsence, "l": .excusedAbsence,
    "e": .excusedAbsence, "sick": .excusedAbsence, "ลา": .excusedAbsence,
    "ล": .excusedAbsence, "ลาป่วย": .excusedAbsence, "ป": .excusedAbsence,
    "ป่วย": .excusedAbsence, "ลากิจ": .excusedAbsence,
    // late
    "late": .tardy, "tardy": .tardy, "t": .tardy, "สาย": .tardy, "ส": .tardy,
    "มาสาย": .tardy,
    // left early
    "left early": .earlyDeparture, "early departure": .earlyDeparture,
    "กลับก่อน": .earlyDeparture,
  ]

  /// Why a student left.
  static let exitTypes: [String: ExitType] = [
    "completed": .completed, "graduated": .completed, "จบ": .completed,
    "จบการศึกษา": .completed,
    "transferred": .transferred, "transfer": .transferred, "ย้าย": .transferred,
    "ย้ายสถานศึกษา": .transferred, "ย้ายโรงเรียน": .transferred,
    "dropout": .dropout, "dropped out": .dropout, "ออกกลางคัน": .dropout,
    "died": .died, "deceased": .died, "เสียชีวิต": .died,
    "other": .other, "อื่นๆ": .other, "อื่น ๆ": .other,
  ]

  /// Kinds of intervention session.
  static let sessionKinds: [String: SessionKind] = [
    "tutoring": .tutoring, "สอนเสริม": .tutoring, "ติวเสริม": .tutoring,
    "ซ่อมเสริม": .tutoring,
    "home visit": .homeVisit, "home-visit": .homeVisit, "เยี่ยมบ้าน": .homeVisit,
    "coaching": .coaching, "นิเทศ": .coaching, "โค้ช": .coaching,
    "plc": .plcMeeting, "plc meeting": .plcMeeting, "plc-meeting": .plcMeeting,
    "ประชุม plc": .plcMeeting,
    "classroom observation": .classroomObservation,
    "classroom-observation": .classroomObservation, "สังเกตการสอน": .classroomObservation,
    "other": .other, "อื่นๆ": .other,
  ]

  /// When in the year an assessment was given.
  static let assessmentPeriods: [String: AssessmentPeriod] = [
    "beginning-of-year": .beginningOfYear, "beginning of year": .beginningOfYear,
    "boy": .beginningOfYear, "ต้นปี": .beginningOfYear, "ก่อนเรียน": .beginningOfYear,
    "middle-of-year": .middleOfYear, "middle of year": .middleOfYear, "moy": .middleOfYear,
    "กลางปี": .middleOfYear,
    "end-of-year": .endOfYear, "end of year": .endOfYear, "eoy": .endOfYear,
    "ปลายปี": .endOfYear, "หลังเรียน": .endOfYear,
    "other": .other,
  ]

  /// The key a cell is looked up by.
  static func lookupKey(_ text: String) -> String {
    text.precomposedStringWithCanonicalMapping.lowercased()
      .trimmingCharacters(in: .whitespaces)
  }
}
