import LedgerEvents
import LedgerStore

extension Benchmark {
  /// Times durable one-event transactions: the ledger's `append` of one event, then the same
  /// stored bytes written one per transaction to raw LMDB (synchronous commit) and to SQLite
  /// at each synchronous level.
  func singleAppendPhase() throws {
    let events = singleEvents()
    let ledgerSamples = try phase("single appends (ledger)") {
      var samples = LatencySamples()
      for event in events {
        let (outcome, nanoseconds) = try Stopwatch.time { try log.append([event]) }
        guard outcome.appendedCount == 1 else { throw BenchError("single append stored nothing") }
        samples.add(nanoseconds)
      }
      return samples
    }

    let first = try log.head().sequence - UInt64(events.count) + 1
    var raw = LatencySamples()
    var normal = LatencySamples()
    var full = LatencySamples()
    try phase("single appends (baselines)") {
      for (offset, event) in events.enumerated() {
        let prepared = try feeder.prepare([event], first: first + UInt64(offset))
        let keys = prepared.keys()
        raw.add(try Stopwatch.time { try rawLMDB.appendBatch(prepared, keys: keys) }.nanoseconds)
        normal.add(try Stopwatch.time { try sqliteNormal.appendBatch(prepared) }.nanoseconds)
        full.add(try Stopwatch.time { try sqliteFull.appendBatch(prepared) }.nanoseconds)
      }
    }
    for (name, pick) in [("single append p50", \LatencySamples.p50), ("single append p99", \.p99)] {
      table.add(
        Figure(
          name: name, unit: "ms", ledger: ledgerSamples[keyPath: pick], rawLMDB: raw[keyPath: pick],
          sqliteNormal: normal[keyPath: pick], sqliteFull: full[keyPath: pick], digits: 3))
    }
  }

  /// Late tardy marks, one per school in turn, for students the generator never made: new
  /// ids, so each append stores one event.
  private func singleEvents() -> [EventEnvelope] {
    let schools = network.schoolCodes
    return (0..<options.singleAppends).map { index in
      let school = schools[index % schools.count]
      let key = pseudonyms.studentKey(system: "ledger-bench", id: "single-\(index)")
      return EventEnvelope(
        id: "bench/single/\(index)", stream: school, occurredOn: "2025-03-28",
        actor: "teacher:" + school + "-bench",
        source: EventSource(system: "ledger-bench", naturalKey: "single/\(index)"),
        payload: .attendanceRecorded(
          AttendanceRecorded(studentKey: key, date: "2025-03-28", category: .tardy)))
    }
  }
}
