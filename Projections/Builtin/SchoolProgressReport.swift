import LedgerEvents

/// One school's whole-school progress, with every indicator as DOMAIN.md defines it.
///
/// Ratios are nil where the data does not allow them (no calendar, no enrolment), never 0.
public struct SchoolProgressRow: Codable, Sendable, Equatable {
  public var schoolCode: String
  public var name: String?
  /// Groupings the school belongs to now, as `kind:id`, sorted.
  public var groups: [String]
  public var modelSchool: Bool
  public var instructionalDays: Int
  /// Distinct students with any event at the school.
  public var studentsSeen: Int
  /// Distinct students enrolled at any time.
  public var studentsEnrolled: Int
  /// Instructional days enrolled, summed over students with countable enrolment.
  public var enrolledDays: Double
  /// Absent days within those enrolments (the attendance rate's absences).
  public var absentDays: Double
  public var presentDays: Double
  public var averageDailyAttendance: Double?
  public var averageDailyMembership: Double?
  public var attendanceRate: Double?
  public var chronicAbsenceThreshold: Double
  public var chronicallyAbsent: Int
  /// Attendance events per category (events, not days).
  public var attendanceEvents: [String: Int]
  /// Absence days per absence category on school days, weighted by duration, for every
  /// student seen, enrolment known or not.
  public var absenceDays: [String: Double]
  public var dropouts: Int
  public var dropoutRate: Double?
  public var flaggedStudents: Int
  public var flaggedWithSession: Int
  public var careCoverage: Double?
  public var medianDaysToFirstSession: Double?
  public var interventions: Int
  public var sessionsHeld: Int
  public var homeVisits: Int
  public var dosageMinutes: Int
  public var assessmentsRecorded: Int
  /// Mean end-of-year minus beginning-of-year score per subject.
  public var learningGain: [String: Double]
  public var planGoals: Int
  public var goalsMet: Int
  public var improving: Bool?
  public var gaps: Gaps

  /// Data that could not be placed, counted so that it is seen.
  public struct Gaps: Codable, Sendable, Equatable {
    public var studentsWithoutEnrolment = 0
    public var attendanceOutsideSessions = 0
    public var attendanceOutsideEnrolment = 0
    public var enrolmentsNotCountable = 0
  }
}

/// Computes ``SchoolProgressRow``s from the school-progress read model.
public struct SchoolProgressReport: Sendable {
  /// Share of enrolled days absent at or above which a student is chronically absent.
  public var chronicAbsenceThreshold: Double
  /// Goals a school must meet to count as improving; nil means more than half.
  public var goalsNeeded: Int?

  public init(chronicAbsenceThreshold: Double = 0.10, goalsNeeded: Int? = nil) {
    self.chronicAbsenceThreshold = chronicAbsenceThreshold
    self.goalsNeeded = goalsNeeded
  }

  /// Every school's row (or one school's), in school-code order.
  public func rows(_ reader: ReadModelReader, school: String? = nil) throws -> [SchoolProgressRow] {
    try rows(reader, schools: school.map { [$0] })
  }

  /// The rows of the schools in `wanted` (every school's when nil), in school-code order.
  /// Only those schools' student rows are read, so one school's row costs what that school
  /// holds, not what the programme holds.
  public func rows(_ reader: ReadModelReader, schools wanted: Set<String>?) throws
    -> [SchoolProgressRow]
  {
    let name = SchoolProgressProjection().name
    let subjects = Dictionary(
      try reader.rows(name, prefix: "assessment/", as: AssessmentFacts.self).map {
        (String($0.key.dropFirst("assessment/".count)), $0.value.subject)
      }, uniquingKeysWith: { $1 })
    var found: [(code: String, facts: SchoolFacts?, students: [StudentFacts])] = []
    if let wanted {
      for code in wanted.sorted() {
        let facts = try reader.row(name, "school/" + code, as: SchoolFacts.self)
        let students = try reader.rows(name, prefix: "student/\(code)/", as: StudentFacts.self)
        if facts != nil || !students.isEmpty { found.append((code, facts, students.map(\.value))) }
      }
    } else {
      var facts: [String: SchoolFacts] = [:]
      for row in try reader.rows(name, prefix: "school/", as: SchoolFacts.self) {
        facts[String(row.key.dropFirst("school/".count))] = row.value
      }
      var students: [String: [StudentFacts]] = [:]
      for row in try reader.rows(name, prefix: "student/", as: StudentFacts.self) {
        let code = String(row.key.dropFirst("student/".count).prefix { $0 != "/" })
        students[code, default: []].append(row.value)
      }
      for code in Set(facts.keys).union(students.keys).sorted() {
        found.append((code, facts[code], students[code] ?? []))
      }
    }
    return found.map {
      row(
        code: $0.code, facts: $0.facts ?? SchoolFacts(), students: $0.students, subjects: subjects)
    }
  }

  func row(
    code: String, facts: SchoolFacts, students: [StudentFacts], subjects: [String: String]
  ) -> SchoolProgressRow {
    let calendar = SchoolCalendar(facts)
    var row = SchoolProgressRow(
      schoolCode: code,
      name: facts.latestName,
      groups: currentGroups(facts), modelSchool: !facts.modelDesignations.isEmpty,
      instructionalDays: calendar.instructionalDays, studentsSeen: students.count,
      studentsEnrolled: 0, enrolledDays: 0, absentDays: 0, presentDays: 0,
      chronicAbsenceThreshold: chronicAbsenceThreshold, chronicallyAbsent: 0,
      attendanceEvents: [:], absenceDays: [:], dropouts: 0, flaggedStudents: 0,
      flaggedWithSession: 0, interventions: Set(facts.interventions.values).count,
      sessionsHeld: 0, homeVisits: 0, dosageMinutes: 0, assessmentsRecorded: 0,
      learningGain: [:], planGoals: 0, goalsMet: 0, gaps: .init())
    var sessionIds = Set(facts.staffSessions.keys)
    row.dosageMinutes = facts.staffSessions.values.reduce(0) { $0 + $1.minutes }
    var daysToFirstSession: [Int] = []
    var gains: [String: [Double]] = [:]
    for student in students {
      addAttendance(student, calendar: calendar, to: &row)
      for (id, session) in student.sessions where sessionIds.insert(id).inserted {
        row.dosageMinutes += session.minutes
        if session.kind == .homeVisit { row.homeVisits += 1 }
      }
      if let first = FirstSessionAfterFlag(
        flagDates: student.flags.values.map(\.date),
        sessionDates: student.sessions.values.map(\.date))
      {
        daysToFirstSession.append(first.days)
      }
      if !student.flags.isEmpty { row.flaggedStudents += 1 }
      row.assessmentsRecorded += student.assessments.count
      for (subject, gain) in learningGains(student, subjects: subjects) {
        gains[subject, default: []].append(gain)
      }
    }
    row.sessionsHeld = sessionIds.count
    row.flaggedWithSession = daysToFirstSession.count
    row.careCoverage = ratio(Double(row.flaggedWithSession), Double(row.flaggedStudents))
    row.medianDaysToFirstSession = median(daysToFirstSession)
    row.learningGain = gains.mapValues { $0.sorted().reduce(0, +) / Double($0.count) }
    row.dropoutRate = ratio(Double(row.dropouts), Double(row.studentsEnrolled))
    // Without countable enrolment there is no membership to average over: empty, not 0.
    let days = row.enrolledDays > 0 ? Double(calendar.instructionalDays) : 0
    row.averageDailyAttendance = ratio(row.presentDays, days)
    row.averageDailyMembership = ratio(row.enrolledDays, days)
    row.attendanceRate = ratio(row.presentDays, row.enrolledDays)
    addGoals(facts, to: &row)
    return row
  }

  private func addAttendance(
    _ student: StudentFacts, calendar: SchoolCalendar, to row: inout SchoolProgressRow
  ) {
    // Every mark counts by category, and every absence on a school day counts towards the
    // school's absence days, whether or not the student's enrolment is known.
    // Marks in event-id order: dictionaries iterate in a per-process random order, and
    // floating-point sums taken in another order can differ in the last digit.
    for mark in student.attendance.sorted(by: { $0.key < $1.key }).map(\.value) {
      row.attendanceEvents[mark.category.rawValue, default: 0] += 1
      guard calendar.isInstructional(mark.date) else {
        row.gaps.attendanceOutsideSessions += 1
        continue
      }
      guard mark.category.isAbsence else { continue }
      row.absenceDays[mark.category.rawValue, default: 0] += mark.duration
    }
    guard let attendance = student.attendance(on: calendar) else {
      if !student.attendance.isEmpty { row.gaps.studentsWithoutEnrolment += 1 }
      return
    }
    row.studentsEnrolled += 1
    if student.exits.values.contains(where: { $0.exitType == .dropout }) { row.dropouts += 1 }
    guard let enrolled = attendance.enrolledDays else {
      row.gaps.enrolmentsNotCountable += 1
      return
    }
    // The attendance rate counts absences within enrolment only, at most one day per day.
    row.gaps.attendanceOutsideEnrolment += attendance.absencesOutsideEnrolment
    row.enrolledDays += Double(enrolled)
    row.absentDays += attendance.absentDays
    row.presentDays += Double(enrolled) - attendance.absentDays
    if attendance.isChronicallyAbsent(threshold: chronicAbsenceThreshold) {
      row.chronicallyAbsent += 1
    }
  }

  private func learningGains(_ student: StudentFacts, subjects: [String: String])
    -> [(String, Double)]
  {
    var byAssessment: [String: (start: (String, Double)?, end: (String, Double)?)] = [:]
    for result in student.assessments.sorted(by: { $0.key < $1.key }).map(\.value) {
      guard let score = result.score else { continue }
      var entry = byAssessment[result.assessmentId] ?? (nil, nil)
      switch result.period {
      case .beginningOfYear:
        if entry.start.map({ result.date > $0.0 }) ?? true { entry.start = (result.date, score) }
      case .endOfYear:
        if entry.end.map({ result.date > $0.0 }) ?? true { entry.end = (result.date, score) }
      default: continue
      }
      byAssessment[result.assessmentId] = entry
    }
    return byAssessment.compactMap { id, pair in
      guard let start = pair.start, let end = pair.end else { return nil }
      return (subjects[id] ?? id, end.1 - start.1)
    }
  }

  private func addGoals(_ facts: SchoolFacts, to row: inout SchoolProgressRow) {
    var goals: [String: SchoolFacts.Goal] = [:]
    for goal in facts.goals.values {
      let key = goal.planId + "#" + goal.goal.goalId
      if goals[key].map({ $0.sequence < goal.sequence }) ?? true { goals[key] = goal }
    }
    var latest: [String: SchoolFacts.Progress] = [:]
    for progress in facts.progress.values {
      let key = progress.planId + "#" + progress.goalId
      if latest[key].map({ ($0.asOf, $0.sequence) < (progress.asOf, progress.sequence) })
        ?? true
      {
        latest[key] = progress
      }
    }
    row.planGoals = goals.count
    row.goalsMet =
      goals.filter { key, goal in
        guard let value = latest[key]?.value else { return false }
        return goal.goal.target >= goal.goal.baseline
          ? value >= goal.goal.target : value <= goal.goal.target
      }.count
    if row.planGoals > 0 {
      row.improving = row.goalsMet >= (goalsNeeded ?? (row.planGoals / 2 + 1))
    }
  }

  private func currentGroups(_ facts: SchoolFacts) -> [String] {
    var latest: [String: SchoolFacts.Membership] = [:]
    for membership in facts.memberships.values {
      let key = membership.groupKind.rawValue + ":" + membership.groupId
      if latest[key].map({ ($0.date, $0.sequence) < (membership.date, membership.sequence) })
        ?? true
      {
        latest[key] = membership
      }
    }
    return latest.filter { $0.value.joined }.keys.sorted()
  }
}

func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
  denominator > 0 ? numerator / denominator : nil
}

func median(_ values: [Int]) -> Double? {
  guard !values.isEmpty else { return nil }
  let sorted = values.sorted()
  let middle = sorted.count / 2
  return sorted.count % 2 == 1
    ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
}
