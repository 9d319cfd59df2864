import Foundation
import LedgerAudit
import LedgerProjections
import LedgerStore

enum StatusCommand: LedgerCommand {
  static let name = "status"
  static let summary = "log head, and each projection's checkpoint and lag"
  static let help = """
    Usage: school-ledger status [--format table|json]

    Shows the log's head sequence and hash, the number of school streams, and for each
    projection its version, checkpoint and lag (events not yet applied), and any rebuild
    under way into a shadow copy (the version it builds and how far it has got; queries
    read the old copy until it is done).
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let format = try OutputFormat.parse(arguments.option("format"))
    try arguments.finish()
    let log = try environment.ledger.openLog(readOnly: true)
    let readModels =
      FileManager.default.fileExists(atPath: environment.ledger.readModelsPath + "/data.mdb")
      ? try ReadModelStore(path: environment.ledger.readModelsPath, readOnly: true) : nil
    let status = try LedgerStatus.read(
      log: log, readModels: readModels, projections: ProjectionCatalogue.all)
    if format == .json {
      emit(try prettyJSON(status))
      return ExitCode.ok
    }
    emit("log head: sequence \(status.headSequence), hash \(status.headHash)\n")
    emit("streams:  \(status.streams)\n\n")
    let grid = Grid(
      columns: ["projection", "version", "checkpoint", "lag", "rebuilding"],
      rows: status.projections.map {
        [
          $0.name, String($0.version), String($0.checkpoint), String($0.lag),
          $0.rebuilding.map { "version \($0.version) at \($0.checkpoint)" } ?? "",
        ]
      })
    emit(grid.render(format))
    return ExitCode.ok
  }
}
