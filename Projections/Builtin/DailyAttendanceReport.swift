import LedgerEvents

/// One school's attendance on one date.
public struct DailyAttendanceRow: Codable, Sendable, Equatable {
  public var schoolCode: String
  public var date: String
  /// Whether the school's calendar makes `date` an instructional day.
  public var instructional: Bool
  /// Distinct students with any attendance mark that day.
  public var studentsRecorded: Int
  /// Distinct students with a mark of each category (every category of the catalogue).
  public var studentsByCategory: [String: Int]
  /// Excused and unexcused absences weighted by duration, every student with a mark,
  /// enrolled or not (as school progress's `absenceDays`).
  public var absenceDays: Double
  /// Students whose enrolment covers the date; nil on a day that is not instructional.
  public var membership: Int?
  /// The members' absences, weighted by duration, at most one per student; nil on a day
  /// that is not instructional.
  public var absentMembers: Double?
  /// (membership − absentMembers) / membership; nil when not instructional or no members.
  public var attendanceRate: Double?
  public var gaps: Gaps

  /// Marks that could not be placed, counted so that they are seen.
  public struct Gaps: Codable, Sendable, Equatable {
    /// Marks on a date that is not instructional in the school's calendar.
    public var marksOnNonInstructionalDay = 0
    /// Marks of students whose enrolment does not cover the date.
    public var marksWithoutEnrolment = 0

    public init() {}
  }
}

/// Computes ``DailyAttendanceRow``s from the daily-attendance and school-progress read models.
public struct DailyAttendanceReport: Sendable {
  /// One school only, when set.
  public var school: String?
  /// First and last date shown (inclusive), when set.
  public var from: String?
  public var to: String?

  public init(school: String? = nil, from: String? = nil, to: String? = nil) {
    self.school = school
    self.from = from
    self.to = to
  }

  /// Rows in school-code, then date order: every date with a mark, and every instructional
  /// date of calendars that list their dates (a day with no marks is a day everyone was
  /// present, in exception-based data).
  public func rows(_ reader: ReadModelReader) throws -> [DailyAttendanceRow] {
    let prefix = "day/" + (school.map { $0 + "/" } ?? "")
    var days: [String: [String: DailyMarks]] = [:]
    for (key, marks) in try reader.rows(
      DailyAttendanceProjection().name, prefix: prefix, as: DailyMarks.self)
    {
      let parts = key.dropFirst("day/".count).split(separator: "/", maxSplits: 1)
      guard parts.count == 2 else { continue }
      days[String(parts[0]), default: [:]][String(parts[1])] = marks
    }
    var schools = Set(days.keys)
    if let school {
      schools.insert(school)
    } else {
      schools.formUnion(
        try reader.rows(SchoolProgressProjection().name, prefix: "school/", as: SchoolFacts.self)
          .map { String($0.key.dropFirst("school/".count)) })
    }
    return try schools.sorted().flatMap { code in
      try rows(reader, school: code, days: days[code] ?? [:])
    }
  }

  private func rows(_ reader: ReadModelReader, school: String, days: [String: DailyMarks])
    throws -> [DailyAttendanceRow]
  {
    let progress = SchoolProgressProjection().name
    let facts = try reader.row(progress, "school/" + school, as: SchoolFacts.self) ?? SchoolFacts()
    let calendar = SchoolCalendar(facts)
    let prefix = "student/\(school)/"
    let enrolments = Dictionary(
      try reader.rows(progress, prefix: prefix, as: StudentFacts.self).map {
        (String($0.key.dropFirst(prefix.count)), $0.value.enrolmentIntervals)
      }, uniquingKeysWith: { $1 })
    let dates = Set(days.keys).union(calendar.listedDates).filter { date in
      date >= (from ?? "") && (to.map { date <= $0 } ?? true)
    }
    return dates.sorted().map { date in
      row(
        school: school, date: date, marks: days[date] ?? DailyMarks(), calendar: calendar,
        enrolments: enrolments)
    }
  }

  func row(
    school: String, date: String, marks: DailyMarks, calendar: SchoolCalendar,
    enrolments: [String: [ClosedRange<String>]]
  ) -> DailyAttendanceRow {
    func enrolled(_ key: String) -> Bool {
      enrolments[key]?.contains { $0.contains(date) } ?? false
    }
    let instructional = calendar.isInstructional(date)
    var row = DailyAttendanceRow(
      schoolCode: school, date: date, instructional: instructional,
      studentsRecorded: Set(marks.marks.values.map(\.studentKey)).count,
      studentsByCategory: [:], absenceDays: 0, gaps: .init())
    var byCategory: [AttendanceCategory: Set<String>] = [:]
    var memberAbsence: [String: Double] = [:]
    // Marks in event-id order, so that floating-point sums come out the same every run.
    for (_, mark) in marks.marks.sorted(by: { $0.key < $1.key }) {
      byCategory[mark.category, default: []].insert(mark.studentKey)
      if !instructional { row.gaps.marksOnNonInstructionalDay += 1 }
      let member = enrolled(mark.studentKey)
      if !member { row.gaps.marksWithoutEnrolment += 1 }
      guard mark.category.isAbsence else { continue }
      row.absenceDays += mark.duration
      if member { memberAbsence[mark.studentKey, default: 0] += mark.duration }
    }
    row.studentsByCategory = Dictionary(
      uniqueKeysWithValues: AttendanceCategory.allCases.map {
        ($0.rawValue, byCategory[$0]?.count ?? 0)
      })
    guard instructional else { return row }
    let membership = enrolments.values.filter { $0.contains { $0.contains(date) } }.count
    let absent = memberAbsence.sorted { $0.key < $1.key }.reduce(0) { $0 + min($1.value, 1) }
    row.membership = membership
    row.absentMembers = absent
    row.attendanceRate = ratio(Double(membership) - absent, Double(membership))
    return row
  }
}
