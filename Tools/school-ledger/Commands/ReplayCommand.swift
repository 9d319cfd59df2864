import LedgerAudit
import LedgerEvents
import LedgerProjections
import LedgerStore

enum ReplayCommand: LedgerCommand {
  static let name = "replay"
  static let summary = "a read model as it was at an earlier point of the log"
  static let help = """
    Usage: school-ledger replay school-progress (--at-seq N | --as-known-at TIME)
                                [--school CODE] [--format table|json|csv]
                                [--chronic-threshold SHARE]

    Rebuilds the read model from the log as it stood after sequence N, or as the ledger
    knew it at TIME (the last event recorded at or before it), and prints it exactly as
    'query' does. The rebuild runs in a scratch directory that is removed afterwards: the
    live read models are neither read nor changed, and the log is opened read-only.

      --at-seq N          the log up to and including sequence N (0: nothing yet)
      --as-known-at TIME  what was recorded by TIME: a UTC time such as
                          2026-12-03T19:30:04Z, or a date such as 2026-12-03, meaning the
                          end of that day (UTC)
      --school CODE       one school's row only
      --chronic-threshold SHARE
                          share of enrolled days absent at which a student counts as
                          chronically absent (default 0.10)

    Read models: \(AuditOptions.projectionNames).
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let format = try OutputFormat.parse(arguments.option("format"))
    let school = arguments.option("school")
    let threshold = try AuditOptions.chronicThreshold(&arguments)
    let cut = try AuditOptions.cut(&arguments)
    let name = try AuditOptions.projection(arguments.takePositionals(), verb: "replay")
    try arguments.finish()
    guard let cut else {
      throw UsageError(
        "say which point of the log to replay: --at-seq N (a sequence number) or "
          + "--as-known-at TIME (e.g. 2026-12-03T19:30:04Z)")
    }

    let replay = Replay(log: try environment.ledger.openLog(readOnly: true))
    let sequence = try AuditOptions.sequence(
      cut, option: "at-seq", replay, environment.logger)
    let rows = try replay.schoolProgress(
      through: sequence, report: SchoolProgressReport(chronicAbsenceThreshold: threshold),
      school: school)
    environment.logger.info("\(name) replayed through sequence \(sequence)")
    if let school, rows.isEmpty {
      environment.logger.warning("no school '\(school)' in \(name) at sequence \(sequence)")
    }
    emit(try QueryCommand.render(rows, format))
    return ExitCode.ok
  }
}
