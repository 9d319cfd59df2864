import Foundation
import LedgerProjections

enum QueryCommand: LedgerCommand {
  static let name = "query"
  static let summary = "print a read model (\(queries.map { $0.name }.joined(separator: ", ")))"
  static let queries: [any ReadModelQuery.Type] = [
    SchoolProgressQuery.self, NetworkSummaryQuery.self, StudentsNeedingCareQuery.self,
    DailyAttendanceQuery.self, HomeVisitsQuery.self,
  ]
  static let help = """
    Usage: school-ledger query NAME [filters] [--format table|json|csv]

    Prints a read model as of its checkpoint (run 'school-ledger project' first to bring
    it up to date). Indicators follow DOMAIN.md; docs/PROJECTIONS.md defines each column.
    Columns come in a fixed order; json has its keys sorted. The read models:

    \(queries.map { $0.usage }.joined(separator: "\n\n"))
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let format = try OutputFormat.parse(arguments.option("format"))
    let positionals = arguments.takePositionals()
    let names = queries.map { $0.name }.joined(separator: ", ")
    guard let name = positionals.first else {
      throw UsageError("name the read model to query: \(names)")
    }
    guard let type = queries.first(where: { $0.name == name }) else {
      throw UsageError("unknown read model '\(name)'; the read models are: \(names)")
    }
    if positionals.count > 1 {
      throw UsageError("unexpected argument '\(positionals[1])'; see --help")
    }
    let query = try type.init(&arguments)
    try arguments.finish()

    guard FileManager.default.fileExists(atPath: environment.ledger.readModelsPath + "/data.mdb")
    else {
      _ = try environment.ledger.openLog(readOnly: true)
      throw UsageError(
        "no read models yet at \(environment.ledger.readModelsPath); "
          + "run 'school-ledger project' first")
    }
    let store = try ReadModelStore(path: environment.ledger.readModelsPath, readOnly: true)
    let head = try environment.ledger.openLog(readOnly: true).head().sequence
    for model in type.readModels {
      let checkpoint = try store.checkpoint(model)?.sequence ?? 0
      if checkpoint < head {
        environment.logger.warning(
          "\(model) is at sequence \(checkpoint), the log at \(head): "
            + "\(head - checkpoint) events not yet applied; "
            + "run 'school-ledger project' for current figures")
      }
    }
    emit(try store.read { try query.output($0, format, environment.logger) })
    return ExitCode.ok
  }

  /// School progress as `query school-progress` prints it (also used by demo and replay).
  static func render(_ rows: [SchoolProgressRow], _ format: OutputFormat) throws -> String {
    try SchoolProgressQuery.render(rows, format)
  }
}
