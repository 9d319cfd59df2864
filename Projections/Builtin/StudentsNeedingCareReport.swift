import LedgerEvents

/// One flagged student of one school, by pseudonymous key only.
public struct CareStudentRow: Codable, Sendable, Equatable {
  /// One risk flag, as set.
  public struct FlagDetail: Codable, Sendable, Equatable {
    public var eventId: String
    public var date: String
    public var reasons: [RiskReason]
    public var rule: String
    public var ruleVersion: Int
    /// Cleared by a clearance of the same rule dated on or after the flag.
    public var cleared: Bool
  }

  public var schoolCode: String
  public var studentKey: String
  /// Every flag, in date order (then event id).
  public var flags: [FlagDetail]
  /// The reasons of all flags, sorted.
  public var reasons: [RiskReason]
  /// The rules that set the flags, as `rule@version`, sorted.
  public var rules: [String]
  public var firstFlagged: String
  /// `cleared` when every flag is cleared, else `open`.
  public var status: String
  /// The latest clearance date, when `status` is `cleared`.
  public var clearedOn: String?
  /// Sessions received at any date, and on or after the first flag.
  public var sessions: Int
  public var sessionsSinceFlag: Int
  public var sessionMinutes: Int
  /// Sessions received per kind (`home-visit`, `tutoring`, ...).
  public var sessionKinds: [String: Int]
  /// The first session on or after the first flag, and the days from flag to it.
  public var firstSessionAfterFlag: String?
  public var daysToFirstSession: Int?
  /// Attendance as school progress counts it; nil where `attendanceGap` says why.
  public var enrolledDays: Int?
  public var absentDays: Double?
  public var attendanceRate: Double?
  /// `no-enrolment` or `enrolled-days-not-countable` when attendance cannot be computed.
  public var attendanceGap: String?
}

/// Counts of flagged students for one school (or a grouping's total), every count 1 to 4
/// shown as `<5`.
public struct CareAggregateRow: Codable, Sendable, Equatable {
  /// `school`, or `total` for a grouping's total row.
  public var scope: String
  /// The school's code, or the grouping's id on a total row.
  public var code: String
  public var name: String?
  public var flagged: SuppressedCount
  /// Flagged students having each reason in any flag; every reason of the catalogue.
  public var byReason: [String: SuppressedCount]
  /// Flagged students with no session on or after their first flag.
  public var withoutSession: SuppressedCount
  /// Flagged students all of whose flags are cleared.
  public var cleared: SuppressedCount
  /// Flagged students with no countable enrolment, so no attendance (a data gap).
  public var withoutAttendance: SuppressedCount
}

/// Computes the students-needing-care views from its read model and school progress's.
public struct StudentsNeedingCareReport: Sendable {
  public init() {}

  /// The flagged students of `school`, in student-key order.
  public func students(_ reader: ReadModelReader, school: String) throws -> [CareStudentRow] {
    let progress = SchoolProgressProjection().name
    let facts = try reader.row(progress, "school/" + school, as: SchoolFacts.self) ?? SchoolFacts()
    let calendar = SchoolCalendar(facts)
    return try careRows(reader, school: school).compactMap { key, care in
      let student = try reader.row(
        progress, "student/\(school)/\(key)", as: StudentFacts.self)
      return row(school: school, key: key, care: care, student: student, calendar: calendar)
    }
  }

  /// One aggregate row per school (every school either read model knows, or `schools`).
  public func schoolAggregates(_ reader: ReadModelReader, schools: [String]? = nil) throws
    -> [CareAggregateRow]
  {
    try tallies(reader, schools: schools).map { $0.row(scope: "school") }
  }

  /// One aggregate row per member school of `group` on `asOf`, then the group's total.
  public func groupAggregates(_ reader: ReadModelReader, group: GroupKey, asOf: String) throws
    -> [CareAggregateRow]
  {
    let members = try NetworkSummaryReport.members(reader, of: group, asOf: asOf)
    let tallies = try tallies(reader, schools: members)
    var total = Tally(code: group.id, name: try NetworkSummaryReport.name(reader, of: group))
    for tally in tallies { total.add(tally) }
    return tallies.map { $0.row(scope: "school") } + [total.row(scope: "total")]
  }

  func row(
    school: String, key: String, care: CareFacts, student: StudentFacts?,
    calendar: SchoolCalendar
  ) -> CareStudentRow? {
    let flags = care.flags.sorted { ($0.value.date, $0.key) < ($1.value.date, $1.key) }
    guard let first = flags.first?.value.date else { return nil }
    let details = flags.map { id, flag in
      CareStudentRow.FlagDetail(
        eventId: id, date: flag.date, reasons: flag.reasons, rule: flag.rule,
        ruleVersion: flag.ruleVersion, cleared: care.isCleared(flag))
    }
    let cleared = details.allSatisfy(\.cleared)
    let sessions = care.sessions.values
    let firstSession = FirstSessionAfterFlag(
      flagDates: [first], sessionDates: sessions.map(\.date))
    var row = CareStudentRow(
      schoolCode: school, studentKey: key, flags: details,
      reasons: Set(details.flatMap(\.reasons)).sorted { $0.rawValue < $1.rawValue },
      rules: Set(details.map { "\($0.rule)@\($0.ruleVersion)" }).sorted(),
      firstFlagged: first, status: cleared ? "cleared" : "open",
      clearedOn: cleared ? care.clearances.values.map(\.date).max() : nil,
      sessions: sessions.count, sessionsSinceFlag: sessions.filter { $0.date >= first }.count,
      sessionMinutes: sessions.reduce(0) { $0 + $1.minutes },
      sessionKinds: Dictionary(sessions.map { ($0.kind.rawValue, 1) }, uniquingKeysWith: +),
      firstSessionAfterFlag: firstSession?.session, daysToFirstSession: firstSession?.days)
    switch student?.attendance(on: calendar) {
    case nil:
      row.attendanceGap = "no-enrolment"
    case let attendance? where attendance.enrolledDays == nil:
      row.attendanceGap = "enrolled-days-not-countable"
    case let attendance?:
      row.enrolledDays = attendance.enrolledDays
      row.absentDays = attendance.absentDays
      row.attendanceRate = attendance.attendanceRate
    }
    return row
  }

  /// The care rows of one school's students, in key order.
  private func careRows(_ reader: ReadModelReader, school: String) throws
    -> [(key: String, value: CareFacts)]
  {
    let prefix = "student/\(school)/"
    return try reader.rows(
      StudentsNeedingCareProjection().name, prefix: prefix, as: CareFacts.self
    ).map { (String($0.key.dropFirst(prefix.count)), $0.value) }
  }

  /// Raw counts per school, in code order; only ever shown through ``CareAggregateRow``.
  private func tallies(_ reader: ReadModelReader, schools wanted: [String]?) throws -> [Tally] {
    var schools = Set(wanted ?? [])
    if wanted == nil {
      let progress = try reader.rows(
        SchoolProgressProjection().name, prefix: "school/", as: SchoolFacts.self)
      schools.formUnion(progress.map { String($0.key.dropFirst("school/".count)) })
      let care = try reader.rows(
        StudentsNeedingCareProjection().name, prefix: "student/", as: CareFacts.self)
      schools.formUnion(
        care.map { String($0.key.dropFirst("student/".count).prefix { $0 != "/" }) })
    }
    return try schools.sorted().map { code in
      let facts = try reader.row(
        SchoolProgressProjection().name, "school/" + code, as: SchoolFacts.self)
      var tally = Tally(code: code, name: facts?.latestName)
      for row in try students(reader, school: code) { tally.add(row) }
      return tally
    }
  }

  /// Exact counts of one school or a total, kept private to this report so that only
  /// suppressed counts leave it.
  private struct Tally {
    var code: String
    var name: String?
    var flagged = 0
    var byReason: [RiskReason: Int] = [:]
    var withoutSession = 0
    var cleared = 0
    var withoutAttendance = 0

    mutating func add(_ student: CareStudentRow) {
      flagged += 1
      for reason in student.reasons { byReason[reason, default: 0] += 1 }
      if student.firstSessionAfterFlag == nil { withoutSession += 1 }
      if student.status == "cleared" { cleared += 1 }
      if student.attendanceGap != nil { withoutAttendance += 1 }
    }

    mutating func add(_ other: Tally) {
      flagged += other.flagged
      byReason.merge(other.byReason, uniquingKeysWith: +)
      withoutSession += other.withoutSession
      cleared += other.cleared
      withoutAttendance += other.withoutAttendance
    }

    func row(scope: String) -> CareAggregateRow {
      CareAggregateRow(
        scope: scope, code: code, name: name, flagged: SuppressedCount(flagged),
        byReason: Dictionary(
          uniqueKeysWithValues: RiskReason.allCases.map {
            ($0.rawValue, SuppressedCount(byReason[$0] ?? 0))
          }),
        withoutSession: SuppressedCount(withoutSession), cleared: SuppressedCount(cleared),
        withoutAttendance: SuppressedCount(withoutAttendance))
    }
  }
}
