import LedgerProjections
import LedgerStore

enum ProjectCommand: LedgerCommand {
  static let name = "project"
  static let summary = "bring every read model up to the log's head"
  static let help = """
    Usage: school-ledger project [--ledger PATH]

    Runs each built-in projection from its checkpoint to the log's head, writing its rows
    and its new checkpoint in one transaction per batch. A projection whose version
    changed is rebuilt from sequence 1. A projection that fails on an event stops there
    (exit 65, naming the projection, sequence and event); the others carry on.
    Projections: \(ProjectionCatalogue.all.map(\.name).joined(separator: ", ")).
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    try arguments.finish()
    let progress = try catchUp(environment)
    for step in progress {
      environment.logger.info(
        "\(step.projection): \(step.from) -> \(step.to)\(step.rebuilt ? " (rebuilt)" : "")")
    }
    return progress.contains { $0.failure != nil } ? ExitCode.dataError : ExitCode.ok
  }

  static func catchUp(_ environment: CommandEnvironment) throws -> [ProjectionProgress] {
    let log = try environment.ledger.openLog(readOnly: true)
    let store = try ReadModelStore(path: environment.ledger.readModelsPath)
    let runner = ProjectionRunner(log: log, store: store, logger: environment.logger)
    return try runner.catchUp(ProjectionCatalogue.all)
  }
}
