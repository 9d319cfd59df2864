import LedgerEvents
import Testing

@testable import LedgerStore

private func void(_ id: String, of target: String, school: String = "1001000001")
  -> EventEnvelope
{
  EventEnvelope(
    id: id, stream: school, occurredOn: "2024-06-04", actor: "teacher:1",
    source: EventSource(system: "test", naturalKey: id),
    payload: .eventVoided(EventVoided(voidedEventId: target, reason: "wrong register")))
}

@Suite("Voids")
struct VoidRulesTests {
  @Test("a void of an event earlier in the log or in the same batch is accepted")
  func validVoids() throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    try log.append([attendance("e1", school: "1001000001")])
    try log.append([void("v1", of: "e1")])
    let outcome = try log.append([attendance("e2", school: "1001000001"), void("v2", of: "e2")])
    #expect(outcome.results == [.appended(3), .appended(4)])
  }

  @Test(
    "a void of a missing event, of a void, of itself or of another school is refused",
    arguments: ["missing", "void", "itself", "other school"])
  func invalidVoids(_ kind: String) throws {
    let ledger = try TemporaryLedger()
    let log = try ledger.openLog()
    try log.append([
      attendance("e1", school: "1001000001"), attendance("e9", school: "1001000002"),
      void("v1", of: "e1"),
    ])
    let bad: EventEnvelope
    switch kind {
    case "missing": bad = void("v2", of: "nope")
    case "void": bad = void("v2", of: "v1")
    case "itself": bad = void("v2", of: "v2")
    default: bad = void("v2", of: "e9")
    }
    #expect {
      try log.append([bad])
    } throws: { error in
      (error as? StoreError)?.code == .invalidEvent && (error as? StoreError)?.eventId == "v2"
    }
    #expect(try log.head().sequence == 3)
  }
}
