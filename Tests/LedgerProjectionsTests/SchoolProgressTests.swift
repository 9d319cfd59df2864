import LedgerEvents
import LedgerProjections
import Testing

/// A hand-worked school, with every number below computed on paper from these events.
///
/// Calendar: one session of 10 instructional days, 2024-05-16..29 (weekdays).
/// - A enrolled all 10 days, absent 05-20 (full day), tardy 05-21: 1/10 = exactly 10%,
///   chronically absent.
/// - B enrolled from 05-22 (6 days), half-day excused absence 05-23, early departure 05-24:
///   0.5/6 absent, not chronic.
/// - C enrolled 05-16, dropped out 05-21 (4 days); absent 05-17, but that mark was voided.
/// - D has attendance but no enrolment: a gap.
/// - E enrolled all 10 days; an absence on Saturday 05-18 is outside every session: a gap.
/// Enrolled days 10+6+4+10 = 30; absent 1+0.5 = 1.5; present 28.5.
/// ADA 28.5/10 = 2.85, ADM 30/10 = 3.0, attendance rate 28.5/30 = 0.95.
private func handWorkedSchool() -> [EventEnvelope] {
  let s = SchoolEvents()
  let dates = [
    "2024-05-16", "2024-05-17", "2024-05-20", "2024-05-21", "2024-05-22", "2024-05-23",
    "2024-05-24", "2024-05-27", "2024-05-28", "2024-05-29",
  ]
  let calendar = CalendarPublished(
    academicYear: "2567",
    sessions: [
      CalendarSession(
        name: "term 1", beginDate: "2024-05-16", endDate: "2024-05-29", instructionalDays: 10,
        instructionalDates: dates)
    ])
  let goals = [
    PlanGoal(goalId: "g1", indicator: "attendance-rate", baseline: 0.90, target: 0.95),
    PlanGoal(goalId: "g2", indicator: "chronic-share", baseline: 0.20, target: 0.10),
    PlanGoal(goalId: "g3", indicator: "reading", baseline: 50, target: 60),
  ]
  func progress(_ id: String, _ goal: String, _ value: Double) -> EventEnvelope {
    s.event(
      id, on: "2024-05-29",
      .planProgressReported(
        PlanProgressReported(planId: "p1", goalId: goal, value: value, asOf: "2024-05-29")))
  }
  func assessed(_ id: String, _ student: String, _ period: AssessmentPeriod, _ score: String)
    -> EventEnvelope
  {
    s.event(
      id, on: "2024-05-16",
      .studentAssessed(
        StudentAssessed(
          assessmentId: "read-1", studentKey: student, administrationDate: "2024-05-16",
          period: period, scores: [ScoreResult(reportingMethod: "raw-score", value: score)])))
  }
  func session(_ id: String, _ kind: SessionKind, _ date: String, _ students: [String], _ min: Int)
    -> EventEnvelope
  {
    s.event(
      id, on: date,
      .interventionSessionHeld(
        InterventionSessionHeld(
          interventionId: "iv-1", kind: kind, date: date, studentKeys: students,
          dosageMinutes: min)))
  }
  return [
    s.event(
      "reg", on: "2024-05-01",
      .schoolRegistered(SchoolRegistered(schoolCode: s.school, name: "Ban Nong Khai School"))),
    s.event(
      "join", on: "2024-05-16",
      .schoolJoinedGroup(
        SchoolJoinedGroup(
          groupId: "net-01", groupName: nil, groupKind: .network, effectiveDate: "2024-05-16"))),
    s.event("cal", on: "2024-05-01", .calendarPublished(calendar)),
    s.event(
      "plan", on: "2024-05-16",
      .planAdopted(PlanAdopted(planId: "p1", academicYear: "2567", goals: goals))),
    s.event(
      "def-read", on: "2024-05-01",
      .assessmentDefined(
        AssessmentDefined(
          assessmentId: "read-1", title: "Reading", subject: "thai-reading", gradeLevels: ["P4"])),
      stream: "programme"),
    s.event(
      "iv", on: "2024-05-16",
      .interventionDefined(
        InterventionDefined(
          interventionId: "iv-1", interventionClass: .practice, delivery: .individual,
          diagnoses: ["dropout-risk"], beginDate: "2024-05-16"))),
    s.enrol("enr-a", key("a"), "2024-05-16"),
    s.enrol("enr-b", key("b"), "2024-05-22"),
    s.enrol("enr-c", key("c"), "2024-05-16"),
    s.enrol("enr-e", key("e"), "2024-05-16"),
    s.mark("a-abs", key("a"), "2024-05-20", .unexcusedAbsence),
    s.mark("a-tardy", key("a"), "2024-05-21", .tardy),
    s.mark("b-half", key("b"), "2024-05-23", .excusedAbsence, 0.5),
    s.mark("b-early", key("b"), "2024-05-24", .earlyDeparture, 0.5),
    s.mark("c-abs", key("c"), "2024-05-17", .unexcusedAbsence),
    s.event(
      "c-exit", on: "2024-05-21",
      .studentExited(
        StudentExited(studentKey: key("c"), exitDate: "2024-05-21", exitType: .dropout))
    ),
    s.event(
      "void-1", on: "2024-05-22",
      .eventVoided(EventVoided(voidedEventId: "c-abs", reason: "marked in the wrong register"))),
    s.mark("d-abs", key("d"), "2024-05-20", .unexcusedAbsence),
    s.mark("e-sat", key("e"), "2024-05-18", .unexcusedAbsence),
    s.event(
      "flag-a", on: "2024-05-20",
      .studentFlaggedAtRisk(
        StudentFlaggedAtRisk(
          studentKey: key("a"), reasons: [.chronicAbsence], rule: "r", ruleVersion: 1,
          date: "2024-05-20"))),
    s.event(
      "flag-e", on: "2024-05-21",
      .studentFlaggedAtRisk(
        StudentFlaggedAtRisk(
          studentKey: key("e"), reasons: [.chronicAbsence], rule: "r", ruleVersion: 1,
          date: "2024-05-21"))),
    session("hv-1", .homeVisit, "2024-05-23", [key("a")], 45),
    session("hv-2", .homeVisit, "2024-05-27", [key("a")], 30),
    session("plc-1", .plcMeeting, "2024-05-24", [], 60),
    assessed("a-boy", key("a"), .beginningOfYear, "40"),
    assessed("a-eoy", key("a"), .endOfYear, "52"),
    assessed("b-boy", key("b"), .beginningOfYear, "60"),
    assessed("b-eoy", key("b"), .endOfYear, "66"),
    progress("pr-1", "g1", 0.96),
    progress("pr-2", "g2", 0.15),
    progress("pr-3", "g3", 61),
  ]
}

@Suite("School progress, by DOMAIN.md's definitions")
struct SchoolProgressTests {
  @Test("attendance: enrolled, absent and present days, ADA, ADM and rate")
  func attendanceIndicators() throws {
    let harness = try ProjectionHarness()
    try harness.given(handWorkedSchool())
    try harness.run([SchoolProgressProjection()])
    let row = try #require(try harness.schoolProgress().first)
    #expect(row.schoolCode == "1001000001")
    #expect(row.name == "Ban Nong Khai School")
    #expect(row.groups == ["network:net-01"])
    #expect(row.instructionalDays == 10)
    #expect(row.studentsSeen == 5)
    #expect(row.studentsEnrolled == 4)
    #expect(row.enrolledDays == 30)
    #expect(row.absentDays == 1.5)
    #expect(row.presentDays == 28.5)
    #expect(row.averageDailyAttendance == 2.85)
    #expect(row.averageDailyMembership == 3.0)
    #expect(row.attendanceRate == 0.95)
  }

  @Test("chronic absence counts a student at exactly 10%, and follows the threshold")
  func chronicAbsence() throws {
    let harness = try ProjectionHarness()
    try harness.given(handWorkedSchool())
    try harness.run([SchoolProgressProjection()])
    #expect(try harness.schoolProgress().first?.chronicallyAbsent == 1)
    // B is absent 0.5 of 6 days (8.3%): counted once the line drops to 8%.
    #expect(try harness.schoolProgress(threshold: 0.08).first?.chronicallyAbsent == 2)
    #expect(try harness.schoolProgress(threshold: 0.11).first?.chronicallyAbsent == 0)
  }

  @Test("categories: tardies and early departures are not absences; voided marks vanish")
  func categories() throws {
    let harness = try ProjectionHarness()
    try harness.given(handWorkedSchool())
    try harness.run([SchoolProgressProjection()])
    let row = try #require(try harness.schoolProgress().first)
    #expect(
      row.attendanceEvents == [
        "unexcused-absence": 3, "excused-absence": 1, "tardy": 1, "early-departure": 1,
      ])
    // A and D (not enrolled, but absent on a school day) once each; E's Saturday is no
    // school day.
    #expect(row.absenceDays == ["unexcused-absence": 2.0, "excused-absence": 0.5])
    #expect(row.gaps.studentsWithoutEnrolment == 1)
    #expect(row.gaps.attendanceOutsideSessions == 1)
  }

  @Test("dropout, care coverage, sessions, learning gain and plan goals")
  func programmeIndicators() throws {
    let harness = try ProjectionHarness()
    try harness.given(handWorkedSchool())
    try harness.run([SchoolProgressProjection()])
    let row = try #require(try harness.schoolProgress().first)
    #expect(row.dropouts == 1)
    #expect(row.dropoutRate == 0.25)
    #expect(row.flaggedStudents == 2)
    #expect(row.flaggedWithSession == 1)
    #expect(row.careCoverage == 0.5)
    #expect(row.medianDaysToFirstSession == 3)
    #expect(row.interventions == 1)
    #expect(row.sessionsHeld == 3)
    #expect(row.homeVisits == 2)
    #expect(row.dosageMinutes == 135)
    #expect(row.assessmentsRecorded == 4)
    #expect(row.learningGain == ["thai-reading": 9])
    #expect(row.planGoals == 3)
    #expect(row.goalsMet == 2)
    #expect(row.improving == true)
  }

  @Test("catching up in small batches builds the same rows as one pass")
  func incrementalEqualsRebuild() throws {
    let events = handWorkedSchool()
    let oneGo = try ProjectionHarness()
    try oneGo.given(events)
    try oneGo.run([SchoolProgressProjection()])
    let stepwise = try ProjectionHarness()
    for chunk in stride(from: 0, to: events.count, by: 4) {
      try stepwise.given(Array(events[chunk..<min(chunk + 4, events.count)]))
      try stepwise.run([SchoolProgressProjection()], batchSize: 3)
    }
    let name = SchoolProgressProjection().name
    let left = try oneGo.store.read { try $0.rawRows(name) }
    let right = try stepwise.store.read { try $0.rawRows(name) }
    #expect(left.map(\.key) == right.map(\.key))
    #expect(left.map(\.value) == right.map(\.value))
  }
}
