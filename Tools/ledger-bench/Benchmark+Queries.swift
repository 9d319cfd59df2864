import Foundation
import LedgerAudit
import LedgerProjections
import LedgerStore

extension Benchmark {
  /// Times the three queries network staff and auditors run, on schools and networks
  /// chosen at random (the same ones in every run at one scale), after one untimed warm-up
  /// call each. The timeline's baselines read the same school's stored events through
  /// their stream index without decoding them.
  func queryPhase() throws {
    let store = try ReadModelStore(path: ledger.readModelsPath, readOnly: true)
    let schools = network.schoolCodes
    let networks = (1...network.configuration.networks).map {
      "net-" + (($0 < 10 ? "0" : "") + String($0))
    }
    let timeline = Timeline(log: log)
    let year = TimelineFilter(from: "2024-05-01", to: "2025-04-30")
    var chooser = SampleChooser(seed: 2567)

    try phase("queries") {
      let progress = try sample { _ in
        let code = schools[chooser.index(below: schools.count)]
        let rows = try store.read { try SchoolProgressReport().rows($0, school: code) }
        guard rows.count == 1 else { throw BenchError("no progress row for \(code)") }
      }
      addLatency("query school progress row", progress)

      let summary = try sample { _ in
        let id = networks[chooser.index(below: networks.count)]
        let rows = try store.read {
          try NetworkSummaryReport(asOf: "2025-03-31", groupId: id).rows($0)
        }
        guard rows.count == 1 else { throw BenchError("no summary row for network \(id)") }
      }
      addLatency("query network summary", summary)

      var picks: [String] = []
      let timelines = try sample { _ in
        let code = schools[chooser.index(below: schools.count)]
        picks.append(code)
        _ = try timeline.entries(school: code, filter: year)
      }
      var raw = LatencySamples()
      var normal = LatencySamples()
      var full = LatencySamples()
      for code in picks {
        raw.add(try Stopwatch.time { try rawLMDB.readStream(code) }.nanoseconds)
        normal.add(try Stopwatch.time { try sqliteNormal.readStream(code) }.nanoseconds)
        full.add(try Stopwatch.time { try sqliteFull.readStream(code) }.nanoseconds)
      }
      addLatency("query school-year timeline", timelines, raw: raw, normal: normal, full: full)
    }
  }

  /// Calls `body` once untimed, then times it until the sample limit or the time budget
  /// (after at least five samples) runs out.
  private func sample(_ body: (Int) throws -> Void) throws -> LatencySamples {
    try body(-1)
    var samples = LatencySamples()
    let deadline = Stopwatch.now() + UInt64(options.querySeconds * 1e9)
    while samples.count < options.querySamples && (samples.count < 5 || Stopwatch.now() < deadline)
    {
      samples.add(try Stopwatch.time { try body(samples.count) }.nanoseconds)
    }
    return samples
  }

  private func addLatency(
    _ name: String, _ ledger: LatencySamples, raw: LatencySamples? = nil,
    normal: LatencySamples? = nil, full: LatencySamples? = nil
  ) {
    for (suffix, pick) in [("p50", \LatencySamples.p50), ("p99", \.p99)] {
      table.add(
        Figure(
          name: "\(name) \(suffix) (n=\(ledger.count))", unit: "ms", ledger: ledger[keyPath: pick],
          rawLMDB: raw?[keyPath: pick] ?? nil, sqliteNormal: normal?[keyPath: pick] ?? nil,
          sqliteFull: full?[keyPath: pick] ?? nil, digits: 3))
    }
  }
}
