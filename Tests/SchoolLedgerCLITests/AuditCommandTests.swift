import Foundation
import Testing

/// Student A, and student B whose key starts with the same twelve characters, so that the
/// shortened key a timeline prints (`stu-aaaaaaaa`) fits both.
private let keyA = "stu-" + String(repeating: "a", count: 32)
private let keyB = "stu-aaaaaaaa" + String(repeating: "b", count: 24)

private func line(_ id: String, _ type: String, on date: String, _ payload: String) -> String {
  """
  {"id":"\(id)","type":"\(type)","stream":"1001000001","occurredOn":"\(date)",\
  "actor":"teacher:1","source":{"system":"test","naturalKey":"\(id)"},"payload":\(payload)}
  """
}

private func mark(_ id: String, _ student: String, _ date: String, _ category: String) -> String {
  line(
    id, "attendance.recorded", on: date,
    #"{"studentKey":"\#(student)","date":"\#(date)","category":"\#(category)"}"#)
}

/// A ledger built by two imports, so two recorded times:
///
/// ```
/// import 1:  1 registered   2 m1 A tardy 06-03   3 m2 A unexcused absence 06-04
/// import 2:  4 void of m1 ("entered twice", 06-05)   5 m3 B early departure 06-05
/// ```
/// `between` runs after the first import, before the second.
private func twoImports(in dir: TemporaryDirectory, between: (String) throws -> Void = { _ in })
  throws -> String
{
  let ledger = dir.file("ledger")
  #expect(try CLI.run(["init"], ledger: ledger).status == 0)
  let first = [
    line(
      "reg", "registry.school-registered", on: "2024-06-01",
      #"{"schoolCode":"1001000001","name":"Ban Test School"}"#),
    mark("m1", keyA, "2024-06-03", "tardy"),
    mark("m2", keyA, "2024-06-04", "unexcused-absence"),
  ]
  let second = [
    line(
      "v1", "correction.event-voided", on: "2024-06-05",
      #"{"voidedEventId":"m1","reason":"entered twice"}"#),
    mark("m3", keyB, "2024-06-05", "early-departure"),
  ]
  try first.joined(separator: "\n").write(
    toFile: dir.file("one.jsonl"), atomically: true, encoding: .utf8)
  try second.joined(separator: "\n").write(
    toFile: dir.file("two.jsonl"), atomically: true, encoding: .utf8)
  let one = try CLI.run(["import", dir.file("one.jsonl")], ledger: ledger)
  #expect(one.status == 0, "\(one.stderr)")
  try between(ledger)
  let two = try CLI.run(["import", dir.file("two.jsonl")], ledger: ledger)
  #expect(two.status == 0, "\(two.stderr)")
  return ledger
}

private func json(_ text: String) throws -> Any {
  try JSONSerialization.jsonObject(with: Data(text.utf8))
}

@Suite("replay, diff and explain")
struct AuditCommandTests {
  @Test("replay at a sequence prints what query printed then; the live read models stay put")
  func replayEqualsEarlierQuery() throws {
    let dir = try TemporaryDirectory()
    var earlier: [String: String] = [:]
    let ledger = try twoImports(in: dir) { ledger in
      // Before any 'project': a replay must not create the live read models.
      let replay = try CLI.run(["replay", "school-progress", "--at-seq", "3"], ledger: ledger)
      #expect(replay.status == 0, "\(replay.stderr)")
      #expect(!FileManager.default.fileExists(atPath: ledger + "/read-models"))
      #expect(try CLI.run(["project"], ledger: ledger).status == 0)
      for format in ["table", "json", "csv"] {
        earlier[format] =
          try CLI.run(["query", "school-progress", "--format", format], ledger: ledger).stdout
      }
    }
    for format in ["table", "json", "csv"] {
      let replay = try CLI.run(
        ["replay", "school-progress", "--at-seq", "3", "--format", format], ledger: ledger)
      #expect(replay.status == 0, "\(replay.stderr)")
      #expect(replay.stdout == earlier[format], "\(format)")
    }
    // The live model was projected to 3 and nobody has run 'project' since.
    let status = try json(CLI.run(["status", "--format", "json"], ledger: ledger).stdout)
    let projections = (status as? [String: Any])?["projections"] as? [[String: Any]]
    #expect(projections?.first?["checkpoint"] as? Int == 3)

    // As known at the moment sequence 3 was recorded: the same three events.
    let timeline = try json(
      CLI.run(["timeline", "--school", "1001000001", "--format", "json"], ledger: ledger).stdout)
    let entries = try #require(timeline as? [[String: Any]])
    let recorded = try #require(entries.first { $0["sequence"] as? Int == 3 }?["recordedAt"])
    let known = try CLI.run(
      ["replay", "school-progress", "--as-known-at", "\(recorded)", "--format", "json"],
      ledger: ledger)
    #expect(known.status == 0, "\(known.stderr)")
    #expect(known.stdout == earlier["json"])
    #expect(known.stderr.contains("sequence 3 of 5"), "\(known.stderr)")

    // At the head, replay and a freshly projected query agree.
    #expect(try CLI.run(["project"], ledger: ledger).status == 0)
    let now = try CLI.run(["query", "school-progress", "--format", "csv"], ledger: ledger)
    let head = try CLI.run(
      ["replay", "school-progress", "--at-seq", "5", "--format", "csv"], ledger: ledger)
    #expect(head.stdout == now.stdout)
    #expect(head.stdout != earlier["csv"])
  }

  @Test("diff lists each changed field with before, after and the events in between")
  func diff() throws {
    let dir = try TemporaryDirectory()
    let ledger = try twoImports(in: dir)
    // At 3: A tardy and A absent; at 5: A's tardy voided, B's early departure added. Both
    // marks fall outside any calendar, so that gap stays at 2.
    let csv = try CLI.run(
      ["diff", "school-progress", "--from", "3", "--to", "5", "--format", "csv"], ledger: ledger)
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(
      csv.stdout == """
        school,field,before,after,events
        1001000001,attendanceEvents.early-departure,,1,4-5
        1001000001,attendanceEvents.tardy,1,,4-5
        1001000001,gaps.studentsWithoutEnrolment,1,2,4-5
        1001000001,studentsSeen,1,2,4-5

        """)
    let table = try CLI.run(["diff", "school-progress", "--from", "3"], ledger: ledger)
    #expect(table.status == 0)
    #expect(table.stdout.split(separator: "\n").count == 2 + 4)
    #expect(table.stdout.hasPrefix("school      field "))
    let again = try CLI.run(["diff", "school-progress", "--from", "3"], ledger: ledger)
    #expect(again.stdout == table.stdout)

    let object = try json(
      CLI.run(
        ["diff", "school-progress", "--from", "3", "--to", "5", "--format", "json"],
        ledger: ledger
      ).stdout)
    let diff = try #require(object as? [String: Any])
    #expect(diff["from"] as? Int == 3)
    #expect(diff["to"] as? Int == 5)
    let schools = try #require(diff["schools"] as? [[String: Any]])
    let changes = try #require(schools.first?["changes"] as? [[String: Any]])
    #expect(changes.count == 4)
    #expect(changes[1]["field"] as? String == "attendanceEvents.tardy")
    #expect(changes[1]["before"] as? Int == 1)
    #expect(changes[1]["after"] is NSNull)
    #expect(changes[1]["events"] as? [Int] == [4, 5])

    let none = try CLI.run(
      ["diff", "school-progress", "--from", "5", "--format", "csv"], ledger: ledger)
    #expect(none.stdout == "school,field,before,after,events\n")
  }

  @Test("explain lists the school's inputs with their roles, as of a cut too")
  func explain() throws {
    let dir = try TemporaryDirectory()
    let ledger = try twoImports(in: dir)
    let now = try CLI.run(
      ["explain", "school-progress", "1001000001", "--format", "csv"], ledger: ledger)
    #expect(now.status == 0, "\(now.stderr)")
    #expect(
      now.stdout == """
        seq,type,occurred,summary,role
        1,registry.school-registered,2024-06-01,school 1001000001 registered as Ban Test School,contributes
        2,attendance.recorded,2024-06-03,stu-aaaaaaaa tardy on 2024-06-03,voided by #4
        3,attendance.recorded,2024-06-04,stu-aaaaaaaa unexcused-absence on 2024-06-04,contributes
        4,correction.event-voided,2024-06-05,voids m1: entered twice,void of #2
        5,attendance.recorded,2024-06-05,stu-aaaaaaaa early-departure on 2024-06-05,contributes

        """)
    let then = try CLI.run(
      ["explain", "school-progress", "1001000001", "--at-seq", "3", "--format", "json"],
      ledger: ledger)
    let items = try #require(try json(then.stdout) as? [[String: Any]])
    #expect(items.map { $0["sequence"] as? Int } == [1, 2, 3])
    #expect(items.allSatisfy { $0["role"] as? String == "contributes" })
    let unknown = try CLI.run(["explain", "school-progress", "1009999999"], ledger: ledger)
    #expect(unknown.status == 0)
    #expect(unknown.stderr.contains("the log holds no school '1009999999'"))
  }

  @Test("mistakes get exit 64 and say what to type")
  func usageErrors() throws {
    let dir = try TemporaryDirectory()
    let ledger = try twoImports(in: dir)
    let cases: [([String], String)] = [
      (["replay", "school-progress"], "--at-seq N"),
      (["replay", "--at-seq", "2"], "name the read model to replay: school-ledger replay"),
      (["replay", "attendance", "--at-seq", "2"], "the read models are: school-progress"),
      (["replay", "school-progress", "--at-seq", "9"], "--at-seq 9 is past the log's head"),
      (["replay", "school-progress", "--at-seq", "two"], "sequence number such as 400"),
      (["replay", "school-progress", "--at-seq", "2", "--as-known-at", "2026-01-01"], "not both"),
      (["replay", "school-progress", "--as-known-at", "noon"], "2026-12-03T19:30:04Z"),
      (["replay", "school-progress", "--at-seq", "2", "--chronic-threshold", "5"], "(0, 1]"),
      (["diff", "school-progress", "--to", "3"], "--from A"),
      (["diff", "school-progress", "--from", "4", "--to", "3"], "swap them"),
      (["diff", "school-progress", "--from", "1", "--to", "6"], "--to 6 is past the log's head"),
      (["explain", "school-progress"], "explain school-progress CODE"),
      (["explain", "school-progress", "1001000001", "extra"], "unexpected argument 'extra'"),
      (["timeline", "--school", "1001000001", "--family", "marks"], "registry, enrolment"),
      (["timeline", "--school", "1001000001", "--student", "stu-aa"], "8 to 32 lowercase hex"),
      (["timeline", "--school", "1001000001", "--student", "stu-aaaaaaaa"], "fits 2 students"),
      (
        ["timeline", "--school", "1001000001", "--from", "2024-06-05", "--to", "2024-06-01"], "swap"
      ),
      (["timeline", "--school", "1001000001", "--to", "5 June"], "date YYYY-MM-DD"),
    ]
    for (arguments, hint) in cases {
      let result = try CLI.run(arguments, ledger: ledger)
      #expect(result.status == 64, "\(arguments)")
      #expect(result.stderr.contains(hint), "\(arguments): \(result.stderr)")
      #expect(result.stdout.isEmpty, "\(arguments)")
    }
    for command in ["replay", "diff", "explain", "timeline"] {
      let help = try CLI.run([command, "--help"])
      #expect(help.status == 0)
      #expect(help.stdout.hasPrefix("Usage: school-ledger \(command)"))
    }
  }

  @Test("timeline: filters, a cut that hides a later void, table and csv with the same rows")
  func timeline() throws {
    let dir = try TemporaryDirectory()
    let ledger = try twoImports(in: dir)
    let school = ["timeline", "--school", "1001000001"]
    let csv = try CLI.run(school + ["--format", "csv"], ledger: ledger)
    let rows = csv.stdout.split(separator: "\n").map { $0.split(separator: ",")[0] }
    #expect(rows == ["seq", "1", "2", "3", "4", "5"])
    let table = try CLI.run(school, ledger: ledger)
    #expect(table.stdout.split(separator: "\n").count == 2 + 5)
    #expect(table.stdout.contains("VOIDED by #4: entered twice"))
    #expect(try CLI.run(school, ledger: ledger).stdout == table.stdout)

    let cut = try CLI.run(school + ["--at-seq", "3", "--format", "csv"], ledger: ledger)
    #expect(cut.stdout.split(separator: "\n").count == 1 + 3)
    #expect(!cut.stdout.contains("VOIDED"))

    let student = try CLI.run(
      school + ["--student", keyA, "--family", "attendance", "--format", "csv"], ledger: ledger)
    #expect(student.stdout.split(separator: "\n").map { $0.prefix(2) } == ["se", "2,", "3,"])
    let other = try CLI.run(
      school + ["--student", "stu-aaaaaaaab", "--format", "csv"], ledger: ledger)
    #expect(other.stdout.split(separator: "\n").map { $0.prefix(2) } == ["se", "5,"])
    let corrections = try CLI.run(
      school + ["--student", keyA, "--family", "correction", "--format", "csv"], ledger: ledger)
    let lines = corrections.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    var fields = lines.last?.split(separator: ",", omittingEmptySubsequences: false) ?? []
    #expect(fields.count == 6)
    if fields.count == 6 { fields.remove(at: 2) }  // the recorded time, set by the clock
    #expect(
      fields == [
        "4", "2024-06-05", "correction.event-voided", "voids m1: entered twice", "voids #2",
      ])
  }
}
