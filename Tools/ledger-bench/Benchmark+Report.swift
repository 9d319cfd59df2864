import Foundation
import LedgerProjections

extension Benchmark {
  /// Records bytes on disk per event for the log, the read models and each baseline.
  func sizePhase() {
    let events = Double(importedEvents + options.singleAppends)
    let rawBytes = diskUsage(rawLMDB.path + "/data.mdb")
    table.add(
      Figure(
        name: "log size on disk", unit: "bytes/event",
        ledger: Double(diskUsage(ledger.logPath + "/data.mdb")) / events,
        rawLMDB: Double(rawBytes) / events,
        sqliteNormal: Double(sqliteNormal.diskBytes) / events,
        sqliteFull: Double(sqliteFull.diskBytes) / events))
    table.add(
      Figure(
        name: "read models size on disk", unit: "bytes/event",
        ledger: Double(diskUsage(ledger.readModelsPath + "/data.mdb")) / events))
  }

  /// The run's header, the figures table, the memory table and the targets, as lines.
  func report() -> [String] {
    let configuration = network.configuration
    var lines = [
      "ledger-bench: scale \(options.scale), \(configuration.schools) schools in "
        + "\(configuration.networks) networks, \(configuration.studentCount) students, "
        + "\(importedEvents) events imported in batches of \(options.batchSize), "
        + "\(options.singleAppends) single appends",
      "ratios: ledger ÷ baseline from this run (throughput: above 1 is faster; latency and "
        + "size: below 1 is better)",
      "",
    ]
    lines += table.render()
    lines.append("")
    let memoryRows = memory.map { entry in
      [
        entry.phase, Self.mebibytes(entry.memory.peakResident),
        Self.mebibytes(entry.memory.peakAnonymous),
      ]
    }
    lines += TextTable.lines(
      header: ["phase", "peak RSS MiB", "peak heap MiB"], rows: memoryRows,
      rightAligned: [1, 2])
    lines.append("")
    lines += TargetCheck(table: table, memory: memory).lines()
    return lines
  }

  static func mebibytes(_ bytes: UInt64?) -> String {
    guard let bytes else { return "-" }
    return String(format: "%.0f", Double(bytes) / 1_048_576)
  }
}
