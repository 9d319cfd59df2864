import LedgerEvents
import LedgerProjections
import LedgerStore

/// `query daily-attendance`: per school and date, marks by category, membership and the
/// day's attendance rate.
struct DailyAttendanceQuery: ReadModelQuery {
  static let name = "daily-attendance"
  static let readModels = [DailyAttendanceProjection().name, SchoolProgressProjection().name]
  static let usage = """
    daily-attendance [--school CODE] [--from DATE] [--to DATE]
        Per school and date (both inclusive): students with a mark of each category,
        absence days, the students enrolled that day and the day's attendance rate (on
        instructional days), and marks that could not be placed.
    """

  var report: DailyAttendanceReport

  init(_ arguments: inout Arguments) throws {
    let school = arguments.option("school")
    let from = try QueryOptions.date(&arguments, "from")
    let to = try QueryOptions.date(&arguments, "to")
    if let from, let to, from > to {
      throw UsageError("--from \(from) is after --to \(to)")
    }
    report = DailyAttendanceReport(school: school, from: from, to: to)
  }

  func output(_ reader: ReadModelReader, _ format: OutputFormat, _ logger: Logger) throws
    -> String
  {
    let rows = try report.rows(reader)
    if let school = report.school, rows.isEmpty {
      logger.warning("no attendance or calendar dates for school '\(school)' in that range")
    }
    switch format {
    case .json: return try prettyJSON(rows)
    case .table, .csv: return Self.grid(rows, format).render(format)
    }
  }

  static func grid(_ rows: [DailyAttendanceRow], _ format: OutputFormat) -> Grid {
    let categories = AttendanceCategoryNames.all
    let table = format == .table
    let columns =
      table
      ? ["school", "date", "instr", "members", "recorded"] + categories
        + ["absence.days", "absent", "att.rate", "non.instr", "not.enrolled"]
      : ["schoolCode", "date", "instructional", "membership", "studentsRecorded"]
        + categories.map { "studentsByCategory." + $0 }
        + [
          "absenceDays", "absentMembers", "attendanceRate", "gaps.marksOnNonInstructionalDay",
          "gaps.marksWithoutEnrolment",
        ]
    return Grid(
      columns: columns,
      rows: rows.map { row in
        [
          row.schoolCode, row.date, table ? yesNo(row.instructional) : String(row.instructional),
          row.membership.map(String.init) ?? "", String(row.studentsRecorded),
        ]
          + categories.map { String(row.studentsByCategory[$0] ?? 0) }
          + [
            decimal(row.absenceDays, places: table ? 1 : 2),
            decimal(row.absentMembers, places: table ? 1 : 2),
            decimal(row.attendanceRate, places: table ? 3 : 4),
            String(row.gaps.marksOnNonInstructionalDay), String(row.gaps.marksWithoutEnrolment),
          ]
      })
  }
}
