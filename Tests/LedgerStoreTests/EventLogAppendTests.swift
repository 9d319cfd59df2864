import CLMDB
import Foundation
import LedgerEvents
import Testing

@testable import LedgerStore

@Suite("Appending to the log")
struct EventLogAppendTests {
  @Test("a batch gets dense sequence numbers from 1 and per-school stream versions")
  func denseSequences() throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    let outcome = try log.append([
      attendance("e1", school: "A"), attendance("e2", school: "B"),
      attendance("e3", school: "A"),
    ])
    #expect(outcome.results == [.appended(1), .appended(2), .appended(3)])
    let more = try log.append([attendance("e4", school: "B")])
    #expect(more.results == [.appended(4)])
    try log.read { (reader: LogReader) throws in
      #expect(try reader.sequences(inStream: "A") == [1, 3])
      #expect(try reader.sequences(inStream: "B") == [2, 4])
      #expect(try reader.streamVersion("B") == 2)
      #expect(try reader.event(at: 4)?.streamVersion == 2)
      #expect(try reader.sequence(ofEventId: "e3") == 3)
      #expect(try reader.sequences(forStudent: studentA) == [1, 2, 3, 4])
      #expect(try reader.sequences(ofType: .attendanceRecorded) == [1, 2, 3, 4])
    }
  }

  @Test("re-appending an id with the same content is a no-op reporting the stored sequence")
  func idempotentRetry() throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    try log.append([attendance("e1"), attendance("e2")])
    let retry = try log.append([attendance("e2"), attendance("e3"), attendance("e3")])
    #expect(retry.results == [.alreadyPresent(2), .appended(3), .alreadyPresent(3)])
    #expect(try log.head().sequence == 3)
  }

  @Test("an id already stored with other content fails the whole batch and writes nothing")
  func conflictingContent() throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    try log.append([attendance("e1")])
    let headBefore = try log.head()
    #expect {
      try log.append([attendance("e2"), attendance("e1", category: .tardy)])
    } throws: { ($0 as? StoreError)?.code == .idConflict }
    #expect(try log.head() == headBefore)
    #expect(try log.read { try $0.sequence(ofEventId: "e2") } == nil)
  }

  @Test("an invalid event is refused, naming the field, and nothing is written")
  func invalidEvent() throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    #expect {
      try log.append([attendance("e1"), attendance("e2", duration: 1.5)])
    } throws: { error in
      guard let error = error as? StoreError else { return false }
      return error.code == .invalidEvent && error.message.contains("payload.duration")
        && error.message.contains("e2")
    }
    #expect(try log.head().sequence == 0)
  }

  @Test("a national id in a student field is refused")
  func nationalIdRefused() throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    #expect {
      try log.append([attendance("e1", student: "1101700203451")])
    } throws: { ($0 as? StoreError)?.message.contains("national id") ?? false }
  }

  @Test("expected stream versions are checked before anything is written")
  func expectedVersion() throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    try log.append([attendance("e1", school: "A")], expectations: ["A": .noStream])
    #expect {
      try log.append([attendance("e2", school: "A")], expectations: ["A": .noStream])
    } throws: { ($0 as? StoreError)?.code == .wrongExpectedVersion }
    try log.append([attendance("e2", school: "A")], expectations: ["A": .exactly(1)])
    #expect(try log.head().sequence == 2)
  }

  @Test("recorded time never goes backwards when the clock does")
  func recordedTimeMonotonic() throws {
    let ledger = try TemporaryLedger()
    let times = ClockScript([5_000, 3_000, 7_000])
    let log = try ledger.openLog(clock: { times.next() })
    try log.append([attendance("e1")])
    try log.append([attendance("e2")])
    try log.append([attendance("e3")])
    let stamps = try log.read { (reader: LogReader) throws in
      try (1...3).map { try reader.event(at: $0)?.recordedAt.microseconds }
    }
    #expect(stamps == [5_000, 5_000, 7_000])
  }

  @Test("a log written in a newer format is refused with a clear message")
  func newerFormatRefused() throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    try log.environment.write { txn in
      try txn.put("meta", Array("format-version".utf8), KeyLayout.uint64(99))
    }
    #expect {
      _ = try ledger.openLog()
    } throws: { error in
      (error as? StoreError)?.code == .unsupportedFormat
        && ((error as? StoreError)?.message.contains("format 99") ?? false)
    }
  }

  @Test("the map grows when a batch does not fit")
  func mapGrowth() throws {
    let ledger = try TemporaryLedger()
    let log = try EventLog(path: ledger.directory.logPath, initialMapSize: 256 * 1024)
    let events = (1...3_000).map { attendance("grow-\($0)", school: "S\($0 % 7)") }
    try log.append(events)
    #expect(try log.head().sequence == 3_000)
    #expect(log.environment.mapSize > 256 * 1024)
    #expect(try log.verifyChain().isIntact)
  }
}

/// Hands out scripted clock readings in order.
final class ClockScript: @unchecked Sendable {
  // Safe: tests call it from one thread at a time, under the lock.
  private var readings: [Int64]
  private let lock = NSLock()

  init(_ readings: [Int64]) { self.readings = readings }

  func next() -> Timestamp {
    lock.withLock { Timestamp(microseconds: readings.removeFirst()) }
  }
}
