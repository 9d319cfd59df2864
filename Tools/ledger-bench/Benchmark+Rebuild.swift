import Foundation
import LedgerProjections
import LedgerStore

extension Benchmark {
  /// Rebuilds each built-in projection from sequence 1 into a fresh read-model store, then
  /// all of them together (kept for the queries), and scans the log three ways beside the
  /// baselines' scans: what a rebuild cannot beat.
  func rebuildPhase() throws {
    let events = Double(try log.head().sequence)
    for projection in ProjectionCatalogue.all {
      let path = root + "/read-models-" + projection.name
      let nanoseconds = try phase("rebuild \(projection.name)") {
        try rebuild([projection], into: path)
      }
      try? FileManager.default.removeItem(atPath: path)
      table.add(
        Figure(
          name: "rebuild \(projection.name)", unit: "events/s",
          ledger: events / (Double(nanoseconds) / 1e9)))
    }
    let all = try phase("rebuild all") {
      try rebuild(ProjectionCatalogue.all, into: ledger.readModelsPath)
    }
    table.add(
      Figure(
        name: "rebuild all (\(ProjectionCatalogue.all.count))", unit: "events/s",
        ledger: events / (Double(all) / 1e9)))
    try scanFigures(events: events)
  }

  private func rebuild(_ projections: [any Projection], into path: String) throws -> UInt64 {
    let store = try ReadModelStore(path: path)
    let runner = ProjectionRunner(log: log, store: store, logger: .silent)
    let (progress, nanoseconds) = try Stopwatch.time { try runner.catchUp(projections) }
    if let failure = progress.compactMap(\.failure).first { throw BenchError("\(failure)") }
    return nanoseconds
  }

  private func scanFigures(events: Double) throws {
    let rate = { (nanoseconds: UInt64) in events / (Double(nanoseconds) / 1e9) }
    let (decoded, decodeTime) = try phase("scan (ledger)") {
      try Stopwatch.time {
        try log.read { reader in
          var count = 0
          try reader.forEachRecord { _ in
            count += 1
            return true
          }
          return count
        }
      }
    }
    let (raw, rawTime) = try Stopwatch.time {
      try log.read { reader in
        var count = 0
        try reader.forEachRawRecord { _, value in
          count += value.count > 0 ? 1 : 0
          return true
        }
        return count
      }
    }
    let baselines = try phase("scan (baselines)") {
      (
        try Stopwatch.time { try rawLMDB.scanEvents() },
        try Stopwatch.time { try sqliteNormal.scanEvents() },
        try Stopwatch.time { try sqliteFull.scanEvents() }
      )
    }
    guard decoded == raw, Double(raw) == events, baselines.0.result.events == raw else {
      throw BenchError(
        "scans disagree: \(decoded) decoded, \(raw) raw, \(baselines.0.result.events) baseline")
    }
    table.add(
      Figure(
        name: "scan, decode every event", unit: "events/s", ledger: rate(decodeTime),
        rawLMDB: rate(baselines.0.nanoseconds), sqliteNormal: rate(baselines.1.nanoseconds),
        sqliteFull: rate(baselines.2.nanoseconds)))
    table.add(
      Figure(
        name: "scan, stored bytes only", unit: "events/s", ledger: rate(rawTime),
        rawLMDB: rate(baselines.0.nanoseconds), sqliteNormal: rate(baselines.1.nanoseconds),
        sqliteFull: rate(baselines.2.nanoseconds)))
  }
}
