import Foundation
import Testing

/// Attendance records per event date for one school, read from the XML text with regular
/// expressions: a different route from the importer's XML parser and the log.
private func attendanceDates(school: String) throws -> [String: Int] {
  let text = try String(
    contentsOf: CLI.edfiFolder.appendingPathComponent("StudentSchoolAttendance.xml"),
    encoding: .utf8)
  let record = try Regex(
    #"<StudentSchoolAttendanceEvent>(.*?)</StudentSchoolAttendanceEvent>"#
  ).dotMatchesNewlines()
  let schoolId = try Regex(#"<SchoolId>([^<]+)</SchoolId>"#)
  let date = try Regex(#"<EventDate>([^<]+)</EventDate>"#)
  var dates: [String: Int] = [:]
  for match in text.matches(of: record) {
    let body = String(text[match.range])
    guard body.firstMatch(of: schoolId)?.output[1].substring == Substring(school),
      let day = body.firstMatch(of: date)?.output[1].substring
    else { continue }
    dates[String(day), default: 0] += 1
  }
  return dates
}

@Suite(
  "Audit commands on the Ed-Fi Grand Bend files",
  .enabled(if: CLI.edfiAvailable, "../shared/data/edfi-grand-bend is not beside the project"))
struct AuditEdFiTests {
  @Test("the attendance timeline of 255901044 holds every XML record, in date then log order")
  func attendanceTimeline() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    #expect(try CLI.run(["init"], ledger: ledger).status == 0)
    #expect(try CLI.run(["import", CLI.edfiFolder.path], ledger: ledger).status == 0)

    let arguments = [
      "timeline", "--school", "255901044", "--family", "attendance", "--format", "csv",
    ]
    let result = try CLI.run(arguments, ledger: ledger)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").dropFirst()
    let rows = lines.map { line -> (date: String, sequence: Int, type: Substring) in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      return (String(fields[1].prefix(10)), Int(fields[0]) ?? 0, fields[3])
    }
    let expected = try attendanceDates(school: "255901044")
    #expect(expected.values.reduce(0, +) > 100)
    #expect(rows.count == expected.values.reduce(0, +))
    #expect(Dictionary(grouping: rows, by: \.date).mapValues(\.count) == expected)
    #expect(rows.allSatisfy { $0.type == "attendance.recorded" })
    let inOrder = zip(rows, rows.dropFirst()).allSatisfy { earlier, later in
      (earlier.date, earlier.sequence) < (later.date, later.sequence)
    }
    #expect(inOrder)
    #expect(try CLI.run(arguments, ledger: ledger).stdout == result.stdout)

    let json = try CLI.run(
      ["timeline", "--school", "255901044", "--family", "attendance", "--format", "json"],
      ledger: ledger)
    let entries = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any]
    #expect(entries?.count == rows.count)
  }

  @Test("a replay at the head equals query after project; one before the head differs")
  func replayAtHead() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    #expect(try CLI.run(["init"], ledger: ledger).status == 0)
    #expect(try CLI.run(["import", CLI.edfiFolder.path], ledger: ledger).status == 0)
    #expect(try CLI.run(["project"], ledger: ledger).status == 0)
    let query = try CLI.run(["query", "school-progress", "--format", "json"], ledger: ledger)
    let head = try CLI.run(["status", "--format", "json"], ledger: ledger)
    let status = try JSONSerialization.jsonObject(with: Data(head.stdout.utf8)) as? [String: Any]
    let sequence = try #require(status?["headSequence"] as? Int)
    let replay = try CLI.run(
      ["replay", "school-progress", "--at-seq", String(sequence), "--format", "json"],
      ledger: ledger)
    #expect(replay.status == 0, "\(replay.stderr)")
    #expect(replay.stdout == query.stdout)
    let before = try CLI.run(
      ["replay", "school-progress", "--at-seq", String(sequence / 2), "--format", "json"],
      ledger: ledger)
    #expect(before.status == 0)
    #expect(before.stdout != query.stdout)
  }
}
