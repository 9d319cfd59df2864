import LedgerEvents
import LedgerProjections
import Testing

/// The worked example of docs/PROJECTIONS.md, "Adding a projection".
@Suite("home-visits (the example projection)")
struct HomeVisitsProjectionTests {
  @Test("visits, minutes and students per school and month; tutoring ignored; a void retracted")
  func monthlyVisits() throws {
    let harness = try ProjectionHarness()
    let s = SchoolEvents()
    func session(
      _ id: String, _ kind: SessionKind, _ date: String, _ students: [String], _ minutes: Int
    )
      -> EventEnvelope
    {
      s.event(
        id, on: date,
        .interventionSessionHeld(
          InterventionSessionHeld(
            interventionId: nil, kind: kind, date: date, studentKeys: students,
            dosageMinutes: minutes)))
    }
    try harness.given([
      session("v1", .homeVisit, "2024-05-20", [key("a")], 30),
      session("v2", .homeVisit, "2024-05-28", [key("b"), key("c")], 45),
      session("t1", .tutoring, "2024-05-29", [key("a")], 60),
      session("v3", .homeVisit, "2024-06-03", [key("a")], 20),
      s.event(
        "x", on: "2024-06-04", .eventVoided(EventVoided(voidedEventId: "v3", reason: "not held"))),
    ])
    try harness.run([HomeVisitsProjection()])
    let rows = try harness.store.read {
      try $0.rows("home-visits", prefix: "", as: HomeVisitMonth.self)
    }
    // May: v1 and v2 (t1 is tutoring): 2 visits, 30 + 45 = 75 minutes, 1 + 2 = 3 students.
    // June: v3 was voided, so no row at all.
    #expect(rows.map(\.key) == ["1001000001/2024-05"])
    #expect(rows.first?.value == HomeVisitMonth(visits: 2, minutes: 75, studentVisits: 3))
  }
}
