import LedgerAudit
import LedgerEvents

enum TimelineCommand: LedgerCommand {
  static let name = "timeline"
  static let summary = "a school's history from the log, both times shown"
  static let help = """
    Usage: school-ledger timeline --school CODE [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                  [--format table|json|csv]

    Lists the school's events in the order they happened in school (ties in log order),
    each with its sequence, the day it happened, the time the ledger recorded it, its
    type and a one-line summary. Voided events stay in the list, marked with the
    sequence of the event that voided them and its reason; voiding events name what they
    void. Reads the log only; safe while other processes write.
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let school = try arguments.requiredOption("school", hint: "CODE (a school code)")
    let from = arguments.option("from")
    let to = arguments.option("to")
    let format = try OutputFormat.parse(arguments.option("format"))
    try arguments.finish()
    for date in [from, to].compactMap({ $0 }) where LocalDate(date) == nil {
      throw UsageError("'\(date)' is not a date YYYY-MM-DD")
    }
    let log = try environment.ledger.openLog(readOnly: true)
    let entries = try Timeline(log: log).entries(school: school, from: from, to: to)
    if entries.isEmpty {
      let known = try log.read { try $0.streamVersion(school) } > 0
      environment.logger.warning(
        known
          ? "school '\(school)' has no events between \(from ?? "the start") and \(to ?? "today")"
          : "the log holds no school '\(school)'")
    }
    if format == .json {
      emit(try prettyJSON(entries))
      return ExitCode.ok
    }
    let grid = Grid(
      columns: ["seq", "occurred", "recorded", "type", "summary", "voided"],
      rows: entries.map { entry in
        let link: String
        if let by = entry.voidedBy {
          link = "VOIDED by #\(by.sequence.map(String.init) ?? "?"): \(by.reason)"
        } else if let target = entry.voids {
          link = "voids #\(target.sequence.map(String.init) ?? "?")"
        } else {
          link = ""
        }
        return [
          String(entry.sequence), entry.occurredOn + (entry.occurredAt.map { " " + $0 } ?? ""),
          entry.recordedAt, entry.type, entry.summary, link,
        ]
      })
    emit(grid.render(format))
    return ExitCode.ok
  }
}
