import Foundation
import LedgerProjections

enum QueryCommand: LedgerCommand {
  static let name = "query"
  static let summary = "print a read model (school-progress)"
  static let help = """
    Usage: school-ledger query school-progress [--school CODE] [--format table|json|csv]
                                               [--chronic-threshold SHARE]

    Prints whole-school progress per school from the read model as of its checkpoint
    (run 'school-ledger project' first to bring it up to date). Indicators follow
    DOMAIN.md; docs/PROJECTIONS.md defines each column. --chronic-threshold sets the share
    of enrolled days absent at which a student counts as chronically absent (default 0.10).
    The table shows the main columns; json and csv show every field.
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let format = try OutputFormat.parse(arguments.option("format"))
    let school = arguments.option("school")
    let thresholdText = arguments.option("chronic-threshold") ?? "0.10"
    let positionals = arguments.takePositionals()
    try arguments.finish()
    guard let threshold = Double(thresholdText), threshold > 0, threshold <= 1 else {
      throw UsageError("--chronic-threshold must be a share in (0, 1], e.g. 0.10")
    }
    guard positionals == ["school-progress"] else {
      throw UsageError("name the read model to query: school-progress")
    }
    guard FileManager.default.fileExists(atPath: environment.ledger.readModelsPath + "/data.mdb")
    else {
      _ = try environment.ledger.openLog(readOnly: true)
      throw UsageError(
        "no read models yet at \(environment.ledger.readModelsPath); "
          + "run 'school-ledger project' first")
    }
    let store = try ReadModelStore(path: environment.ledger.readModelsPath, readOnly: true)
    let head = try environment.ledger.openLog(readOnly: true).head().sequence
    let name = SchoolProgressProjection().name
    let checkpoint = try store.checkpoint(name)?.sequence ?? 0
    if checkpoint < head {
      environment.logger.warning(
        "\(name) is at sequence \(checkpoint), the log at \(head): \(head - checkpoint) events "
          + "not yet applied; run 'school-ledger project' for current figures")
    }
    let rows = try store.read {
      try SchoolProgressReport(chronicAbsenceThreshold: threshold).rows($0, school: school)
    }
    if let school, rows.isEmpty {
      environment.logger.warning("no school '\(school)' in the read model")
    }
    emit(try render(rows, format))
    return ExitCode.ok
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
          row.improving.map { $0 ? "yes" : "no" } ?? "",
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
