import Foundation
import LedgerEvents
import LedgerProjections
import Testing

/// One school's flagged students, worked out by hand.
///
/// Calendar: ten listed days in May 2024 (16, 17, 20-24, 27-29).
/// - A: enrolled all 10 days, absent 05-21 (rate 0.9); flagged 05-16 for chronic absence by
///   absence-3-in-20-days v1; home visit 05-20 (45 min) and tutoring 05-27 (60 min): two
///   sessions, first 4 days after the flag; open.
/// - B: never enrolled (a gap); flagged 05-17 for poverty and low attainment by
///   teacher-referral v2, cleared 05-24 by that rule; tutoring 05-16 (30 min), before the
///   flag: 1 session, none since.
/// - C: enrolled from 05-22 (6 days, no absence: rate 1); flagged 05-20 by rule r1 and 05-22
///   by rule r2; r1 cleared 05-21, r2 never: open.
/// - D: flagged, but the flag was voided: not listed.
/// - E: a session, never flagged: not listed.
private enum CareSchool {
  static let s = SchoolEvents()

  static func flag(
    _ id: String, _ student: Character, _ date: String, _ reasons: [RiskReason],
    rule: String = "absence-3-in-20-days", version: Int = 1
  ) -> EventEnvelope {
    s.event(
      id, on: date,
      .studentFlaggedAtRisk(
        StudentFlaggedAtRisk(
          studentKey: key(student), reasons: reasons, rule: rule, ruleVersion: version,
          date: date)))
  }

  static func clear(_ id: String, _ student: Character, _ date: String, rule: String)
    -> EventEnvelope
  {
    s.event(
      id, on: date, .riskCleared(RiskCleared(studentKey: key(student), rule: rule, date: date)))
  }

  static func session(
    _ id: String, _ date: String, _ students: [Character], _ kind: SessionKind, _ minutes: Int
  ) -> EventEnvelope {
    s.event(
      id, on: date,
      .interventionSessionHeld(
        InterventionSessionHeld(
          interventionId: nil, kind: kind, date: date, studentKeys: students.map(key),
          dosageMinutes: minutes)))
  }

  static func events() -> [EventEnvelope] {
    [
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
      s.mark("a-abs", key("a"), "2024-05-21", .unexcusedAbsence),
      flag("a-flag", "a", "2024-05-16", [.chronicAbsence]),
      session("a-visit", "2024-05-20", ["a"], .homeVisit, 45),
      session("tutor", "2024-05-27", ["a"], .tutoring, 60),
      flag(
        "b-flag", "b", "2024-05-17", [.poverty, .lowAttainment], rule: "teacher-referral",
        version: 2),
      clear("b-clear", "b", "2024-05-24", rule: "teacher-referral"),
      session("b-tutor", "2024-05-16", ["b", "e"], .tutoring, 30),
      s.enrol("c-in", key("c"), "2024-05-22"),
      flag("c-flag-1", "c", "2024-05-20", [.chronicAbsence], rule: "r1"),
      flag("c-flag-2", "c", "2024-05-22", [.dropoutRisk], rule: "r2"),
      clear("c-clear", "c", "2024-05-21", rule: "r1"),
      flag("d-flag", "d", "2024-05-20", [.other]),
      s.event(
        "d-void", on: "2024-05-21",
        .eventVoided(EventVoided(voidedEventId: "d-flag", reason: "wrong student"))),
    ]
  }
}

@Suite("Students needing care")
struct StudentsNeedingCareTests {
  func harness(_ events: [EventEnvelope]) throws -> ProjectionHarness {
    let harness = try ProjectionHarness()
    try harness.given(events)
    try harness.run([
      SchoolProgressProjection(), NetworkSummaryProjection(), StudentsNeedingCareProjection(),
    ])
    return harness
  }

  @Test("rows: flags with rule and version, clearances and sessions by event id; voids drop")
  func projectionRows() throws {
    let rows = try harness(CareSchool.events()).store.read {
      try $0.rawRows("students-needing-care")
    }
    // D's only event was voided: no row. E has a row for the session it shared with B.
    let school = "student/1001000001/"
    #expect(rows.map(\.key) == ["a", "b", "c", "e"].map { school + key($0) })
    #expect(
      String(decoding: rows[1].value, as: UTF8.self)
        == #"{"clearances":{"b-clear":{"date":"2024-05-24","rule":"teacher-referral"}},"#
        + #""flags":{"b-flag":{"date":"2024-05-17","reasons":["poverty","low-attainment"],"#
        + #""rule":"teacher-referral","ruleVersion":2}},"#
        + #""sessions":{"b-tutor":{"date":"2024-05-16","kind":"tutoring","minutes":30}}}"#)
  }

  @Test("per student: reasons, rule@version, open or cleared, sessions, attendance")
  func studentList() throws {
    let rows = try harness(CareSchool.events()).store.read {
      try StudentsNeedingCareReport().students($0, school: "1001000001")
    }
    #expect(rows.map(\.studentKey) == [key("a"), key("b"), key("c")])
    let a = rows[0]
    #expect(a.reasons == [.chronicAbsence])
    #expect(a.rules == ["absence-3-in-20-days@1"])
    #expect(a.status == "open")
    #expect(a.sessions == 2)
    #expect(a.sessionsSinceFlag == 2)
    #expect(a.sessionMinutes == 105)
    #expect(a.sessionKinds == ["home-visit": 1, "tutoring": 1])
    #expect(a.firstSessionAfterFlag == "2024-05-20")
    #expect(a.daysToFirstSession == 4)
    #expect(a.enrolledDays == 10)
    #expect(a.absentDays == 1)
    #expect(a.attendanceRate == 0.9)
    #expect(a.attendanceGap == nil)
    let b = rows[1]
    #expect(b.reasons == [.lowAttainment, .poverty])
    #expect(b.rules == ["teacher-referral@2"])
    #expect(b.status == "cleared")
    #expect(b.clearedOn == "2024-05-24")
    #expect(b.sessions == 1)
    #expect(b.sessionsSinceFlag == 0)
    #expect(b.firstSessionAfterFlag == nil)
    #expect(b.daysToFirstSession == nil)
    #expect(b.enrolledDays == nil)
    #expect(b.attendanceRate == nil)
    #expect(b.attendanceGap == "no-enrolment")
    let c = rows[2]
    #expect(c.firstFlagged == "2024-05-20")
    #expect(c.flags.map(\.cleared) == [true, false])
    #expect(c.reasons == [.chronicAbsence, .dropoutRisk])
    #expect(c.rules == ["r1@1", "r2@1"])
    #expect(c.status == "open")
    #expect(c.clearedOn == nil)
    #expect(c.enrolledDays == 6)
    #expect(c.attendanceRate == 1)
  }

  @Test("school counts: flagged 3, by reason, no session yet 2, cleared 1, no attendance 1")
  func schoolCounts() throws {
    // Every count here is 1 to 4, so every one shows as <5; reasons nobody has show 0.
    let rows = try harness(CareSchool.events()).store.read {
      try StudentsNeedingCareReport().schoolAggregates($0)
    }
    #expect(rows.count == 1)
    #expect(rows[0].flagged == .fewerThanFive)
    #expect(
      rows[0].byReason == [
        "chronic-absence": .fewerThanFive, "low-attainment": .fewerThanFive,
        "poverty": .fewerThanFive, "dropout-risk": .fewerThanFive, "other": .exact(0),
      ])
    #expect(rows[0].withoutSession == .fewerThanFive)
    #expect(rows[0].cleared == .fewerThanFive)
    #expect(rows[0].withoutAttendance == .fewerThanFive)
  }

  @Test("network counts of 0, 1, 4 and 5 show as 0, <5, <5 and 5; the total is exact")
  func suppression() throws {
    // Four member schools with 0, 1, 4 and 5 flagged students (none with a session), and a
    // fifth that left the network before the date, with 3. Total 0 + 1 + 4 + 5 = 10.
    var events: [EventEnvelope] = []
    let counts = [0, 1, 4, 5, 3]
    for (index, count) in counts.enumerated() {
      let s = SchoolEvents(school: "100100000\(index + 1)")
      events.append(
        s.event(
          "join-\(index)", on: "2024-05-01",
          .schoolJoinedGroup(
            SchoolJoinedGroup(
              groupId: "net-a", groupName: "Network A", groupKind: .network,
              effectiveDate: "2024-05-01"))))
      if index == 4 {
        events.append(
          s.event(
            "leave-\(index)", on: "2024-06-01",
            .schoolLeftGroup(
              SchoolLeftGroup(groupId: "net-a", groupKind: .network, effectiveDate: "2024-06-01")
            )))
      }
      for student in 0..<count {
        events.append(
          s.event(
            "flag-\(index)-\(student)", on: "2024-05-20",
            .studentFlaggedAtRisk(
              StudentFlaggedAtRisk(
                studentKey: String(format: "stu-%032x", index * 10 + student),
                reasons: [.chronicAbsence], rule: "r", ruleVersion: 1, date: "2024-05-20"))))
      }
    }
    let rows = try harness(events).store.read {
      try StudentsNeedingCareReport().groupAggregates(
        $0, group: GroupKey(kind: .network, id: "net-a"), asOf: "2024-07-01")
    }
    #expect(rows.map(\.code) == ["1001000001", "1001000002", "1001000003", "1001000004", "net-a"])
    #expect(rows.map(\.scope) == ["school", "school", "school", "school", "total"])
    #expect(
      rows.map(\.flagged) == [.exact(0), .fewerThanFive, .fewerThanFive, .exact(5), .exact(10)])
    #expect(rows.map(\.withoutSession) == rows.map(\.flagged))
    #expect(rows.map { $0.byReason["chronic-absence"] } == rows.map(\.flagged))
    #expect(rows.map(\.cleared) == Array(repeating: .exact(0), count: 5))
    #expect(rows.last?.name == "Network A")
    // JSON carries "<5" as a string and exact counts as numbers.
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(rows.map(\.flagged)), as: UTF8.self)
    #expect(json == #"[0,"<5","<5",5,10]"#)
  }
}
