import Foundation
import LedgerAudit

enum ExportCommand: LedgerCommand {
  static let name = "export"
  static let summary = "write events as JSON Lines with their hashes, for re-verification"
  static let help = """
    Usage: school-ledger export [--school CODE] [--from-seq N]

    Writes to stdout one line per event, exactly as the log holds it:
    {"body":"<canonical JSON>","hash":"<hex>","previousHash":"<hex>","sequence":n}.
    Anyone can re-check each line (hash = BLAKE2b-256(previousHash ‖ body)) and, for a
    whole export, the chain from line to line, without this program (docs/FORMAT.md).
    Reads the log only; safe while other processes write.
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let school = arguments.option("school")
    let fromText = arguments.option("from-seq") ?? "1"
    try arguments.finish()
    guard let from = UInt64(fromText), from >= 1 else {
      throw UsageError("--from-seq must be a sequence number from 1")
    }
    let log = try environment.ledger.openLog(readOnly: true)
    let count = try EventExport(log: log).write(
      school: school, fromSequence: from, to: FileHandle.standardOutput)
    environment.logger.info("exported \(count) events")
    return ExitCode.ok
  }
}
