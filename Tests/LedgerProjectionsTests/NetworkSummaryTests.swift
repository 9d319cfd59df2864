import LedgerEvents
import LedgerProjections
import Testing

/// Five schools and two networks, worked out by hand.
///
/// Every school has the ten-day calendar of May 2024 (16, 17, 20-24, 27-29).
/// - S1 joins net-a on 05-01 and service area sa-1; model school from 05-16; plan goal met
///   (improving). Students: A enrolled all 10 days, absent 1 (10%: chronic), flagged 05-20,
///   no session; B enrolled 05-16, dropped out 05-20 (3 days).
/// - S2 joins net-a on 05-01, leaves it on 10-31 and joins net-b on 11-01; plan goal not met.
/// - S3 joins net-a on 12-01.
/// - S4 joins net-a on 05-01; plan goal not met. Student C enrolled all 10 days, absent 0.5,
///   flagged 05-20, home visit 05-22.
/// - S5 joins net-a on 05-01, but that event is voided.
private enum Network {
  static let codes = ["1001000001", "1001000002", "1001000003", "1001000004", "1001000005"]
  static let dates = [
    "2024-05-16", "2024-05-17", "2024-05-20", "2024-05-21", "2024-05-22", "2024-05-23",
    "2024-05-24", "2024-05-27", "2024-05-28", "2024-05-29",
  ]

  static func events() -> [EventEnvelope] {
    let s = codes.map { SchoolEvents(school: $0) }
    func join(
      _ school: Int, _ id: String, _ group: String, _ date: String, kind: GroupKind = .network
    )
      -> EventEnvelope
    {
      s[school].event(
        id, on: date,
        .schoolJoinedGroup(
          SchoolJoinedGroup(
            groupId: group, groupName: "Network " + group, groupKind: kind, effectiveDate: date)))
    }
    func plan(_ school: Int, met: Bool) -> [EventEnvelope] {
      [
        s[school].event(
          "plan-\(school)", on: "2024-05-16",
          .planAdopted(
            PlanAdopted(
              planId: "p", academicYear: "2567",
              goals: [PlanGoal(goalId: "g", indicator: "reading", baseline: 50, target: 60)]))),
        s[school].event(
          "progress-\(school)", on: "2024-05-29",
          .planProgressReported(
            PlanProgressReported(planId: "p", goalId: "g", value: met ? 61 : 55, asOf: "2024-05-29")
          )),
      ]
    }
    func flag(_ school: Int, _ id: String, _ student: String) -> EventEnvelope {
      s[school].event(
        id, on: "2024-05-20",
        .studentFlaggedAtRisk(
          StudentFlaggedAtRisk(
            studentKey: student, reasons: [.chronicAbsence], rule: "r", ruleVersion: 1,
            date: "2024-05-20")))
    }
    var events: [EventEnvelope] = []
    for (index, school) in s.enumerated() {
      events.append(
        school.event(
          "cal-\(index)", on: "2024-05-01",
          .calendarPublished(
            CalendarPublished(
              academicYear: "2567",
              sessions: [
                CalendarSession(
                  name: "t1", beginDate: "2024-05-16", endDate: "2024-05-29",
                  instructionalDays: 10, instructionalDates: dates)
              ]))))
    }
    events += [
      join(0, "s1-join", "net-a", "2024-05-01"),
      join(0, "s1-sa", "sa-1", "2024-05-01", kind: .serviceArea),
      s[0].event(
        "s1-model", on: "2024-05-16",
        .schoolDesignatedModel(
          SchoolDesignatedModel(academicYear: "2567", effectiveDate: "2024-05-16"))),
      join(1, "s2-join", "net-a", "2024-05-01"),
      s[1].event(
        "s2-leave", on: "2024-10-31",
        .schoolLeftGroup(
          SchoolLeftGroup(groupId: "net-a", groupKind: .network, effectiveDate: "2024-10-31"))),
      join(1, "s2-join-b", "net-b", "2024-11-01"),
      join(2, "s3-join", "net-a", "2024-12-01"),
      join(3, "s4-join", "net-a", "2024-05-01"),
      join(4, "s5-join", "net-a", "2024-05-01"),
      s[4].event(
        "s5-void", on: "2024-05-02",
        .eventVoided(EventVoided(voidedEventId: "s5-join", reason: "wrong school"))),
    ]
    events += plan(0, met: true) + plan(1, met: false) + plan(3, met: false)
    events += [
      s[0].enrol("a-in", key("a"), "2024-05-16"),
      s[0].mark("a-abs", key("a"), "2024-05-21", .unexcusedAbsence),
      flag(0, "a-flag", key("a")),
      s[0].enrol("b-in", key("b"), "2024-05-16"),
      s[0].event(
        "b-out", on: "2024-05-20",
        .studentExited(
          StudentExited(studentKey: key("b"), exitDate: "2024-05-20", exitType: .dropout))),
      s[3].enrol("c-in", key("c"), "2024-05-16"),
      s[3].mark("c-half", key("c"), "2024-05-23", .excusedAbsence, 0.5),
      flag(3, "c-flag", key("c")),
      s[3].event(
        "c-visit", on: "2024-05-22",
        .interventionSessionHeld(
          InterventionSessionHeld(
            interventionId: nil, kind: .homeVisit, date: "2024-05-22", studentKeys: [key("c")],
            dosageMinutes: 60))),
    ]
    return events
  }

  static func summary(_ asOf: String, kind: GroupKind = .network) throws -> [NetworkSummaryRow] {
    let harness = try ProjectionHarness()
    try harness.given(events())
    try harness.run([SchoolProgressProjection(), NetworkSummaryProjection()])
    return try harness.store.read { try NetworkSummaryReport(asOf: asOf, kind: kind).rows($0) }
  }
}

@Suite("Network summary")
struct NetworkSummaryTests {
  @Test("rows keep each membership change and designation by event id; a void removes one")
  func projectionRows() throws {
    let harness = try ProjectionHarness()
    try harness.given(Network.events())
    try harness.run([NetworkSummaryProjection()])
    let rows = try harness.store.read { try $0.rawRows("network-summary") }
    // S5's only event was voided: its row is gone. S3's: one join, at sequence 12 (five
    // calendars, then S1's three events, S2's three, then S3's).
    #expect(
      rows.map(\.key) == [
        "school/1001000001", "school/1001000002", "school/1001000003",
        "school/1001000004",
      ])
    #expect(
      String(decoding: rows[2].value, as: UTF8.self)
        == #"{"changes":{"s3-join":{"effectiveDate":"2024-12-01","groupId":"net-a","#
        + #""groupKind":"network","groupName":"Network net-a","joined":true,"sequence":12}},"#
        + #""modelDesignations":{}}"#)
  }

  @Test("membership as of a date: left before it, joined after it or voided: not counted")
  func membershipAsOf() throws {
    // 2024-11-15: net-a has S1 and S4 (S2 left 10-31, S3 joins 12-01, S5 voided); net-b S2.
    let november = try Network.summary("2024-11-15")
    #expect(november.map(\.groupId) == ["net-a", "net-b"])
    #expect(november[0].members == ["1001000001", "1001000004"])
    #expect(november[1].members == ["1001000002"])
    // 2024-06-01: net-a has S1, S2, S4; net-b has nobody yet, so its shares are empty.
    let june = try Network.summary("2024-06-01")
    #expect(june[0].members == ["1001000001", "1001000002", "1001000004"])
    #expect(june[1].schools == 0)
    #expect(june[1].improvingShare == nil)
    #expect(june[1].improvingTargetMet == nil)
    // Leaving takes effect on its date: on 10-31 S2 is out; on 10-30 still in.
    #expect(try Network.summary("2024-10-31")[0].members == ["1001000001", "1001000004"])
    #expect(try Network.summary("2024-10-30")[0].schools == 3)
    // 12-01: S3 is in.
    #expect(try Network.summary("2024-12-01")[0].schools == 3)
  }

  @Test("net-a on 2024-11-15: improving and model shares against targets, and totals")
  func totals() throws {
    let row = try #require(try Network.summary("2024-11-15").first)
    #expect(row.name == "Network net-a")
    // Improving: S1 of S1, S4 = 0.5 < 0.8. Model: S1 = 0.5 >= 0.1.
    #expect(row.schools == 2)
    #expect(row.schoolsImproving == 1)
    #expect(row.improvingShare == 0.5)
    #expect(row.improvingTargetMet == false)
    #expect(row.modelSchools == 1)
    #expect(row.modelShare == 0.5)
    #expect(row.modelTargetMet == true)
    // Students A, B (S1) and C (S4): enrolled 10 + 3 + 10 = 23 days, absent 1 + 0.5,
    // present 21.5, rate 21.5 / 23. A is chronic (1/10), C is not (0.5/10).
    #expect(row.studentsEnrolled == 3)
    #expect(row.enrolledDays == 23)
    #expect(row.absentDays == 1.5)
    #expect(row.presentDays == 21.5)
    #expect(row.attendanceRate == 21.5 / 23)
    #expect(row.chronicallyAbsent == 1)
    // B dropped out: 1 of 3. Flagged A and C; C had a visit after: coverage 0.5.
    #expect(row.dropouts == 1)
    #expect(row.dropoutRate == 1.0 / 3.0)
    #expect(row.flaggedStudents == 2)
    #expect(row.flaggedWithSession == 1)
    #expect(row.careCoverage == 0.5)
    #expect(row.sessionsHeld == 1)
    #expect(row.homeVisits == 1)
    #expect(row.gaps == .init())
  }

  @Test("a school model only from a later date is not a model school before it")
  func modelAsOf() throws {
    // S1's designation takes effect on 05-16.
    #expect(try Network.summary("2024-05-15")[0].modelSchools == 0)
    #expect(try Network.summary("2024-05-16")[0].modelSchools == 1)
  }

  @Test("other kinds of grouping are shown only when asked for")
  func otherKinds() throws {
    let areas = try Network.summary("2024-11-15", kind: .serviceArea)
    #expect(areas.map(\.groupId) == ["sa-1"])
    #expect(areas[0].members == ["1001000001"])
    #expect(try Network.summary("2024-11-15").allSatisfy { $0.groupKind == .network })
  }
}
