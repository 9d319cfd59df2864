import Foundation
import LedgerAudit
import LedgerEvents
import LedgerImport
import LedgerProjections
import LedgerStore
import Testing

/// Counts attendance marks per school, and fails on a mark dated 2024-05-21.
private struct FragileCount: Projection {
  let name = "fragile-count"
  let version = 1
  let eventTypes: Set<EventType> = [.attendanceRecorded]

  func apply(_ event: RecordedEvent, to model: inout ReadModelWriter) throws {
    if event.envelope.occurredOn == "2024-05-21" { throw Poison() }
    try model.update(event.stream, default: 0) { $0 += 1 }
  }

  func retract(_ voided: RecordedEvent, to model: inout ReadModelWriter) throws {
    try model.update(voided.stream, default: 0) { $0 -= 1 }
  }

  struct Poison: Error {}
}

@Suite("Replay")
struct ReplayTests {
  @Test("as-known-at finds the last sequence recorded by then, clock ties and steps back included")
  func asKnownAtSearch() throws {
    let ledger = try HistoryLedger()
    let replay = Replay(log: ledger.log, scratchDirectory: ledger.scratch)
    #expect(try replay.sequence(asKnownAt: Timestamp(microseconds: 5)) == 0)

    let s = HistoryEvents()
    // Sequences 1-3 at 10 µs, 4 at 20, 5-6 at 20 again, 7 at 50; then the clock goes back to
    // 30 but the log keeps 50 for sequence 8, since recorded time never decreases.
    let batches: [(count: Int, at: Int64)] = [(3, 10), (1, 20), (2, 20), (1, 50), (1, 30)]
    var next = 0
    for batch in batches {
      let events = (0..<batch.count).map { offset in
        s.mark("m\(next + offset)", studentKeyA, "2024-05-20", .tardy)
      }
      next += batch.count
      try ledger.append(events, at: batch.at)
    }
    let expected: [(Int64, UInt64)] = [
      (9, 0), (10, 3), (19, 3), (20, 6), (49, 6), (50, 8), (1_000_000, 8),
    ]
    for (moment, sequence) in expected {
      #expect(try replay.sequence(asKnownAt: Timestamp(microseconds: moment)) == sequence)
    }
    // The recorded times themselves, read one by one: the route the search avoids.
    let stamps = try ledger.log.read { reader in
      try (1...8).map { try reader.event(at: $0)?.recordedAt.microseconds }
    }
    #expect(stamps == [10, 10, 10, 20, 20, 20, 50, 50])
  }

  @Test("a replay at every sequence equals the live runner stopped at that sequence")
  func replayEqualsLiveRunner() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    let replay = Replay(log: ledger.log, scratchDirectory: ledger.scratch)
    let store = try ledger.liveStore()
    let runner = ProjectionRunner(log: ledger.log, store: store, logger: .silent)
    for sequence in UInt64(0)...14 {
      _ = try runner.catchUp(SchoolProgressProjection(), through: sequence)
      let live = try store.read { try SchoolProgressReport().rows($0) }
      #expect(try replay.schoolProgress(through: sequence) == live, "at \(sequence)")
    }
    #expect(try store.checkpoint("school-progress")?.sequence == 14)
    #expect(try ledger.scratchLeftovers() == [])
  }

  @Test("on the sample network, replays at cuts equal the live runner; live models untouched")
  func sampleNetwork() throws {
    let ledger = try HistoryLedger()
    let network = SampleNetwork(
      configuration: .init(schools: 3, networks: 1, studentsPerSchool: 12, seed: 7),
      pseudonyms: PseudonymousKey(secret: Array(repeating: 9, count: 32)))
    var batch: Int64 = 0
    try network.generate(batchSize: 250) { events in
      batch += 1
      try ledger.append(events, at: batch * 1_000_000)
    }
    let head = try ledger.log.head().sequence
    let voids = try ledger.log.read { try $0.sequences(ofType: .eventVoided) }
    #expect(!voids.isEmpty)
    let replay = Replay(log: ledger.log, scratchDirectory: ledger.scratch)
    let store = try ledger.liveStore()
    let runner = ProjectionRunner(log: ledger.log, store: store, logger: .silent)
    let report = SchoolProgressReport(chronicAbsenceThreshold: 0.05)
    let cuts = Set([1, head / 3, voids[0] - 1, voids[0], head / 2, head - 1, head]).sorted()
    for sequence in cuts {
      _ = try runner.catchUp(SchoolProgressProjection(), through: sequence)
      let live = try store.read { try report.rows($0) }
      #expect(
        try replay.schoolProgress(through: sequence, report: report) == live, "at \(sequence)")
      #expect(try store.checkpoint("school-progress")?.sequence == sequence)
    }
    // As known at the end of batch 2: exactly the first 500 events.
    #expect(try replay.sequence(asKnownAt: Timestamp(microseconds: 2_999_999)) == 500)
    #expect(try ledger.scratchLeftovers() == [])
  }

  @Test("one school's replay is that school's row only")
  func oneSchool() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    let replay = Replay(log: ledger.log, scratchDirectory: ledger.scratch)
    let rows = try replay.schoolProgress(through: 14, school: "1001000002")
    #expect(rows.map(\.schoolCode) == ["1001000002"])
    #expect(rows.first?.attendanceEvents == ["tardy": 1])
    #expect(try replay.schoolProgress(through: 5, school: "1001000002") == [])
  }

  @Test("an event the projection cannot apply fails the replay; the scratch is removed")
  func failingProjection() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    let replay = Replay(log: ledger.log, scratchDirectory: ledger.scratch)
    let counts = try replay.rebuild(FragileCount(), through: [3, 1]) { reader in
      try reader.row("fragile-count", "1001000001", as: Int.self)
    }
    #expect(counts == [1, nil])
    // Sequence 4 is the tardy of 2024-05-21: a replay through it, or past it, must fail
    // rather than show the state before it.
    for sequence: UInt64 in [4, 12] {
      let error = #expect(throws: ProjectionError.self) {
        _ = try replay.rebuild(FragileCount(), through: [sequence]) { _ in 0 }
      }
      #expect(error?.sequence == 4)
      #expect(error?.eventId == "tardy-2")
    }
    #expect(try ledger.scratchLeftovers() == [])
  }
}
