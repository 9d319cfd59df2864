import Foundation
import LedgerEvents
import Testing

@testable import LedgerStore

/// Ways a client can retry an append whose acknowledgement it never saw.
enum RetryCase: String, CaseIterable, CustomTestStringConvertible {
  case atOnce = "at once"
  case afterRestart = "after reopening the log"
  case afterAMillionOthers = "after a million other events"
  case insideOverlappingBatch = "inside a batch that partly overlaps the first"
  case withExpectedVersion = "with the expected version the first attempt stated"

  var testDescription: String { rawValue }
}

@Suite("Idempotent retries")
struct IdempotencyMatrixTests {
  @Test("a retried event id is stored once", arguments: RetryCase.allCases)
  func retriedOnce(_ retry: RetryCase) throws {
    let ledger = try TemporaryLedger()
    var log: EventLog? = try ledger.openLog()
    let first = [attendance("r1", school: "A"), attendance("r2", school: "A")]
    let firstOutcome = try #require(log).append(first, expectations: ["A": .noStream])
    #expect(firstOutcome.results == [.appended(1), .appended(2)])
    var others = 0

    let outcome: AppendOutcome
    switch retry {
    case .atOnce:
      outcome = try #require(log).append(first)
    case .afterRestart:
      log = nil
      log = try ledger.openLog()
      outcome = try #require(log).append(first)
    case .afterAMillionOthers:
      others = 1_000_000
      try appendMany(others, to: try #require(log))
      outcome = try #require(log).append(first)
    case .insideOverlappingBatch:
      outcome = try #require(log).append([attendance("r0", school: "A")] + first)
      others = 1
    case .withExpectedVersion:
      outcome = try #require(log).append(first, expectations: ["A": .noStream])
    }

    let expectedFirst: [AppendResult] = [.alreadyPresent(1), .alreadyPresent(2)]
    #expect(Array(outcome.results.suffix(2)) == expectedFirst)
    let head = try #require(log).head()
    #expect(head.sequence == UInt64(2 + others))
    try #require(log).read { (reader: LogReader) throws in
      #expect(try reader.sequence(ofEventId: "r1") == 1)
      #expect(try reader.sequence(ofEventId: "r2") == 2)
    }
    #expect(try #require(log).verifyChain().isIntact)
  }

  @Test("a retry with other content is refused, naming both records")
  func conflictNamesBoth() throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    try log.append([attendance("r1")])
    var changed = attendance("r1", category: .tardy)
    changed.source = EventSource(system: "register", naturalKey: "row 7")
    #expect {
      try log.append([attendance("r2"), changed])
    } throws: { error in
      let message = (error as? StoreError)?.message ?? ""
      return message.contains("sequence 1") && message.contains("'r1'")
        && message.contains("register record 'row 7'")
    }
    #expect(try log.head().sequence == 1)
  }

  @Test("a batch repeating one id twice with other content is refused")
  func conflictInsideBatch() throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    #expect {
      try log.append([attendance("r1"), attendance("r1", category: .tardy)])
    } throws: { ($0 as? StoreError)?.code == .idConflict }
    #expect(try log.head().sequence == 0)
  }

  /// Appends `count` small events in large batches, the way an import does.
  private func appendMany(_ count: Int, to log: EventLog) throws {
    let batch = 50_000
    for start in stride(from: 0, to: count, by: batch) {
      let events = (start..<min(start + batch, count)).map {
        attendance("m\($0)", school: "S\($0 % 50)", date: "2024-06-03")
      }
      try log.append(events)
    }
  }
}
