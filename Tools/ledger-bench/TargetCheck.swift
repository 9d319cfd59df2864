import Foundation

/// The targets, judged on this run's figures.
struct TargetCheck {
  let table: ResultTable
  let memory: [(phase: String, memory: PhaseMemory)]

  private func figure(_ prefix: String, unit: String) -> Figure? {
    table.figures.first { $0.name.hasPrefix(prefix) && $0.unit == unit }
  }

  func lines() -> [String] {
    var rows: [[String]] = []
    func judge(_ target: String, _ measured: String, _ met: Bool?) {
      rows.append([target, measured, met.map { $0 ? "met" : "MISSED" } ?? "not measured"])
    }

    let importRate = figure("import", unit: "events/s")
    let rawRatio = importRate.flatMap { $0.ratio($0.rawLMDB) }
    judge(
      "import >= 0.5 x raw LMDB", rawRatio.map { String(format: "%.2f x", $0) } ?? "-",
      rawRatio.map { $0 >= 0.5 })
    let fullRatio = importRate.flatMap { $0.ratio($0.sqliteFull) }
    judge(
      "import >= 3 x SQLite FULL", fullRatio.map { String(format: "%.2f x", $0) } ?? "-",
      fullRatio.map { $0 >= 3 })

    let rebuild = figure("rebuild school-progress", unit: "events/s")?.ledger
    judge(
      "rebuild school-progress >= 1,000,000 events/s",
      rebuild.map { ResultTable.grouped(Int($0)) + " events/s" } ?? "-",
      rebuild.map { $0 >= 1_000_000 })

    let timeline = figure("query school-year timeline p99", unit: "ms")?.ledger
    judge(
      "school-year timeline p99 < 20 ms", timeline.map { String(format: "%.1f ms", $0) } ?? "-",
      timeline.map { $0 < 20 })

    let importMemory = memory.first { $0.phase == "import (ledger)" }?.memory
    let resident = importMemory?.peakResident.map { Double($0) / 1_073_741_824 }
    let heap = importMemory?.peakAnonymous.map { Double($0) / 1_073_741_824 }
    judge(
      "import peak memory < 1 GiB (RSS incl. mapped log pages)",
      resident.map { String(format: "%.2f GiB", $0) } ?? "-", resident.map { $0 < 1 })
    judge(
      "import peak memory < 1 GiB (heap alone)",
      heap.map { String(format: "%.2f GiB", $0) } ?? "-", heap.map { $0 < 1 })

    return TextTable.lines(header: ["target", "measured", "verdict"], rows: rows)
  }
}
