import Foundation
import LedgerStore
import Testing

@testable import LedgerAudit

private let python = ["/usr/bin/python3", "/usr/local/bin/python3"]
  .first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("export")
struct ExportTests {
  @Test(
    "an export re-verifies without this program (Python's hashlib)",
    .enabled(if: python != nil, "no python3 to act as the independent verifier"))
  func independentVerification() throws {
    let ledger = try AuditLedger(count: 25)
    let path = ledger.directory.path + "-export.jsonl"
    defer { try? FileManager.default.removeItem(atPath: path) }
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    #expect(try EventExport(log: ledger.log).write(to: handle) == 25)
    try handle.close()

    let script = """
      import hashlib, json, sys
      prev, n = bytes(32), 0
      for line in open(sys.argv[1], encoding="utf-8"):
          r = json.loads(line)
          assert bytes.fromhex(r["previousHash"]) == prev, "link broken at %d" % r["sequence"]
          h = hashlib.blake2b(prev + r["body"].encode("utf-8"), digest_size=32).digest()
          assert h.hex() == r["hash"], "hash wrong at %d" % r["sequence"]
          assert json.loads(r["body"])["sequence"] == r["sequence"]
          prev, n = h, n + 1
      print(n, prev.hex())
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(python))
    process.arguments = ["-c", script, path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let head = try ledger.log.head()
    #expect(text == "25 \(ChainHash.hex(head.hash))\n")
  }

  @Test("a school's export holds only its events, each with its own previous hash")
  func schoolExport() throws {
    let ledger = try AuditLedger(count: 9)
    let path = ledger.directory.path + "-school.jsonl"
    defer { try? FileManager.default.removeItem(atPath: path) }
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    // Streams are 100100000(index % 3): events 3, 6 and 9 are in 1001000000.
    #expect(try EventExport(log: ledger.log).write(school: "1001000000", to: handle) == 3)
    try handle.close()
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    let records = try lines.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(records.compactMap { $0["sequence"] as? Int } == [3, 6, 9])
    for record in records {
      let body = Array((record["body"] as? String ?? "").utf8)
      let previous = try #require(Hex.decode(record["previousHash"] as? String ?? ""))
      #expect(
        ChainHash.hex(ChainHash.link(previous: previous, body: body)) == record["hash"] as? String)
    }
  }
}
