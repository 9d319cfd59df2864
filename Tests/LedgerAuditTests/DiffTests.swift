import LedgerAudit
import Testing

private let school = "1001000001"

private func diff(_ ledger: HistoryLedger, _ from: UInt64, _ to: UInt64, school: String? = nil)
  throws -> ProgressDiff
{
  try Replay(log: ledger.log, scratchDirectory: ledger.scratch).schoolProgressChanges(
    from: from, to: to, school: school)
}

private func change(
  _ field: String, _ before: FieldValue?, _ after: FieldValue?, _ events: [UInt64]
)
  -> FieldChange
{
  FieldChange(field: field, before: before, after: after, events: events)
}

/// Every expectation below is worked out by hand from the table of `appendCorrectionStory`.
@Suite("Diff of school-progress between two sequences")
struct DiffTests {
  @Test("3 -> 12: results and a definition arrive, a tardy is voided and nets out")
  func resultsAndDefinition() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    let result = try diff(ledger, 3, 12, school: school)
    #expect(result.from == 3)
    #expect(result.to == 12)
    // Tardies: 1 at 3 (seq 3), 1 at 12 (3 and 4, 4 voided by 10): no change. 5 and 11 are
    // a risk-cleared the projection does not read and the void of it: not cited.
    #expect(
      result.schools == [
        SchoolChanges(
          school: school,
          changes: [
            change("assessmentsRecorded", .number(0), .number(2), [4, 7, 8, 10]),
            change("learningGain.thai-reading", nil, .number(12), [4, 7, 8, 9, 10]),
          ])
      ])
  }

  @Test("8 -> 9: a definition renames a gain's subject; only the definition is cited")
  func definitionOnly() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    #expect(
      try diff(ledger, 8, 9).schools == [
        SchoolChanges(
          school: school,
          changes: [
            change("learningGain.read-1", .number(12), nil, [9]),
            change("learningGain.thai-reading", nil, .number(12), [9]),
          ])
      ])
  }

  @Test("9 -> 10: a void removes a tardy from the counts")
  func void() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    #expect(
      try diff(ledger, 9, 10).schools == [
        SchoolChanges(
          school: school,
          changes: [
            change("attendanceEvents.tardy", .number(2), .number(1), [10]),
            change("gaps.attendanceOutsideSessions", .number(2), .number(1), [10]),
          ])
      ])
  }

  @Test("nothing the projection reads, or a change undone in the window: no school listed")
  func noChange() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    #expect(try diff(ledger, 10, 11).schools == [])
    #expect(try diff(ledger, 11, 12).schools == [])
    #expect(try diff(ledger, 12, 14).schools == [])
    #expect(try diff(ledger, 7, 7).schools == [])
    #expect(
      try diff(ledger, 12, 13).schools == [
        SchoolChanges(
          school: school, changes: [change("assessmentsRecorded", .number(2), .number(3), [13])])
      ])
  }

  @Test("a school that appears lists every field it has, all caused by its own events")
  func newSchool() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    let result = try diff(ledger, 5, 6)
    let zero = FieldValue.number(0)
    let fields: [(String, FieldValue)] = [
      ("absentDays", zero), ("assessmentsRecorded", zero), ("attendanceEvents.tardy", .number(1)),
      ("chronicAbsenceThreshold", .number(0.1)), ("chronicallyAbsent", zero),
      ("dosageMinutes", zero), ("dropouts", zero), ("enrolledDays", zero),
      ("flaggedStudents", zero), ("flaggedWithSession", zero),
      ("gaps.attendanceOutsideEnrolment", zero), ("gaps.attendanceOutsideSessions", .number(1)),
      ("gaps.enrolmentsNotCountable", zero), ("gaps.studentsWithoutEnrolment", .number(1)),
      ("goalsMet", zero), ("homeVisits", zero), ("instructionalDays", zero),
      ("interventions", zero), ("modelSchool", .bool(false)), ("planGoals", zero),
      ("presentDays", zero), ("schoolCode", .text("1001000002")), ("sessionsHeld", zero),
      ("studentsEnrolled", zero), ("studentsSeen", .number(1)),
    ]
    #expect(
      result.schools == [
        SchoolChanges(
          school: "1001000002", changes: fields.map { change($0.0, nil, $0.1, [6]) })
      ])
  }

  @Test("the two sequences may come in either order")
  func eitherOrder() throws {
    let ledger = try HistoryLedger()
    try appendCorrectionStory(to: ledger)
    #expect(try diff(ledger, 10, 9) == diff(ledger, 9, 10))
    #expect(try ledger.scratchLeftovers() == [])
  }

  @Test("values print as integers when whole, else in shortest form")
  func valueText() {
    #expect(FieldValue.number(2).description == "2")
    #expect(FieldValue.number(272.5).description == "272.5")
    #expect(FieldValue.number(0.1).description == "0.1")
    #expect(FieldValue.bool(true).description == "true")
    #expect(FieldValue.text("net-01").description == "net-01")
  }
}
