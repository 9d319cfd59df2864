import Foundation
import LedgerEvents
import LedgerStore
import Testing

@testable import LedgerAudit

/// A ledger with `count` attendance events, in a fresh temporary directory.
final class AuditLedger {
  let directory: LedgerDirectory
  let log: EventLog

  init(count: Int) throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("audit-test-\(UUID().uuidString)").path
    directory = LedgerDirectory(path: path)
    try directory.create()
    log = try directory.openLog(clock: { Timestamp(microseconds: 1_000_000) })
    try append(count, from: 1)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: directory.path)
  }

  func append(_ count: Int, from first: Int) throws {
    try log.append(
      (first..<first + count).map { index in
        EventEnvelope(
          id: "e\(index)", stream: "100100000\(index % 3)", occurredOn: "2024-06-03",
          actor: "teacher:1", source: EventSource(system: "test", naturalKey: "e\(index)"),
          payload: .attendanceRecorded(
            AttendanceRecorded(
              studentKey: "stu-" + String(repeating: "d", count: 32), date: "2024-06-03",
              category: .unexcusedAbsence)))
      })
  }

  /// What a tamperer with write access does: rewrite one record's content, then recompute
  /// and store every later hash so that the chain verifies again.
  func rewrite(sequence target: UInt64) throws {
    let head = try log.head().sequence
    try log.environment.write { txn in
      var previous =
        target == 1
        ? ChainHash.genesis
        : Array(try #require(try txn.get("events", key(target - 1))).prefix(32))
      for sequence in target...head {
        let stored = try #require(try txn.get("events", key(sequence)))
        var body = Array(stored.dropFirst(32))
        if sequence == target {
          body = Array(
            String(decoding: body, as: UTF8.self)
              .replacingOccurrences(of: "unexcused-absence", with: "excused-absence").utf8)
        }
        let hash = ChainHash.link(previous: previous, body: body)
        try txn.put("events", key(sequence), hash + body)
        previous = hash
      }
    }
  }

  private func key(_ sequence: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: sequence >> (56 - 8 * $0)) }
  }
}

@Suite("Sealed checkpoints")
struct SealTests {
  @Test("a rewritten history with a recomputed chain passes plain verify but fails the seal")
  func rewriteAfterSeal() throws {
    let ledger = try AuditLedger(count: 40)
    let keys = SealKeys.generate()
    let seal = try Seal.make(log: ledger.log, keys: keys, now: Timestamp(microseconds: 5))
    try ledger.append(10, from: 41)
    #expect(
      try SealCheck.check(seal, log: ledger.log, trustedKey: keys.publicKey)
        == .holds(headSequence: 40))

    try ledger.rewrite(sequence: 7)
    #expect(try ledger.log.verifyChain().isIntact, "the tamperer's chain verifies")
    let check = try SealCheck.check(seal, log: ledger.log, trustedKey: keys.publicKey)
    guard case .differs(let sequence, _) = check else {
      Issue.record("expected the seal to fail, got \(check)")
      return
    }
    #expect(sequence == 7)
  }

  @Test("a seal read back from its file still holds; an edited seal does not verify")
  func sealFile() throws {
    let ledger = try AuditLedger(count: 12)
    let keys = SealKeys.generate()
    let path = ledger.directory.path + "-seal.json"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let seal = try Seal.make(log: ledger.log, keys: keys, now: Timestamp(microseconds: 5))
    try seal.fileContents().write(to: URL(fileURLWithPath: path))
    let read = try Seal.read(path)
    #expect(read == seal)
    #expect(try SealCheck.check(read, log: ledger.log, trustedKey: nil) == .holds(headSequence: 12))

    var forged = read
    forged.headSequence = 11
    #expect(try SealCheck.check(forged, log: ledger.log, trustedKey: nil) == .invalidSignature)
    let other = SealKeys.generate()
    #expect(
      try SealCheck.check(read, log: ledger.log, trustedKey: other.publicKey)
        == .untrustedKey(Hex.encode(keys.publicKey)))
  }

  @Test("a log cut short of the sealed head fails at the first missing sequence")
  func truncatedLog() throws {
    let ledger = try AuditLedger(count: 10)
    let keys = SealKeys.generate()
    let seal = try Seal.make(log: ledger.log, keys: keys, now: Timestamp(microseconds: 5))
    try ledger.log.environment.write { txn in
      for sequence: UInt64 in 9...10 {
        try txn.delete(
          "events", (0..<8).map { UInt8(truncatingIfNeeded: sequence >> (56 - 8 * $0)) })
      }
    }
    #expect(try ledger.log.verifyChain().firstBreak == nil, "a cut tail leaves a valid chain")
    guard
      case .differs(let sequence, _) = try SealCheck.check(seal, log: ledger.log, trustedKey: nil)
    else {
      Issue.record("the seal should fail")
      return
    }
    #expect(sequence == 9)
  }
}
