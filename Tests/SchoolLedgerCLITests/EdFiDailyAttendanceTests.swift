import Foundation
import Testing

/// Per school and date from the XML text with regular expressions, not the importer's
/// parser: absence days (Σ EventDuration, 1 when absent) and students with any record.
private struct DailyXMLCounts {
  var absenceDays: [String: Double] = [:]
  var students: [String: Set<String>] = [:]
  var records: [String: Int] = [:]

  init(_ file: URL) throws {
    let text = try String(contentsOf: file, encoding: .utf8)
    let record = try Regex(
      #"<StudentSchoolAttendanceEvent>(.*?)</StudentSchoolAttendanceEvent>"#
    ).dotMatchesNewlines()
    let category = try Regex(#"AttendanceEventCategoryDescriptor#([^<]+)<"#)
    let student = try Regex(#"<StudentUniqueId>([^<]+)</StudentUniqueId>"#)
    let school = try Regex(#"<SchoolId>([^<]+)</SchoolId>"#)
    let date = try Regex(#"<EventDate>([^<]+)</EventDate>"#)
    let duration = try Regex(#"<EventDuration>([^<]+)</EventDuration>"#)
    for match in text.matches(of: record) {
      let body = String(text[match.range])
      guard let c = body.firstMatch(of: category)?.output[1].substring,
        let s = body.firstMatch(of: student)?.output[1].substring,
        let id = body.firstMatch(of: school)?.output[1].substring,
        let d = body.firstMatch(of: date)?.output[1].substring
      else { continue }
      let day = "\(id)/\(d)"
      students[day, default: []].insert(String(s))
      records[String(id), default: 0] += 1
      if c.hasSuffix("Absence") {
        let weight = body.firstMatch(of: duration).flatMap {
          Double($0.output[1].substring ?? "")
        }
        absenceDays[day, default: 0] += weight ?? 1
      }
    }
  }
}

@Suite(
  "daily-attendance on the Ed-Fi Grand Bend files",
  .enabled(if: CLI.edfiAvailable, "../shared/data/edfi-grand-bend is not beside the project"))
struct EdFiDailyAttendanceTests {
  @Test("absence days and students recorded per school and date match the XML")
  func perDayCounts() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    #expect(try CLI.run(["init"], ledger: ledger).status == 0)
    #expect(try CLI.run(["import", CLI.edfiFolder.path], ledger: ledger).status == 0)
    #expect(try CLI.run(["project"], ledger: ledger).status == 0)
    let query = try CLI.run(["query", "daily-attendance", "--format", "json"], ledger: ledger)
    #expect(query.status == 0, "\(query.stderr)")
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [[String: Any]])
    let expected = try DailyXMLCounts(
      CLI.edfiFolder.appendingPathComponent("StudentSchoolAttendance.xml"))
    #expect(expected.students.count > 100)

    // The calendar lists no dates, so the rows are exactly the dates with a record.
    var seen: Set<String> = []
    var withoutEnrolment: [String: Int] = [:]
    for row in rows {
      let school = row["schoolCode"] as? String ?? ""
      let day = school + "/" + (row["date"] as? String ?? "")
      seen.insert(day)
      #expect(row["studentsRecorded"] as? Int == expected.students[day]?.count, "\(day)")
      let absence = row["absenceDays"] as? Double ?? -1
      #expect(abs(absence - (expected.absenceDays[day] ?? 0)) < 1e-9, "\(day)")
      let gaps = row["gaps"] as? [String: Int] ?? [:]
      withoutEnrolment[school, default: 0] += gaps["marksWithoutEnrolment"] ?? 0
    }
    #expect(seen == Set(expected.students.keys))
    // No enrolment file: every record is a record of a student not enrolled that day.
    #expect(withoutEnrolment == expected.records)
  }
}
