import LedgerAudit
import LedgerProjections

enum DiffCommand: LedgerCommand {
  static let name = "diff"
  static let summary = "what changed in a read model between two points of the log"
  static let help = """
    Usage: school-ledger diff school-progress (--from A | --from-known-at TIME)
                              [--to B | --to-known-at TIME] [--school CODE]
                              [--format table|json|csv] [--chronic-threshold SHARE]

    Replays the read model at sequence A and at sequence B (default: the log's head) in a
    scratch directory, and lists per school each field whose value changed: its name
    (nested ones dotted, as in 'query --format json': attendanceEvents.tardy), its value
    at A, its value at B, and the sequences of the events in (A, B] that changed it: the
    school's events the read model reads, voids that removed one, and for learningGain
    the definitions of the school's assessments (stream 'programme'). An empty value
    means none: no row yet, or a ratio without a denominator. The table and csv show event
    sequences as ranges (5-9 12); json lists them all. The live read models are not
    touched.

      --from A, --to B    sequence numbers (0: the empty ledger)
      --from-known-at TIME, --to-known-at TIME
                          what was recorded by TIME: a UTC time such as
                          2026-12-03T19:30:04Z, or a date, meaning the end of that day (UTC)
      --school CODE       one school only
      --chronic-threshold SHARE
                          share of enrolled days absent at which a student counts as
                          chronically absent (default 0.10)

    Read models: \(AuditOptions.projectionNames).
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let format = try OutputFormat.parse(arguments.option("format"))
    let school = arguments.option("school")
    let threshold = try AuditOptions.chronicThreshold(&arguments)
    let start = try AuditOptions.cut(&arguments, sequence: "from", moment: "from-known-at")
    let end = try AuditOptions.cut(&arguments, sequence: "to", moment: "to-known-at")
    _ = try AuditOptions.projection(arguments.takePositionals(), verb: "diff")
    try arguments.finish()
    guard let start else {
      throw UsageError(
        "say where to start: --from A (a sequence number) or --from-known-at TIME "
          + "(e.g. 2026-12-03T19:30:04Z)")
    }

    let replay = Replay(log: try environment.ledger.openLog(readOnly: true))
    let fromSequence = try AuditOptions.sequence(start, option: "from", replay, environment.logger)
    let toSequence = try AuditOptions.sequence(
      end ?? .throughSequence(replay.headSequence()), option: "to", replay, environment.logger)
    guard fromSequence <= toSequence else {
      throw UsageError(
        "the start (sequence \(fromSequence)) is after the end (sequence \(toSequence)); swap them")
    }
    let diff = try replay.schoolProgressChanges(
      from: fromSequence, to: toSequence,
      report: SchoolProgressReport(chronicAbsenceThreshold: threshold),
      school: school)
    environment.logger.info(
      "school-progress from sequence \(fromSequence) to \(toSequence): schools changed: \(diff.schools.count)"
    )
    if format == .json {
      emit(try prettyJSON(diff))
      return ExitCode.ok
    }
    let grid = Grid(
      columns: ["school", "field", "before", "after", "events"],
      rows: diff.schools.flatMap { school in
        school.changes.map { change in
          [
            school.school, change.field, change.before?.description ?? "",
            change.after?.description ?? "", ranges(change.events),
          ]
        }
      })
    emit(grid.render(format))
    return ExitCode.ok
  }

  /// Ascending sequences as ranges: `[5, 6, 7, 9]` is `5-7 9`.
  static func ranges(_ sequences: [UInt64]) -> String {
    var parts: [String] = []
    var index = 0
    while index < sequences.count {
      var last = index
      while last + 1 < sequences.count && sequences[last + 1] == sequences[last] + 1 {
        last += 1
      }
      parts.append(
        last == index ? String(sequences[index]) : "\(sequences[index])-\(sequences[last])")
      index = last + 1
    }
    return parts.joined(separator: " ")
  }
}
