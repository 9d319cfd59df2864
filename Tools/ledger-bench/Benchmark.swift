import Foundation
import LedgerEvents
import LedgerImport
import LedgerStore

/// One benchmark run: the stores it writes, and what it has measured so far.
///
/// Phases run in order on one generated year: the ledger's import, the baselines' import of
/// the bytes the ledger stored, single appends, projection rebuilds and scans, queries, and
/// sizes. Each phase resets the process's peak-memory counter first.
final class Benchmark {
  let options: BenchOptions
  let root: String
  let ledger: LedgerDirectory
  let log: EventLog
  let network: SampleNetwork
  let pseudonyms: PseudonymousKey
  let rawLMDB: RawLMDBStore
  let sqliteNormal: SQLiteStore
  let sqliteFull: SQLiteStore
  var feeder: BaselineFeeder
  var table = ResultTable()
  /// Peak memory per phase, in run order.
  var memory: [(phase: String, memory: PhaseMemory)] = []
  /// Events in the ledger after the import.
  var importedEvents = 0

  init(options: BenchOptions) throws {
    self.options = options
    if let directory = options.directory {
      guard !FileManager.default.fileExists(atPath: directory) else {
        throw BenchError("\(directory) exists already; --dir needs a new directory")
      }
      root = directory
    } else {
      root =
        FileManager.default.temporaryDirectory
        .appendingPathComponent("ledger-bench-\(UUID().uuidString.prefix(8))").path
    }
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    ledger = LedgerDirectory(path: root + "/ledger")
    try ledger.create()
    log = try ledger.openLog()
    pseudonyms = try ledger.pseudonyms()
    network = SampleNetwork(
      configuration: .programme(scale: options.scale), pseudonyms: pseudonyms)
    rawLMDB = try RawLMDBStore(path: root + "/raw-lmdb")
    sqliteNormal = try SQLiteStore(path: root + "/sqlite-normal.db", synchronous: .normal)
    sqliteFull = try SQLiteStore(path: root + "/sqlite-full.db", synchronous: .full)
    feeder = BaselineFeeder(log: log)
  }

  /// Runs every phase and returns the table's lines.
  func run() throws -> [String] {
    let configuration = network.configuration
    progress(
      "scale \(options.scale): \(configuration.schools) schools, \(configuration.networks) "
        + "networks, \(configuration.studentCount) students; stores in \(root)")
    try importPhases()
    try singleAppendPhase()
    try rebuildPhase()
    try queryPhase()
    sizePhase()
    return report()
  }

  /// Removes the stores unless asked to keep them.
  func cleanUp() {
    if options.keep {
      progress("kept the stores in \(root)")
    } else {
      try? FileManager.default.removeItem(atPath: root)
    }
  }

  /// Runs `body` as the phase called `name`, recording its peak memory.
  func phase<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    progress("phase: \(name)")
    let (result, memory) = try measuringMemory(body)
    self.memory.append((name, memory))
    return result
  }

  /// A line on stderr.
  func progress(_ message: String) {
    FileHandle.standardError.write(Data(("ledger-bench: " + message + "\n").utf8))
  }
}
