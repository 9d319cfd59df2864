import Foundation
import Testing

@Suite("Mistakes a user makes get a clear answer")
struct UserMistakeTests {
  private func line(_ id: String, _ category: String) -> String {
    """
    {"id":"\(id)","type":"attendance.recorded","stream":"1001000001","occurredOn":"2024-06-03",\
    "actor":"teacher:1","source":{"system":"test","naturalKey":"\(id)"},\
    "payload":{"studentKey":"stu-0123456789abcdef0123456789abcdef","date":"2024-06-03",\
    "category":"\(category)"}}
    """
  }

  @Test("one id with two contents in two files names both files and lines; nothing written")
  func conflictAcrossFiles() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    try [line("a", "tardy"), line("b", "tardy")].joined(separator: "\n")
      .write(toFile: dir.file("one.jsonl"), atomically: true, encoding: .utf8)
    try [line("c", "tardy"), line("b", "excused-absence")].joined(separator: "\n")
      .write(toFile: dir.file("two.jsonl"), atomically: true, encoding: .utf8)
    let result = try CLI.run(
      ["import", dir.file("one.jsonl"), dir.file("two.jsonl")], ledger: ledger)
    #expect(result.status == 65)
    #expect(result.stderr.contains("one.jsonl: line 2: id"), "\(result.stderr)")
    #expect(result.stderr.contains("two.jsonl: line 2: id"), "\(result.stderr)")
    #expect(try CLI.run(["verify"], ledger: ledger).stdout.hasPrefix("intact: 0 records"))
  }

  @Test("bytes that are not UTF-8, a line that is not an object, an unknown code: each named")
  func badLinesAreNamed() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    // Line 1 holds 0xFF 0xFE inside its reason: `,"reason":"x` is 12 bytes, so 0xFF is byte
    // 13 after the prefix.
    let good = line("a", "tardy")
    let prefix = Array(good.utf8.prefix(good.utf8.count - 2))
    let badBytes = prefix + Array(#","reason":"x"#.utf8) + [0xFF, 0xFE] + Array(#""}}"#.utf8)
    var file = badBytes + [0x0A]
    file += Array("[1, 2]\n".utf8)
    file += Array(line("c", "sleeping").utf8)
    try Data(file).write(to: URL(fileURLWithPath: dir.file("bad.jsonl")))

    let result = try CLI.run(["import", dir.file("bad.jsonl")], ledger: ledger)
    #expect(result.status == 65)
    #expect(
      result.stderr.contains(
        "bad.jsonl: line 1: -: is not valid UTF-8 at byte \(prefix.count + 13) of the line"),
      "\(result.stderr)")
    #expect(
      result.stderr.contains("bad.jsonl: line 2: -: is not a JSON object"), "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "bad.jsonl: line 3: payload.category: 'sleeping' is not a known AttendanceCategory code"),
      "\(result.stderr)")
    #expect(try CLI.run(["verify"], ledger: ledger).stdout.hasPrefix("intact: 0 records"))
  }

  @Test("a JSON Lines file that starts with a byte order mark imports")
  func byteOrderMarkIsSkipped() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    try Data([0xEF, 0xBB, 0xBF] + Array(line("a", "tardy").utf8))
      .write(to: URL(fileURLWithPath: dir.file("bom.jsonl")))
    let result = try CLI.run(["import", dir.file("bom.jsonl")], ledger: ledger)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try CLI.run(["verify"], ledger: ledger).stdout.hasPrefix("intact: 1 records"))
  }

  @Test("an import expecting another stream version exits 75 and writes nothing")
  func expectedVersionMismatch() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    try line("a", "tardy").write(toFile: dir.file("a.jsonl"), atomically: true, encoding: .utf8)
    try line("b", "tardy").write(toFile: dir.file("b.jsonl"), atomically: true, encoding: .utf8)
    let first = try CLI.run(
      ["import", dir.file("a.jsonl"), "--expect", "1001000001=none"], ledger: ledger)
    #expect(first.status == 0, "\(first.stderr)")
    let stale = try CLI.run(
      ["import", dir.file("b.jsonl"), "--expect", "1001000001=none"], ledger: ledger)
    #expect(stale.status == 75)
    #expect(stale.stderr.contains("is at version 1"))
    let retry = try CLI.run(
      ["import", dir.file("a.jsonl"), "--expect", "1001000001=none"], ledger: ledger)
    #expect(retry.status == 0, "a retry of a committed import succeeds: \(retry.stderr)")
    let current = try CLI.run(
      ["import", dir.file("b.jsonl"), "--expect", "1001000001=1"], ledger: ledger)
    #expect(current.status == 0)
    #expect(try CLI.run(["verify"], ledger: ledger).stdout.hasPrefix("intact: 2 records"))
  }

  @Test("a missing duration means a whole day")
  func durationOptional() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    try line("a", "unexcused-absence").write(
      toFile: dir.file("one.jsonl"), atomically: true, encoding: .utf8)
    #expect(try CLI.run(["import", dir.file("one.jsonl")], ledger: ledger).status == 0)
    let timeline = try CLI.run(
      ["timeline", "--school", "1001000001", "--format", "json"], ledger: ledger)
    #expect(timeline.stdout.contains("unexcused-absence on 2024-06-03"))
    #expect(!timeline.stdout.contains("day)"))
  }

  @Test("query before any projection ran says to run project")
  func queryBeforeProject() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    let result = try CLI.run(["query", "school-progress"], ledger: ledger)
    #expect(result.status == 64)
    #expect(result.stderr.contains("run 'school-ledger project' first"))
  }

  @Test("a lost secret is not silently replaced; --new-secret replaces it knowingly")
  func lostSecret() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    try FileManager.default.removeItem(atPath: ledger + "/pseudonym.key")
    let refused = try CLI.run(["init"], ledger: ledger)
    #expect(refused.status == 64)
    #expect(refused.stderr.contains("Restore it from a backup"))
    #expect(!FileManager.default.fileExists(atPath: ledger + "/pseudonym.key"))
    #expect(try CLI.run(["import", dir.path], ledger: ledger).status == 64)
    let replaced = try CLI.run(["init", "--new-secret"], ledger: ledger)
    #expect(replaced.status == 0)
    #expect(replaced.stderr.contains("new pseudonym secret"))
    #expect(FileManager.default.fileExists(atPath: ledger + "/pseudonym.key"))
  }

  @Test("unknown options, missing values and stray words are usage errors")
  func usageErrors() throws {
    let cases: [([String], String)] = [
      (["verify", "--bogus"], "unknown option --bogus"),
      (["timeline", "--school"], "--school needs a value"),
      (["init", "myledger"], "unexpected argument 'myledger'"),
      (["query", "school-progress", "--format", "xml"], "--format must be table, json or csv"),
    ]
    for (arguments, message) in cases {
      let result = try CLI.run(arguments)
      #expect(result.status == 64, "\(arguments)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
  }
}
