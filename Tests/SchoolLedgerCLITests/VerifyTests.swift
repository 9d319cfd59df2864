import Foundation
import LedgerStore
import Testing

@Suite("verify")
struct VerifyTests {
  private func jsonLine(_ id: String, _ date: String) -> String {
    """
    {"id":"\(id)","type":"attendance.recorded","stream":"1001000001","occurredOn":"\(date)",\
    "actor":"teacher:1","source":{"system":"test","naturalKey":"\(id)"},\
    "payload":{"studentKey":"stu-0123456789abcdef0123456789abcdef","date":"\(date)",\
    "category":"unexcused-absence","duration":1}}
    """
  }

  @Test("an untouched ledger verifies; one altered event is named by its sequence")
  func alteredEventIsNamed() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    let lines = (1...6).map { jsonLine("e\($0)", "2024-06-0\($0)") }
    try lines.joined(separator: "\n").write(
      toFile: dir.file("events.jsonl"), atomically: true, encoding: .utf8)
    let imported = try CLI.run(["import", dir.file("events.jsonl")], ledger: ledger)
    #expect(imported.status == 0, "\(imported.stderr)")
    let clean = try CLI.run(["verify"], ledger: ledger)
    #expect(clean.status == 0)
    #expect(clean.stdout.hasPrefix("intact: 6 records"))

    // Alter event 4 through LMDB directly, as someone with access to the files could.
    let environment = try LMDBEnvironment(
      path: ledger + "/log", databases: ["events"], readOnly: false)
    try environment.write { txn in
      let key: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 4]
      let value = try #require(try txn.get("events", key))
      let text = String(decoding: value.dropFirst(32), as: UTF8.self)
        .replacingOccurrences(of: "unexcused-absence", with: "excused-absence")
      try txn.put("events", key, Array(value.prefix(32)) + Array(text.utf8))
    }
    let broken = try CLI.run(["verify"], ledger: ledger)
    #expect(broken.status == 1)
    #expect(broken.stdout.contains("sequence 4"))
  }

  @Test("a JSON Lines line with a bad field is refused naming line and field")
  func badJSONLine() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    let lines = [jsonLine("e1", "2024-06-01"), jsonLine("e2", "2024-06-31")]
    try lines.joined(separator: "\n").write(
      toFile: dir.file("bad.jsonl"), atomically: true, encoding: .utf8)
    let result = try CLI.run(["import", dir.file("bad.jsonl")], ledger: ledger)
    #expect(result.status == 65)
    #expect(result.stderr.contains("bad.jsonl: line 2: occurredOn"))
    #expect(try CLI.run(["verify"], ledger: ledger).stdout.hasPrefix("intact: 0 records"))
  }
}
