import LedgerEvents
import LedgerProjections
import Testing

/// One small event set per indicator, each worked out by hand in its comment.
///
/// Unless a test says otherwise the school's calendar is one session of ten instructional
/// days, listed: 2024-05-16, 17, 20, 21, 22, 23, 24, 27, 28, 29 (weekdays).
@Suite("School progress, one indicator at a time")
struct SchoolProgressIndicatorTests {
  static let days = [
    "2024-05-16", "2024-05-17", "2024-05-20", "2024-05-21", "2024-05-22", "2024-05-23",
    "2024-05-24", "2024-05-27", "2024-05-28", "2024-05-29",
  ]
  let s = SchoolEvents()

  func calendar(listed: Bool = true) -> EventEnvelope {
    s.event(
      "cal", on: "2024-05-01",
      .calendarPublished(
        CalendarPublished(
          academicYear: "2567",
          sessions: [
            CalendarSession(
              name: "term 1", beginDate: "2024-05-16", endDate: "2024-05-29",
              instructionalDays: 10, instructionalDates: listed ? Self.days : nil)
          ])))
  }

  func exit(_ id: String, _ student: String, _ date: String, _ type: ExitType) -> EventEnvelope {
    s.event(
      id, on: date,
      .studentExited(StudentExited(studentKey: student, exitDate: date, exitType: type)))
  }

  func void(_ id: String, _ voided: String) -> EventEnvelope {
    s.event(id, on: "2024-05-29", .eventVoided(EventVoided(voidedEventId: voided, reason: "x")))
  }

  func flag(_ id: String, _ student: String, _ date: String) -> EventEnvelope {
    s.event(
      id, on: date,
      .studentFlaggedAtRisk(
        StudentFlaggedAtRisk(
          studentKey: student, reasons: [.chronicAbsence], rule: "absence-3-in-20-days",
          ruleVersion: 1, date: date)))
  }

  func session(_ id: String, _ date: String, _ students: [String], kind: SessionKind = .homeVisit)
    -> EventEnvelope
  {
    s.event(
      id, on: date,
      .interventionSessionHeld(
        InterventionSessionHeld(
          interventionId: nil, kind: kind, date: date, studentKeys: students, dosageMinutes: 30)))
  }

  func progressRow(_ events: [EventEnvelope], report: SchoolProgressReport = .init()) throws
    -> SchoolProgressRow
  {
    let harness = try ProjectionHarness()
    try harness.given(events)
    try harness.run([SchoolProgressProjection()])
    return try #require(try harness.store.read { try report.rows($0) }.first)
  }

  @Test("enrolment mid-year counts instructional days from the entry date")
  func enrolmentMidYear() throws {
    // Entry on 05-23, the 6th of 10 days: 23, 24, 27, 28, 29 = 5 enrolled days.
    // ADM = 5 / 10 = 0.5; no absence, so ADA = 0.5 and the rate is 1.
    let row = try progressRow([calendar(), s.enrol("e", key("a"), "2024-05-23")])
    #expect(row.enrolledDays == 5)
    #expect(row.averageDailyMembership == 0.5)
    #expect(row.averageDailyAttendance == 0.5)
    #expect(row.attendanceRate == 1)
  }

  @Test("exit mid-year: the exit date is the last day enrolled; later absences are gaps")
  func exitMidYear() throws {
    // Enrolled 05-16, transferred out 05-20: 16, 17, 20 = 3 days. Absent 05-17 (inside)
    // and 05-22 (after the exit: a gap, not an absence). Rate (3 - 1) / 3.
    let row = try progressRow([
      calendar(), s.enrol("e", key("a"), "2024-05-16"),
      exit("x", key("a"), "2024-05-20", .transferred),
      s.mark("m1", key("a"), "2024-05-17", .unexcusedAbsence),
      s.mark("m2", key("a"), "2024-05-22", .unexcusedAbsence),
    ])
    #expect(row.enrolledDays == 3)
    #expect(row.absentDays == 1)
    #expect(row.attendanceRate == 2.0 / 3.0)
    #expect(row.gaps.attendanceOutsideEnrolment == 1)
    #expect(row.dropouts == 0)
  }

  @Test("half-day absences add up by duration, at most one day per date")
  func halfDayAbsences() throws {
    // 05-16: 0.5 excused; 05-17: 0.5 unexcused; 05-20: 1 unexcused and 0.5 excused (two
    // marks, capped at one day). Absent 0.5 + 0.5 + 1 = 2 of 10 days: rate 0.8.
    // Absence days by category are not capped: excused 0.5 + 0.5, unexcused 0.5 + 1.
    let row = try progressRow([
      calendar(), s.enrol("e", key("a"), "2024-05-16"),
      s.mark("m1", key("a"), "2024-05-16", .excusedAbsence, 0.5),
      s.mark("m2", key("a"), "2024-05-17", .unexcusedAbsence, 0.5),
      s.mark("m3", key("a"), "2024-05-20", .unexcusedAbsence),
      s.mark("m4", key("a"), "2024-05-20", .excusedAbsence, 0.5),
    ])
    #expect(row.absentDays == 2)
    #expect(row.attendanceRate == 0.8)
    #expect(row.absenceDays == ["excused-absence": 1.0, "unexcused-absence": 1.5])
  }

  @Test("tardies, early departures, partial days and present marks are not absences")
  func notAbsences() throws {
    // Four marks on four days, none an absence: absent 0 of 10, rate 1, nobody chronic.
    let row = try progressRow([
      calendar(), s.enrol("e", key("a"), "2024-05-16"),
      s.mark("m1", key("a"), "2024-05-16", .tardy),
      s.mark("m2", key("a"), "2024-05-17", .earlyDeparture, 0.5),
      s.mark("m3", key("a"), "2024-05-20", .partial, 0.5),
      s.mark("m4", key("a"), "2024-05-21", .present),
    ])
    #expect(row.absentDays == 0)
    #expect(row.attendanceRate == 1)
    #expect(row.chronicallyAbsent == 0)
    #expect(row.absenceDays == [:])
    #expect(
      row.attendanceEvents == ["tardy": 1, "early-departure": 1, "partial": 1, "present": 1])
  }

  @Test("a voided absence and a voided exit leave no trace")
  func voidedAbsence() throws {
    // Absent 05-16 and 05-17, exit 05-20; then the 05-17 absence and the exit are voided:
    // enrolled all 10 days, absent 1, rate 0.9; one absence event left.
    let row = try progressRow([
      calendar(), s.enrol("e", key("a"), "2024-05-16"),
      s.mark("m1", key("a"), "2024-05-16", .unexcusedAbsence),
      s.mark("m2", key("a"), "2024-05-17", .unexcusedAbsence),
      exit("x", key("a"), "2024-05-20", .dropout), void("v1", "m2"), void("v2", "x"),
    ])
    #expect(row.enrolledDays == 10)
    #expect(row.absentDays == 1)
    #expect(row.attendanceRate == 0.9)
    #expect(row.attendanceEvents == ["unexcused-absence": 1])
    #expect(row.dropouts == 0)
  }

  @Test("a student at exactly 10% is chronically absent, even with fractional durations")
  func exactlyTenPercent() throws {
    // Two terms of 10 listed days (May, June). A is enrolled for May only (completed on
    // 05-29) and absent 1 of 10 days. B is enrolled for both, 20 days, and absent
    // 0.7 + 0.6 + 0.7 = 2.0: exactly 10%, though the floating-point sum is
    // 1.9999999999999998. Both count; at a threshold of 0.11 neither.
    let june = [
      "2024-06-03", "2024-06-04", "2024-06-05", "2024-06-06", "2024-06-07", "2024-06-10",
      "2024-06-11", "2024-06-12", "2024-06-13", "2024-06-14",
    ]
    let twoTerms = s.event(
      "cal", on: "2024-05-01",
      .calendarPublished(
        CalendarPublished(
          academicYear: "2567",
          sessions: [
            CalendarSession(
              name: "term 1a", beginDate: "2024-05-16", endDate: "2024-05-29",
              instructionalDays: 10, instructionalDates: Self.days),
            CalendarSession(
              name: "term 1b", beginDate: "2024-06-03", endDate: "2024-06-14",
              instructionalDays: 10, instructionalDates: june),
          ])))
    let events = [
      twoTerms, s.enrol("ea", key("a"), "2024-05-16"),
      exit("xa", key("a"), "2024-05-29", .completed),
      s.mark("a1", key("a"), "2024-05-20", .unexcusedAbsence),
      s.enrol("eb", key("b"), "2024-05-16"),
      s.mark("b1", key("b"), "2024-05-16", .excusedAbsence, 0.7),
      s.mark("b2", key("b"), "2024-05-17", .excusedAbsence, 0.6),
      s.mark("b3", key("b"), "2024-05-20", .excusedAbsence, 0.7),
    ]
    let row = try progressRow(events)
    #expect(row.enrolledDays == 30)
    #expect(row.chronicallyAbsent == 2)
    let stricter = try progressRow(events, report: .init(chronicAbsenceThreshold: 0.11))
    #expect(stricter.chronicallyAbsent == 0)
  }

  @Test("dropouts are dropout exits only: not transfers, deaths or completion")
  func dropoutVersusTransfer() throws {
    // Five enrolled; exits: dropout, transferred, completed, died; one stays.
    // Dropouts 1; dropout rate 1 / 5 students enrolled at any time.
    let types: [(Character, ExitType?)] = [
      ("a", .dropout), ("b", .transferred), ("c", .completed), ("d", .died), ("e", nil),
    ]
    var events = [calendar()]
    for (letter, type) in types {
      events.append(s.enrol("e-\(letter)", key(letter), "2024-05-16"))
      if let type { events.append(exit("x-\(letter)", key(letter), "2024-05-22", type)) }
    }
    let row = try progressRow(events)
    #expect(row.studentsEnrolled == 5)
    #expect(row.dropouts == 1)
    #expect(row.dropoutRate == 0.2)
  }

  @Test("care coverage: a session on or after the first flag; median days to it")
  func careCoverage() throws {
    // A flagged 05-16, visited 05-20: 4 days. B flagged 05-17, visited the same day: 0.
    // C flagged 05-20, visited only before (05-17): not covered. D flagged 05-21 and E
    // flagged 05-22, in one tutoring group on 05-27 and 05-29: 6 and 5 days.
    // A's second flag on 05-24 changes nothing. Covered 4 of 5 = 0.8; days [0, 4, 5, 6]:
    // median (4 + 5) / 2 = 4.5. Sessions: 4 (the group session once), home visits 3.
    let row = try progressRow([
      calendar(),
      flag("fa", key("a"), "2024-05-16"), flag("fa2", key("a"), "2024-05-24"),
      flag("fb", key("b"), "2024-05-17"), flag("fc", key("c"), "2024-05-20"),
      flag("fd", key("d"), "2024-05-21"), flag("fe", key("e"), "2024-05-22"),
      session("va", "2024-05-20", [key("a")]), session("vb", "2024-05-17", [key("b")]),
      session("vc", "2024-05-17", [key("c")]),
      session("tde", "2024-05-27", [key("d"), key("e")], kind: .tutoring),
    ])
    #expect(row.flaggedStudents == 5)
    #expect(row.flaggedWithSession == 4)
    #expect(row.careCoverage == 0.8)
    #expect(row.medianDaysToFirstSession == 4.5)
    #expect(row.sessionsHeld == 4)
    #expect(row.homeVisits == 3)
    #expect(row.dosageMinutes == 120)
  }

  @Test("learning gain: latest end-of-year minus latest beginning-of-year, mean per subject")
  func learningGain() throws {
    // Reading: A 40 -> 52, retested at end of year 55 (latest counts): +15; B 60 -> 54: -6;
    // C has no end-of-year result: left out; a middle-of-year result is ignored.
    // Mean (15 - 6) / 2 = 4.5. Mathematics: A 30 -> 45: +15.
    func define(_ id: String, _ subject: String) -> EventEnvelope {
      s.event(
        "def-" + id, on: "2024-05-01",
        .assessmentDefined(
          AssessmentDefined(assessmentId: id, title: id, subject: subject, gradeLevels: ["P4"])),
        stream: "programme")
    }
    func result(
      _ id: String, _ test: String, _ student: Character, _ date: String,
      _ period: AssessmentPeriod, _ score: String
    ) -> EventEnvelope {
      s.event(
        id, on: date,
        .studentAssessed(
          StudentAssessed(
            assessmentId: test, studentKey: key(student), administrationDate: date,
            period: period, scores: [ScoreResult(reportingMethod: "raw-score", value: score)])))
    }
    let row = try progressRow([
      define("read", "thai-reading"), define("math", "mathematics"),
      result("r1", "read", "a", "2024-05-16", .beginningOfYear, "40"),
      result("r2", "read", "a", "2024-05-27", .endOfYear, "52"),
      result("r3", "read", "a", "2024-05-29", .endOfYear, "55"),
      result("r4", "read", "a", "2024-05-22", .middleOfYear, "90"),
      result("r5", "read", "b", "2024-05-16", .beginningOfYear, "60"),
      result("r6", "read", "b", "2024-05-29", .endOfYear, "54"),
      result("r7", "read", "c", "2024-05-16", .beginningOfYear, "70"),
      result("m1", "math", "a", "2024-05-16", .beginningOfYear, "30"),
      result("m2", "math", "a", "2024-05-29", .endOfYear, "45"),
    ])
    #expect(row.learningGain == ["thai-reading": 4.5, "mathematics": 15])
    #expect(row.assessmentsRecorded == 9)
  }

  @Test("goals are met against their baseline's direction, by the latest revision and value")
  func goalsMet() throws {
    // g1 higher is better, 0.90 -> 0.95, value 0.95: met (at the target exactly).
    // g2 lower is better, 0.20 -> 0.10, value 0.08: met.
    // g3 lower is better, 0.20 -> 0.10, value 0.15: not met (a voided 0.05 does not count).
    // g4 50 -> 60, revised to 50 -> 70; values 72 as of 05-20, 65 as of 05-29: the latest
    // (65) is below the revised target: not met. 2 of 4 met.
    let goals = [
      PlanGoal(goalId: "g1", indicator: "attendance-rate", baseline: 0.90, target: 0.95),
      PlanGoal(goalId: "g2", indicator: "chronic-share", baseline: 0.20, target: 0.10),
      PlanGoal(goalId: "g3", indicator: "dropout-share", baseline: 0.20, target: 0.10),
      PlanGoal(goalId: "g4", indicator: "reading", baseline: 50, target: 60),
    ]
    func progress(_ id: String, _ goal: String, _ value: Double, _ asOf: String = "2024-05-29")
      -> EventEnvelope
    {
      s.event(
        id, on: asOf,
        .planProgressReported(
          PlanProgressReported(planId: "p1", goalId: goal, value: value, asOf: asOf)))
    }
    let events = [
      s.event(
        "plan", on: "2024-05-16",
        .planAdopted(PlanAdopted(planId: "p1", academicYear: "2567", goals: goals))),
      s.event(
        "revise", on: "2024-05-17",
        .planGoalSet(
          PlanGoalSet(
            planId: "p1",
            goal: PlanGoal(goalId: "g4", indicator: "reading", baseline: 50, target: 70)))),
      progress("p-g1", "g1", 0.95), progress("p-g2", "g2", 0.08),
      progress("p-g3", "g3", 0.15, "2024-05-20"), progress("p-g3b", "g3", 0.05),
      void("v", "p-g3b"), progress("p-g4a", "g4", 72, "2024-05-20"), progress("p-g4b", "g4", 65),
    ]
    let row = try progressRow(events)
    #expect(row.planGoals == 4)
    #expect(row.goalsMet == 2)
    // By default more than half of 4 goals, so 3, are needed: not improving.
    #expect(row.improving == false)
    #expect(try progressRow(events, report: .init(goalsNeeded: 2)).improving == true)
    #expect(try progressRow(events, report: .init(goalsNeeded: 3)).improving == false)
  }

  @Test("a school without plan goals is neither improving nor not: empty")
  func improvingWithoutPlan() throws {
    let row = try progressRow([calendar()])
    #expect(row.planGoals == 0)
    #expect(row.improving == nil)
  }

  @Test("two enrolments without an exit between count each day once")
  func duplicateEnrolment() throws {
    // A session without a date list (10 days), a student enrolled twice before it begins
    // (a re-registration): enrolled 10 days, not 20.
    let row = try progressRow([
      calendar(listed: false), s.enrol("e1", key("a"), "2024-05-01"),
      s.enrol("e2", key("a"), "2024-05-10"),
    ])
    #expect(row.enrolledDays == 10)
    #expect(row.gaps.enrolmentsNotCountable == 0)
  }
}
