import Foundation
import LedgerImport
import LedgerProjections
import LedgerStore

enum DemoCommand: LedgerCommand {
  static let name = "demo"
  static let summary = "build the sample network into a fresh ledger and print its progress"
  static let help = """
    Usage: school-ledger demo [--ledger PATH] [--scale FRACTION] [--format table|json|csv]

    Generates a deterministic sample network (20 schools with 10-digit codes in 4 support
    networks, academic year B.E. 2567 with its calendar, enrolments, exception-based
    daily attendance, plans, interventions and home visits for students flagged at risk,
    beginning- and end-of-year assessments, and a few corrections), appends it to a fresh
    ledger, runs the projections and prints whole-school progress for every school.
    Without --ledger the ledger goes to a new temporary directory, named on stderr.
    --scale FRACTION generates that fraction of the whole programme (727 schools, 174,364
    students) instead of the 20-school sample.
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let format = try OutputFormat.parse(arguments.option("format"))
    let scaleText = arguments.option("scale")
    let explicitLedger = arguments.option("ledger")
    try arguments.finish()
    var configuration = SampleNetwork.Configuration.demo
    if let scaleText {
      guard let scale = Double(scaleText), scale > 0, scale <= 1 else {
        throw UsageError("--scale must be a fraction in (0, 1], e.g. 0.05")
      }
      configuration = .programme(scale: scale)
    }
    let ledger = try freshLedger(explicitLedger, environment)
    try ledger.create()
    let log = try ledger.openLog()
    let network = SampleNetwork(configuration: configuration, pseudonyms: try ledger.pseudonyms())
    var appended = 0
    try network.generate(batchSize: 10_000) { batch in
      appended += try log.append(batch).appendedCount
      environment.logger.debug("appended \(appended) events")
    }
    environment.logger.info("appended \(appended) events to \(ledger.path)")
    let store = try ReadModelStore(path: ledger.readModelsPath)
    let runner = ProjectionRunner(log: log, store: store, logger: environment.logger)
    let progress = try runner.catchUp(ProjectionCatalogue.all)
    if let failure = progress.compactMap(\.failure).first { throw failure }
    let rows = try store.read { try SchoolProgressReport().rows($0) }
    emit(try QueryCommand.render(rows, format))
    return ExitCode.ok
  }

  /// The ledger to build into: a new temporary directory, or the one named, which must not
  /// hold a ledger yet.
  private static func freshLedger(_ path: String?, _ environment: CommandEnvironment) throws
    -> LedgerDirectory
  {
    if let path {
      let ledger = LedgerDirectory(path: path)
      if ledger.exists {
        throw UsageError("\(path) already holds a ledger; the demo needs a fresh one")
      }
      return ledger
    }
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("school-ledger-demo-\(UUID().uuidString.prefix(8))").path
    environment.logger.info("demo ledger: \(path)")
    return LedgerDirectory(path: path)
  }
}
