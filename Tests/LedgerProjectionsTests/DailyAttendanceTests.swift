import LedgerEvents
import LedgerProjections
import Testing

/// One school's days, worked out by hand.
///
/// Calendar: ten listed days in May 2024 (16, 17, 20-24, 27-29); 05-18 is a Saturday.
/// A is enrolled from 05-16, B from 05-22; C is never enrolled.
/// - 05-18: A tardy: a mark on a day that is not instructional.
/// - 05-20: A unexcused (1) and excused (0.5); C unexcused (1, not enrolled); B tardy (not
///   enrolled yet). Members: A. Absence days 1 + 0.5 + 1 = 2.5; the members' absence is A's,
///   capped at 1; rate (1 - 1) / 1 = 0. Two marks of students not enrolled.
/// - 05-22: B excused 0.5, A tardy. Members A, B; absent 0.5; rate 1.5 / 2 = 0.75.
/// - 05-23: A unexcused, voided: no marks left; members 2, rate 1.
private func days() -> [EventEnvelope] {
  let s = SchoolEvents()
  return [
    s.event(
      "cal", on: "2024-05-01",
      .calendarPublished(
        CalendarPublished(
          academicYear: "2567",
          sessions: [
            CalendarSession(
              name: "t1", beginDate: "2024-05-16", endDate: "2024-05-29",
              instructionalDays: 10, instructionalDates: SchoolProgressIndicatorTests.days)
          ]))),
    s.enrol("a-in", key("a"), "2024-05-16"),
    s.enrol("b-in", key("b"), "2024-05-22"),
    s.mark("a-sat", key("a"), "2024-05-18", .tardy),
    s.mark("a-abs", key("a"), "2024-05-20", .unexcusedAbsence),
    s.mark("a-half", key("a"), "2024-05-20", .excusedAbsence, 0.5),
    s.mark("c-abs", key("c"), "2024-05-20", .unexcusedAbsence),
    s.mark("b-early", key("b"), "2024-05-20", .tardy),
    s.mark("b-half", key("b"), "2024-05-22", .excusedAbsence, 0.5),
    s.mark("a-late", key("a"), "2024-05-22", .tardy),
    s.mark("a-wrong", key("a"), "2024-05-23", .unexcusedAbsence),
    s.event(
      "void", on: "2024-05-24",
      .eventVoided(EventVoided(voidedEventId: "a-wrong", reason: "was present"))),
  ]
}

@Suite("Daily attendance")
struct DailyAttendanceTests {
  func harness() throws -> ProjectionHarness {
    let harness = try ProjectionHarness()
    try harness.given(days())
    try harness.run([SchoolProgressProjection(), DailyAttendanceProjection()])
    return harness
  }

  func report(from: String? = nil, to: String? = nil) throws -> [DailyAttendanceRow] {
    try harness().store.read {
      try DailyAttendanceReport(school: "1001000001", from: from, to: to).rows($0)
    }
  }

  @Test("rows: one per school and date with marks by event id; a voided day's row goes")
  func projectionRows() throws {
    let rows = try harness().store.read { try $0.rawRows("daily-attendance") }
    #expect(
      rows.map(\.key)
        == ["2024-05-18", "2024-05-20", "2024-05-22"].map {
          "day/1001000001/" + $0
        })
    #expect(
      String(decoding: rows[2].value, as: UTF8.self)
        == #"{"marks":{"a-late":{"category":"tardy","duration":1,"studentKey":"\#(key("a"))"},"#
        + #""b-half":{"category":"excused-absence","duration":0.5,"studentKey":"\#(key("b"))"}}}"#)
  }

  @Test("each date: students by category, absence days, membership and the day's rate")
  func dayFigures() throws {
    let rows = try report(from: "2024-05-17", to: "2024-05-23")
    #expect(
      rows.map(\.date) == [
        "2024-05-17", "2024-05-18", "2024-05-20", "2024-05-21", "2024-05-22", "2024-05-23",
      ])
    // 05-17: nobody marked, A enrolled: everyone present.
    #expect(rows[0].membership == 1)
    #expect(rows[0].studentsRecorded == 0)
    #expect(rows[0].attendanceRate == 1)
    // 05-18: no school day: no membership or rate, the mark is a gap.
    #expect(rows[1].instructional == false)
    #expect(rows[1].membership == nil)
    #expect(rows[1].attendanceRate == nil)
    #expect(rows[1].studentsByCategory["tardy"] == 1)
    #expect(rows[1].gaps.marksOnNonInstructionalDay == 1)
    #expect(rows[1].gaps.marksWithoutEnrolment == 0)
    let may20 = rows[2]
    #expect(may20.studentsRecorded == 3)
    #expect(
      may20.studentsByCategory == [
        "present": 0, "excused-absence": 1, "unexcused-absence": 2, "tardy": 1,
        "early-departure": 0, "partial": 0,
      ])
    #expect(may20.absenceDays == 2.5)
    #expect(may20.membership == 1)
    #expect(may20.absentMembers == 1)
    #expect(may20.attendanceRate == 0)
    #expect(may20.gaps.marksWithoutEnrolment == 2)
    #expect(rows[3].attendanceRate == 1)
    let may22 = rows[4]
    #expect(may22.membership == 2)
    #expect(may22.absenceDays == 0.5)
    #expect(may22.absentMembers == 0.5)
    #expect(may22.attendanceRate == 0.75)
    // 05-23: the only mark was voided.
    #expect(rows[5].studentsRecorded == 0)
    #expect(rows[5].membership == 2)
    #expect(rows[5].attendanceRate == 1)
  }

  @Test("without a range: every listed school day plus every marked date")
  func everyDay() throws {
    // Ten listed days and the Saturday.
    #expect(try report().count == 11)
  }

  @Test("summed over school days, membership and absence equal school progress's")
  func agreesWithSchoolProgress() throws {
    // A: 10 enrolled days, absent 1 (05-20). B: 6 days, absent 0.5. 16 and 1.5.
    let harness = try harness()
    let daily = try harness.store.read { try DailyAttendanceReport().rows($0) }
    let progress = try #require(try harness.schoolProgress().first)
    let schoolDays = daily.filter(\.instructional)
    #expect(schoolDays.reduce(0) { $0 + ($1.membership ?? 0) } == 16)
    #expect(Double(schoolDays.reduce(0) { $0 + ($1.membership ?? 0) }) == progress.enrolledDays)
    #expect(schoolDays.reduce(0) { $0 + ($1.absentMembers ?? 0) } == progress.absentDays)
    #expect(progress.absentDays == 1.5)
  }
}
