import LedgerProjections
import LedgerStore

/// `query school-progress`: whole-school progress per school.
struct SchoolProgressQuery: ReadModelQuery {
  static let name = "school-progress"
  static let readModels = [SchoolProgressProjection().name]
  static let usage = """
    school-progress [--school CODE] [--chronic-threshold SHARE] [--goals-needed K]
        Whole-school progress per school. --chronic-threshold sets the share of enrolled
        days absent at which a student counts as chronically absent (default 0.10);
        --goals-needed the plan goals a school must meet to count as improving (default:
        more than half of its goals). The table shows the main columns; json and csv show
        every field.
    """

  var school: String?
  var report: SchoolProgressReport

  init(_ arguments: inout Arguments) throws {
    school = arguments.option("school")
    report = try QueryOptions.progressReport(&arguments)
  }

  func output(_ reader: ReadModelReader, _ format: OutputFormat, _ logger: Logger) throws
    -> String
  {
    let rows = try report.rows(reader, school: school)
    if let school, rows.isEmpty {
      logger.warning("no school '\(school)' in the read model")
    }
    return try Self.render(rows, format)
  }

  static func render(_ rows: [SchoolProgressRow], _ format: OutputFormat) throws -> String {
    switch format {
    case .json: return try prettyJSON(rows)
    case .table: return tableGrid(rows).render(.table)
    case .csv: return csvGrid(rows).render(.csv)
    }
  }

  static func tableGrid(_ rows: [SchoolProgressRow]) -> Grid {
    Grid(
      columns: [
        "school", "name", "students", "enrolled", "att.rate", "chronic", "absence.days",
        "dropouts", "flagged", "care.cov", "sessions", "home.visits", "assessed", "goals",
        "improving",
      ],
      rows: rows.map { row in
        [
          row.schoolCode, row.name ?? "", String(row.studentsSeen), String(row.studentsEnrolled),
          decimal(row.attendanceRate), String(row.chronicallyAbsent),
          decimal(row.absenceDays.values.reduce(0, +), places: 1), String(row.dropouts),
          String(row.flaggedStudents),
          decimal(row.careCoverage, places: 2), String(row.sessionsHeld), String(row.homeVisits),
          String(row.assessmentsRecorded), "\(row.goalsMet)/\(row.planGoals)",
          yesNo(row.improving),
        ]
      })
  }

  static func csvGrid(_ rows: [SchoolProgressRow]) -> Grid {
    let categories = AttendanceCategoryNames.all
    let subjects = Set(rows.flatMap(\.learningGain.keys)).sorted()
    var columns = [
      "schoolCode", "name", "groups", "modelSchool", "instructionalDays", "studentsSeen",
      "studentsEnrolled", "enrolledDays", "absentDays", "presentDays",
      "averageDailyAttendance", "averageDailyMembership", "attendanceRate",
      "chronicAbsenceThreshold", "chronicallyAbsent",
    ]
    columns += categories.map { "events." + $0 }
    columns += ["absenceDays.excused-absence", "absenceDays.unexcused-absence"]
    columns += [
      "dropouts", "dropoutRate", "flaggedStudents", "flaggedWithSession", "careCoverage",
      "medianDaysToFirstSession", "interventions", "sessionsHeld", "homeVisits",
      "dosageMinutes", "assessmentsRecorded",
    ]
    columns += subjects.map { "learningGain." + $0 }
    columns += [
      "planGoals", "goalsMet", "improving", "gaps.studentsWithoutEnrolment",
      "gaps.attendanceOutsideSessions", "gaps.attendanceOutsideEnrolment",
      "gaps.enrolmentsNotCountable",
    ]
    let values: [[String]] = rows.map { row in
      var cells = [
        row.schoolCode, row.name ?? "", row.groups.joined(separator: " "), String(row.modelSchool),
        String(row.instructionalDays), String(row.studentsSeen), String(row.studentsEnrolled),
        decimal(row.enrolledDays, places: 2), decimal(row.absentDays, places: 2),
        decimal(row.presentDays, places: 2), decimal(row.averageDailyAttendance, places: 4),
        decimal(row.averageDailyMembership, places: 4), decimal(row.attendanceRate, places: 4),
        decimal(row.chronicAbsenceThreshold, places: 2), String(row.chronicallyAbsent),
      ]
      cells += categories.map { String(row.attendanceEvents[$0] ?? 0) }
      cells += [
        decimal(row.absenceDays["excused-absence"] ?? 0, places: 2),
        decimal(row.absenceDays["unexcused-absence"] ?? 0, places: 2),
        String(row.dropouts), decimal(row.dropoutRate, places: 4), String(row.flaggedStudents),
        String(row.flaggedWithSession), decimal(row.careCoverage, places: 4),
        decimal(row.medianDaysToFirstSession, places: 1), String(row.interventions),
        String(row.sessionsHeld), String(row.homeVisits), String(row.dosageMinutes),
        String(row.assessmentsRecorded),
      ]
      cells += subjects.map { decimal(row.learningGain[$0], places: 2) }
      cells += [
        String(row.planGoals), String(row.goalsMet), row.improving.map(String.init) ?? "",
        String(row.gaps.studentsWithoutEnrolment), String(row.gaps.attendanceOutsideSessions),
        String(row.gaps.attendanceOutsideEnrolment), String(row.gaps.enrolmentsNotCountable),
      ]
      return cells
    }
    return Grid(columns: columns, rows: values)
  }
}
