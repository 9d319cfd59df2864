import LedgerEvents
import LedgerProjections
import LedgerStore

/// `query network-summary`: per support network (or other grouping), membership as of a date
/// and totals over the member schools.
struct NetworkSummaryQuery: ReadModelQuery {
  static let name = "network-summary"
  static let readModels = [NetworkSummaryProjection().name, SchoolProgressProjection().name]
  static let usage = """
    network-summary [--as-of DATE] [--network ID] [--kind KIND]
                    [--chronic-threshold SHARE] [--goals-needed K]
        Per support network: member schools on DATE (default: today), schools improving
        against the 80% target, model schools against the 10% target, and totals over the
        members' school progress. --kind shows another kind of grouping instead
        (service-area, school-group, district, other); --network one grouping by its id.
    """

  var report: NetworkSummaryReport

  init(_ arguments: inout Arguments) throws {
    let asOf = try QueryOptions.asOf(&arguments)
    let kind = try QueryOptions.groupKind(&arguments)
    let network = arguments.option("network")
    report = NetworkSummaryReport(
      asOf: asOf, kind: kind, groupId: network,
      progress: try QueryOptions.progressReport(&arguments))
  }

  func output(_ reader: ReadModelReader, _ format: OutputFormat, _ logger: Logger) throws
    -> String
  {
    let rows = try report.rows(reader)
    if let network = report.groupId, rows.isEmpty {
      logger.warning("no \(report.kind.rawValue) '\(network)' in the read model")
    }
    switch format {
    case .json: return try prettyJSON(rows)
    case .table: return Self.tableGrid(rows).render(.table)
    case .csv: return Self.csvGrid(rows).render(.csv)
    }
  }

  static func tableGrid(_ rows: [NetworkSummaryRow]) -> Grid {
    Grid(
      columns: [
        "kind", "group", "name", "as.of", "schools", "improving", "impr.share", "80%.met",
        "model", "model.share", "10%.met", "students", "att.rate", "chronic", "dropouts",
        "dropout.rate", "flagged", "care.cov", "sessions", "home.visits", "no.plan", "gaps",
      ],
      rows: rows.map { row in
        [
          row.groupKind.rawValue, row.groupId, row.name ?? "", row.asOf, String(row.schools),
          String(row.schoolsImproving), decimal(row.improvingShare, places: 2),
          yesNo(row.improvingTargetMet), String(row.modelSchools),
          decimal(row.modelShare, places: 2), yesNo(row.modelTargetMet),
          String(row.studentsEnrolled), decimal(row.attendanceRate),
          String(row.chronicallyAbsent), String(row.dropouts), decimal(row.dropoutRate),
          String(row.flaggedStudents), decimal(row.careCoverage, places: 2),
          String(row.sessionsHeld), String(row.homeVisits), String(row.gaps.schoolsWithoutPlan),
          String(studentGaps(row.gaps)),
        ]
      })
  }

  /// The members' per-student gaps, summed for the table (csv and json list each).
  static func studentGaps(_ gaps: NetworkSummaryRow.Gaps) -> Int {
    gaps.studentsWithoutEnrolment + gaps.attendanceOutsideSessions
      + gaps.attendanceOutsideEnrolment + gaps.enrolmentsNotCountable
  }

  static func csvGrid(_ rows: [NetworkSummaryRow]) -> Grid {
    Grid(
      columns: [
        "groupKind", "groupId", "name", "asOf", "schools", "members", "schoolsImproving",
        "improvingShare", "improvingTarget", "improvingTargetMet", "modelSchools", "modelShare",
        "modelTarget", "modelTargetMet", "studentsEnrolled", "enrolledDays", "absentDays",
        "presentDays", "attendanceRate", "chronicAbsenceThreshold", "chronicallyAbsent",
        "dropouts", "dropoutRate", "flaggedStudents", "flaggedWithSession", "careCoverage",
        "sessionsHeld", "homeVisits", "gaps.schoolsWithoutPlan", "gaps.schoolsWithoutCalendar",
        "gaps.studentsWithoutEnrolment", "gaps.attendanceOutsideSessions",
        "gaps.attendanceOutsideEnrolment", "gaps.enrolmentsNotCountable",
      ],
      rows: rows.map { row in
        [
          row.groupKind.rawValue, row.groupId, row.name ?? "", row.asOf, String(row.schools),
          row.members.joined(separator: " "), String(row.schoolsImproving),
          decimal(row.improvingShare, places: 4), decimal(row.improvingTarget, places: 2),
          row.improvingTargetMet.map(String.init) ?? "", String(row.modelSchools),
          decimal(row.modelShare, places: 4), decimal(row.modelTarget, places: 2),
          row.modelTargetMet.map(String.init) ?? "", String(row.studentsEnrolled),
          decimal(row.enrolledDays, places: 2), decimal(row.absentDays, places: 2),
          decimal(row.presentDays, places: 2), decimal(row.attendanceRate, places: 4),
          decimal(row.chronicAbsenceThreshold, places: 2), String(row.chronicallyAbsent),
          String(row.dropouts), decimal(row.dropoutRate, places: 4), String(row.flaggedStudents),
          String(row.flaggedWithSession), decimal(row.careCoverage, places: 4),
          String(row.sessionsHeld), String(row.homeVisits),
          String(row.gaps.schoolsWithoutPlan), String(row.gaps.schoolsWithoutCalendar),
          String(row.gaps.studentsWithoutEnrolment), String(row.gaps.attendanceOutsideSessions),
          String(row.gaps.attendanceOutsideEnrolment), String(row.gaps.enrolmentsNotCountable),
        ]
      })
  }
}
