import LedgerAudit

enum ExplainCommand: LedgerCommand {
  static let name = "explain"
  static let summary = "the events behind one school's row of a read model"
  static let help = """
    Usage: school-ledger explain school-progress CODE [--at-seq N | --as-known-at TIME]
                                 [--format table|json|csv]

    Lists, in log order, every event that went into the school's row: each event of the
    school the read model reads ('contributes'), those a later void removed ('voided by
    #N'), the voids that removed them ('void of #N'), and the definitions of the
    assessments the school's results use (stream 'programme'), which give learning gain
    its subjects. Events the read model does not read are left out; 'timeline' shows
    everything. Reads the log only.

      --at-seq N          as the log stood after sequence N; a void recorded later marks
                          nothing
      --as-known-at TIME  as the ledger knew it at TIME: a UTC time such as
                          2026-12-03T19:30:04Z, or a date, meaning the end of that day (UTC)

    Read models: \(AuditOptions.projectionNames).
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let format = try OutputFormat.parse(arguments.option("format"))
    let cut = try AuditOptions.cut(&arguments)
    let positionals = arguments.takePositionals()
    _ = try AuditOptions.projection(positionals, verb: "explain", extra: "CODE")
    try arguments.finish()
    guard positionals.count == 2 else {
      throw UsageError(
        "name the school to explain: school-ledger explain school-progress CODE")
    }
    let school = positionals[1]

    let log = try environment.ledger.openLog(readOnly: true)
    let replay = Replay(log: log)
    let sequence = try AuditOptions.sequence(
      cut ?? .throughSequence(replay.headSequence()), option: "at-seq", replay,
      environment.logger)
    let contributions = try replay.schoolProgressContributions(school: school, through: sequence)
    if contributions.isEmpty {
      let known = try log.read { try $0.streamVersion(school) } > 0
      environment.logger.warning(
        known
          ? "school '\(school)' has no events school-progress reads up to sequence \(sequence)"
          : "the log holds no school '\(school)'")
    }
    if format == .json {
      emit(try prettyJSON(contributions))
      return ExitCode.ok
    }
    let grid = Grid(
      columns: ["seq", "type", "occurred", "summary", "role"],
      rows: contributions.map { item in
        [String(item.sequence), item.type, item.occurredOn, item.summary, role(item)]
      })
    emit(grid.render(format))
    return ExitCode.ok
  }

  static func role(_ item: Contribution) -> String {
    switch item.role {
    case .contributes: return "contributes"
    case .voided: return "voided by #" + (item.voidedBy.map(String.init) ?? "?")
    case .void: return "void of #" + (item.voids.map(String.init) ?? "?")
    }
  }
}
