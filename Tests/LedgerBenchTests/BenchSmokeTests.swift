import Foundation
import Testing

/// The benchmark itself never runs in the test suite; this only checks that the built
/// program starts, runs every phase at a tiny scale and prints every figure of its table.
@Suite("ledger-bench smoke")
struct BenchSmokeTests {
  /// The package root, found from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The executable, built beside the test bundle.
  static let executable: URL = {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("ledger-bench"),
      Bundle.main.bundleURL.appendingPathComponent("ledger-bench"),
      packageRoot.appendingPathComponent(".build/debug/ledger-bench"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[2]
  }()

  /// Every row the table must show, by the start of its name.
  static let figures = [
    "import ", "generate (not timed in import)", "single append p50", "single append p99",
    "rebuild school-progress", "rebuild all", "scan, decode every event",
    "scan, stored bytes only", "query school progress row p50", "query school progress row p99",
    "query network summary p50", "query network summary p99", "query school-year timeline p50",
    "query school-year timeline p99", "log size on disk", "read models size on disk",
  ]

  static let phases = [
    "import (ledger)", "import (baselines)", "single appends (ledger)",
    "single appends (baselines)", "rebuild all", "queries",
  ]

  @Test("at scale 0.001 it prints every figure, each phase's memory and every target")
  func tinyRun() throws {
    let process = Process()
    process.executableURL = Self.executable
    process.arguments = [
      "--scale", "0.001", "--single-appends", "5", "--query-samples", "5", "--query-seconds", "1",
    ]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()

    #expect(process.terminationStatus == 0, "\(stderr)")
    let lines = stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("ledger-bench: scale 0.001, 1 schools in 1 networks") == true)
    for figure in Self.figures {
      #expect(lines.contains { $0.hasPrefix(figure) }, "no row \(figure)")
    }
    for phase in Self.phases {
      #expect(lines.contains { $0.hasPrefix(phase) }, "no memory row \(phase)")
    }
    for target in [
      "import >= 0.5 x raw LMDB", "import >= 3 x SQLite FULL",
      "rebuild school-progress >= 1,000,000", "school-year timeline p99 < 20 ms",
      "import peak memory < 1 GiB",
    ] {
      #expect(lines.contains { $0.hasPrefix(target) }, "no target \(target)")
    }
    let importRow = lines.first { $0.hasPrefix("import ") && $0.contains("events/s") }
    #expect(importRow?.contains("-") == false, "every store has an import rate: \(importRow ?? "")")
  }

  @Test("a bad option is a usage error")
  func badOption() throws {
    let process = Process()
    process.executableURL = Self.executable
    process.arguments = ["--scale", "2"]
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 64)
  }
}
