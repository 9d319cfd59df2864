import Foundation
import LedgerEvents
import Testing

@testable import LedgerStore

@Suite("Verifying the hash chain")
struct ChainVerificationTests {
  private func filledLog(_ ledger: TemporaryLedger, count: Int = 5) throws -> EventLog {
    let log = try ledger.openLog()
    try log.append((1...count).map { attendance("e\($0)", date: "2024-05-\(15 + $0)") })
    return log
  }

  @Test("an untouched log verifies, and its head hash is BLAKE2b over the previous hash")
  func untouchedVerifies() throws {
    let ledger = try TemporaryLedger()
    let log = try filledLog(ledger)
    let report = try log.verifyChain()
    #expect(report.isIntact)
    #expect(report.checked == 5)
    // Recompute the first link independently from the stored bytes.
    let first = try #require(try log.read { try $0.record(at: 1) })
    #expect(first.hash == ChainHash.link(previous: ChainHash.genesis, body: first.body))
    #expect(first.hash.count == 32)
  }

  @Test("changing one byte of a stored event breaks verification at that sequence")
  func alteredRecord() throws {
    let ledger = try TemporaryLedger()
    let log = try filledLog(ledger)
    try log.environment.write { txn in
      let key = KeyLayout.uint64(3)
      var value = try #require(try txn.get("events", key))
      let text = String(decoding: value, as: UTF8.self)
      let altered = text.replacingOccurrences(of: "unexcused-absence", with: "excused-absence")
      value = Array(altered.utf8)
      try txn.put("events", key, value)
    }
    let report = try log.verifyChain()
    #expect(report.firstBreak?.sequence == 3)
    #expect(report.checked == 2)
  }

  @Test("removing a record names the first missing sequence")
  func removedRecord() throws {
    let ledger = try TemporaryLedger()
    let log = try filledLog(ledger)
    try log.environment.write { txn in try txn.delete("events", KeyLayout.uint64(2)) }
    #expect(try log.verifyChain().firstBreak?.sequence == 2)
  }

  @Test("swapping two records breaks verification at the first of them")
  func reorderedRecords() throws {
    let ledger = try TemporaryLedger()
    let log = try filledLog(ledger)
    try log.environment.write { txn in
      let two = try #require(try txn.get("events", KeyLayout.uint64(2)))
      let four = try #require(try txn.get("events", KeyLayout.uint64(4)))
      try txn.put("events", KeyLayout.uint64(2), four)
      try txn.put("events", KeyLayout.uint64(4), two)
    }
    #expect(try log.verifyChain().firstBreak?.sequence == 2)
  }
}
