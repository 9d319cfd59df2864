import LedgerEvents
import LedgerProjections
import Testing

/// Counts attendance marks per school, and fails on any mark dated 2024-05-20.
private struct FragileCount: Projection {
  let name = "fragile-count"
  var version = 1
  let eventTypes: Set<EventType> = [.attendanceRecorded]

  func apply(_ event: RecordedEvent, to model: inout ReadModelWriter) throws {
    if event.envelope.occurredOn == "2024-05-20" { throw Poison() }
    try model.update(event.stream, default: 0) { $0 += 1 }
  }

  func retract(_ voided: RecordedEvent, to model: inout ReadModelWriter) throws {
    try model.update(voided.stream, default: 0) { $0 -= 1 }
  }

  struct Poison: Error {}
}

@Suite("The projection runner")
struct RunnerTests {
  @Test("a poison event stops the projection right before it, naming the sequence")
  func poisonEvent() throws {
    let harness = try ProjectionHarness()
    let s = SchoolEvents()
    try harness.given([
      s.mark("m1", key("a"), "2024-05-16", .tardy), s.mark("m2", key("a"), "2024-05-17", .tardy),
      s.mark("m3", key("a"), "2024-05-20", .tardy), s.mark("m4", key("a"), "2024-05-21", .tardy),
    ])
    let progress = try harness.run([FragileCount()])
    #expect(progress.first?.failure?.sequence == 3)
    #expect(progress.first?.failure?.eventId == "m3")
    #expect(try harness.store.checkpoint("fragile-count")?.sequence == 2)
    let count = try harness.store.read { try $0.row("fragile-count", s.school, as: Int.self) }
    #expect(count == 2)
  }

  @Test("a changed version rebuilds from the start; an unchanged one resumes")
  func versionChangeRebuilds() throws {
    let harness = try ProjectionHarness()
    let s = SchoolEvents()
    try harness.given([s.mark("m1", key("a"), "2024-05-16", .tardy)])
    try harness.run([FragileCount()])
    try harness.given([s.mark("m2", key("a"), "2024-05-17", .tardy)])
    let resumed = try harness.run([FragileCount()])
    #expect(resumed.first?.from == 1)
    #expect(resumed.first?.rebuilt == false)
    let rebuilt = try harness.run([FragileCount(version: 2)])
    #expect(rebuilt.first?.from == 0)
    #expect(rebuilt.first?.rebuilt == true)
    let count = try harness.store.read { try $0.row("fragile-count", s.school, as: Int.self) }
    #expect(count == 2)
  }

  @Test("a void retracts exactly the voided event")
  func voidRetracts() throws {
    let harness = try ProjectionHarness()
    let s = SchoolEvents()
    try harness.given([
      s.mark("m1", key("a"), "2024-05-16", .tardy), s.mark("m2", key("a"), "2024-05-17", .tardy),
      s.event("v", on: "2024-05-17", .eventVoided(EventVoided(voidedEventId: "m1", reason: "dup"))),
    ])
    try harness.run([FragileCount()])
    let count = try harness.store.read { try $0.row("fragile-count", s.school, as: Int.self) }
    #expect(count == 1)
  }
}
