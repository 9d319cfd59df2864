import LedgerAudit
import Testing

private func explain(_ ledger: HistoryLedger, _ school: String, through sequence: UInt64)
  throws -> [String]
{
  try Replay(log: ledger.log).schoolProgressContributions(school: school, through: sequence)
    .map { item in
      switch item.role {
      case .contributes: return "\(item.sequence) \(item.stream)"
      case .voided: return "\(item.sequence) voided by \(item.voidedBy ?? 0)"
      case .void: return "\(item.sequence) void of \(item.voids ?? 0)"
      }
    }
}

/// Expectations worked out by hand from the table of `appendCorrectionStory`.
@Suite("Explain a school's school-progress row")
struct ExplainTests {
  @Test("at the head: inputs, voided inputs with their voids, and the used definitions")
  func atHead() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    // Left out: 5 and 11 (a risk-cleared the projection does not read, and its void), 6
    // (another school), 12 (math-1, used only by result 13, which is voided).
    #expect(
      try explain(ledger, "1001000001", through: 14) == [
        "1 1001000001", "2 1001000001", "3 1001000001", "4 voided by 10", "7 1001000001",
        "8 1001000001", "9 programme", "10 void of 4", "13 voided by 14", "14 void of 13",
      ])
  }

  @Test("as of an earlier sequence, later voids mark nothing and later results use nothing")
  func earlier() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    #expect(
      try explain(ledger, "1001000001", through: 13) == [
        "1 1001000001", "2 1001000001", "3 1001000001", "4 voided by 10", "7 1001000001",
        "8 1001000001", "9 programme", "10 void of 4", "12 programme", "13 1001000001",
      ])
    #expect(
      try explain(ledger, "1001000001", through: 9) == [
        "1 1001000001", "2 1001000001", "3 1001000001", "4 1001000001", "7 1001000001",
        "8 1001000001", "9 programme",
      ])
    #expect(try explain(ledger, "1001000002", through: 14) == ["6 1001000002"])
    #expect(try explain(ledger, "1001000003", through: 14) == [])
  }

  @Test("a voided definition is listed with the void that removed it")
  func voidedDefinition() throws {
    let ledger = try HistoryLedger()
    let s = HistoryEvents()
    try ledger.append(
      [
        s.defined("def-read", "read-1", subject: "thai-reading"),
        s.assessed("boy", studentKeyA, "read-1", .beginningOfYear, "40"),
        s.void(
          "void-def", of: "def-read", on: "2024-06-01", reason: "wrong subject", stream: "programme"
        ),
        s.defined("def-read-2", "read-1", subject: "reading"),
      ], at: 1_000_000)
    #expect(
      try explain(ledger, "1001000001", through: 4) == [
        "1 voided by 3", "2 1001000001", "3 void of 1", "4 programme",
      ])
    let rows = try Replay(log: ledger.log).schoolProgressContributions(
      school: "1001000001", through: 4)
    #expect(rows.first?.summary == "assessment read-1 (thai-reading) defined")
    #expect(rows.first?.occurredOn == "2024-05-01")
    #expect(rows.first?.type == "assessment.defined")
  }
}
