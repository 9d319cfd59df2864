import LedgerEvents
import LedgerProjections
import LedgerStore

/// `query students-needing-care`: flagged students of one school by pseudonymous key, or
/// suppressed counts per school.
struct StudentsNeedingCareQuery: ReadModelQuery {
  static let name = "students-needing-care"
  static let readModels = [
    StudentsNeedingCareProjection().name, SchoolProgressProjection().name,
    NetworkSummaryProjection().name,
  ]
  static let usage = """
    students-needing-care [--school CODE | --network ID [--kind KIND] [--as-of DATE]]
        With --school: one row per flagged student of the school, by pseudonymous key:
        reasons with the rule@version that set them, open or cleared, sessions received,
        days from flag to first session, attendance. With --network: counts only, per
        member school on DATE (default: today) and a total; without either: counts per
        school. In counts, 1 to 4 students show as <5 in every format.
    """

  enum Scope {
    case school(String)
    case group(GroupKey, asOf: String)
    case everySchool
  }

  var scope: Scope

  init(_ arguments: inout Arguments) throws {
    let school = arguments.option("school")
    let network = arguments.option("network")
    let kind = try QueryOptions.groupKind(&arguments)
    let asOf = try QueryOptions.asOf(&arguments)
    switch (school, network) {
    case (let school?, nil): scope = .school(school)
    case (nil, let network?): scope = .group(GroupKey(kind: kind, id: network), asOf: asOf)
    case (nil, nil): scope = .everySchool
    case (.some, .some):
      throw UsageError("give --school or --network, not both")
    }
  }

  func output(_ reader: ReadModelReader, _ format: OutputFormat, _ logger: Logger) throws
    -> String
  {
    let report = StudentsNeedingCareReport()
    switch scope {
    case .school(let school):
      let rows = try report.students(reader, school: school)
      if rows.isEmpty { logger.warning("no flagged students at school '\(school)'") }
      return format == .json ? try prettyJSON(rows) : Self.studentGrid(rows, format).render(format)
    case .group(let group, let asOf):
      let rows = try report.groupAggregates(reader, group: group, asOf: asOf)
      if rows.count == 1 {
        logger.warning("no member schools of \(group.kind.rawValue) '\(group.id)' on \(asOf)")
      }
      return format == .json ? try prettyJSON(rows) : Self.countGrid(rows, format).render(format)
    case .everySchool:
      let rows = try report.schoolAggregates(reader)
      return format == .json ? try prettyJSON(rows) : Self.countGrid(rows, format).render(format)
    }
  }

  static func studentGrid(_ rows: [CareStudentRow], _ format: OutputFormat) -> Grid {
    let table = format == .table
    let columns =
      table
      ? [
        "student", "first.flag", "reasons", "rules", "status", "cleared.on", "sessions",
        "since.flag", "minutes", "first.session", "days", "enrolled", "absent", "att.rate",
        "gap",
      ]
      : [
        "schoolCode", "studentKey", "firstFlagged", "reasons", "rules", "status", "clearedOn",
        "sessions", "sessionsSinceFlag", "sessionMinutes", "sessionKinds",
        "firstSessionAfterFlag", "daysToFirstSession", "enrolledDays", "absentDays",
        "attendanceRate", "attendanceGap",
      ]
    return Grid(
      columns: columns,
      rows: rows.map { row in
        let kinds = row.sessionKinds.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
        let start = table ? [] : [row.schoolCode]
        return start + [
          row.studentKey, row.firstFlagged,
          row.reasons.map(\.rawValue).joined(separator: " "), row.rules.joined(separator: " "),
          row.status, row.clearedOn ?? "", String(row.sessions), String(row.sessionsSinceFlag),
          String(row.sessionMinutes),
        ]
          + (table ? [] : [kinds.joined(separator: " ")])
          + [
            row.firstSessionAfterFlag ?? "", row.daysToFirstSession.map(String.init) ?? "",
            row.enrolledDays.map(String.init) ?? "", decimal(row.absentDays, places: 1),
            decimal(row.attendanceRate, places: table ? 3 : 4), row.attendanceGap ?? "",
          ]
      })
  }

  static func countGrid(_ rows: [CareAggregateRow], _ format: OutputFormat) -> Grid {
    let reasons = RiskReason.allCases.map(\.rawValue)
    let columns =
      format == .table
      ? ["scope", "code", "name", "flagged"] + reasons + ["no.session", "cleared", "no.att"]
      : ["scope", "code", "name", "flagged"] + reasons.map { "byReason." + $0 }
        + ["withoutSession", "cleared", "withoutAttendance"]
    return Grid(
      columns: columns,
      rows: rows.map { row in
        [row.scope, row.code, row.name ?? "", row.flagged.description]
          + reasons.map { row.byReason[$0]?.description ?? "0" }
          + [
            row.withoutSession.description, row.cleared.description,
            row.withoutAttendance.description,
          ]
      })
  }
}
