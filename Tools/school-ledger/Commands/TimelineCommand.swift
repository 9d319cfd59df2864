import LedgerAudit
import LedgerEvents

enum TimelineCommand: LedgerCommand {
  static let name = "timeline"
  static let summary = "a school's history from the log, both times shown"
  static let help = """
    Usage: school-ledger timeline --school CODE [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                  [--family FAMILY] [--student KEY] [--actor ACTOR]
                                  [--at-seq N | --as-known-at TIME]
                                  [--format table|json|csv]

    Lists the school's events in the order they happened in school (ties in log order),
    each with its sequence, the day (and time) it happened, the time the ledger recorded
    it, its type and a one-line summary. Voided events stay in the list, marked with the
    sequence of the event that voided them and its reason; voiding events name the
    sequence they void. Reads the log only; safe while other processes write. The same
    ledger always prints the same bytes.

      --from, --to        occurred dates, both inclusive
      --family FAMILY     one family of event types, the part before the dot:
    \(familyLines)
      --student KEY       events naming the student, and voids of them: the full key or
                          its beginning as timelines print it (stu-5d74eaec)
      --actor ACTOR       events asserted by ACTOR exactly (teacher:1010007919-t01)
      --at-seq N          only what the log held after sequence N
      --as-known-at TIME  only what the ledger had recorded by TIME: a UTC time such as
                          2026-12-03T19:30:04Z, or a date, meaning the end of that day (UTC)
      --format            table (default) and csv have the same columns; json lists the
                          entries with every field

    With a cut, a void recorded after it does not mark its target: the timeline shows
    what an auditor would have seen then.
    """

  private static let families = TimelineFilter.families.joined(separator: ", ")

  /// The families for the help text, on lines that fit 80 columns under the option's text.
  private static let familyLines: String = {
    let indent = String(repeating: " ", count: 22)
    var lines: [String] = []
    var line = indent
    for (index, family) in TimelineFilter.families.enumerated() {
      let word = family + (index + 1 < TimelineFilter.families.count ? "," : "")
      if line.count + word.count + 1 > 80 {
        lines.append(line)
        line = indent
      }
      line += (line == indent ? "" : " ") + word
    }
    return (lines + [line]).joined(separator: "\n")
  }()

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let school = try arguments.requiredOption("school", hint: "CODE (a school code)")
    var filter = TimelineFilter(
      from: arguments.option("from"), to: arguments.option("to"),
      family: arguments.option("family"), student: arguments.option("student"),
      actor: arguments.option("actor"))
    filter.cut = try AuditOptions.cut(&arguments)
    let format = try OutputFormat.parse(arguments.option("format"))
    try arguments.finish()
    try validate(filter)

    let log = try environment.ledger.openLog(readOnly: true)
    if let cut = filter.cut {
      filter.cut = .throughSequence(
        try AuditOptions.sequence(cut, option: "at-seq", Replay(log: log), environment.logger))
    }
    let timeline = Timeline(log: log)
    if let student = filter.student {
      filter.student = try resolve(student, school: school, cut: filter.cut, timeline)
    }
    let entries = try timeline.entries(school: school, filter: filter)
    if entries.isEmpty {
      let known = try log.read { try $0.streamVersion(school) } > 0
      environment.logger.warning(
        known
          ? "no event of school '\(school)' passes the filters"
          : "the log holds no school '\(school)'")
    }
    if format == .json {
      emit(try prettyJSON(entries))
      return ExitCode.ok
    }
    emit(grid(entries).render(format))
    return ExitCode.ok
  }

  private static func validate(_ filter: TimelineFilter) throws {
    for (option, date) in [("from", filter.from), ("to", filter.to)] {
      if let date, LocalDate(date) == nil {
        throw UsageError("--\(option) needs a date YYYY-MM-DD such as 2024-06-03, not '\(date)'")
      }
    }
    if let from = filter.from, let to = filter.to, from > to {
      throw UsageError("--from \(from) is after --to \(to); swap them")
    }
    if let family = filter.family, !TimelineFilter.families.contains(family) {
      throw UsageError(
        "--family must be one of \(families) (the part of the event type before the dot), "
          + "not '\(family)'")
    }
    if let student = filter.student {
      let digits = student.dropFirst(4)
      guard student.hasPrefix("stu-"), (8...32).contains(digits.count),
        digits.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
      else {
        throw UsageError(
          "--student needs a student key: stu- and 8 to 32 lowercase hex digits, as the "
            + "timeline prints it (stu-5d74eaec), not '\(student)'")
      }
    }
    if let actor = filter.actor, actor.isEmpty {
      throw UsageError("--actor needs an actor as stored, such as teacher:1010007919-t01")
    }
  }

  /// The full key a shortened `student` stands for; refuses one that fits two students.
  private static func resolve(
    _ student: String, school: String, cut: LogCut?, _ timeline: Timeline
  ) throws -> String {
    let keys = try timeline.students(school: school, matching: student, cut: cut)
    guard keys.count <= 1 else {
      throw UsageError(
        "--student \(student) fits \(keys.count) students of school \(school): "
          + keys.joined(separator: ", ") + "; give more of the key")
    }
    return keys.first ?? student
  }

  static func grid(_ entries: [TimelineEntry]) -> Grid {
    Grid(
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
  }
}
