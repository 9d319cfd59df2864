import LedgerAudit
import LedgerEvents
import Testing

/// A school's week, in three batches recorded at 1 s, 2 s and 3 s after 1970:
///
/// ```
/// seq  occurred    actor               event                         batch
///  1   2024-05-01  importer            S registered                  1 s
///  2   2024-05-16  school:1001000001   A enrolled                    1 s
///  3   2024-05-21  teacher:t1          A tardy                       1 s
///  4   2024-05-20  teacher:t2          B unexcused absence           1 s
///  5   2024-05-20  teacher:t1          A excused absence             2 s
///  6   2024-05-20  teacher:t1          A tardy at school T           2 s
///  7   2024-05-22  teacher:t2          tutoring for A and B          3 s
///  8   2024-05-23  school:1001000001   void of 3: entered twice      3 s
/// ```
/// In occurred order, ties in sequence order, school S is 1, 2, 4, 5, 3, 7, 8.
private func schoolWeek() throws -> HistoryLedger {
  let ledger = try HistoryLedger()
  let s = HistoryEvents()
  let t = HistoryEvents(school: "1001000002")
  try ledger.append(
    [
      s.registered("reg", name: "Ban Test School"),
      s.enrol("enrol-a", studentKeyA, "2024-05-16"),
      s.mark("a-tardy", studentKeyA, "2024-05-21", .tardy),
      s.mark("b-absent", studentKeyB, "2024-05-20", .unexcusedAbsence, actor: "teacher:t2"),
    ], at: 1_000_000)
  try ledger.append(
    [
      s.mark("a-excused", studentKeyA, "2024-05-20", .excusedAbsence),
      t.mark("a-at-t", studentKeyA, "2024-05-20", .tardy),
    ], at: 2_000_000)
  try ledger.append(
    [
      s.tutoring("tutoring", [studentKeyA, studentKeyB], "2024-05-22"),
      s.void("void-tardy", of: "a-tardy", on: "2024-05-23", reason: "entered twice"),
    ], at: 3_000_000)
  return ledger
}

private func sequences(_ ledger: HistoryLedger, _ filter: TimelineFilter) throws -> [UInt64] {
  try Timeline(log: ledger.log).entries(school: "1001000001", filter: filter).map(\.sequence)
}

@Suite("Timeline filters and cuts")
struct TimelineFilterTests {
  @Test("without a filter: every event of the school, occurred order, voids linked both ways")
  func everything() throws {
    let ledger = try schoolWeek()
    let entries = try Timeline(log: ledger.log).entries(
      school: "1001000001", filter: TimelineFilter())
    #expect(entries.map(\.sequence) == [1, 2, 4, 5, 3, 7, 8])
    let tardy = try #require(entries.first { $0.sequence == 3 })
    #expect(tardy.occurredOn == "2024-05-21")
    #expect(tardy.recordedAt == "1970-01-01T00:00:01.000000Z")
    #expect(tardy.type == "attendance.recorded")
    #expect(tardy.actor == "teacher:t1")
    #expect(tardy.summary == "stu-aaaaaaaa tardy on 2024-05-21")
    #expect(tardy.voidedBy == VoidLink(sequence: 8, eventId: "void-tardy", reason: "entered twice"))
    #expect(tardy.voids == nil)
    let void = try #require(entries.last)
    #expect(void.voids == VoidLink(sequence: 3, eventId: "a-tardy", reason: "entered twice"))
    #expect(void.recordedAt == "1970-01-01T00:00:03.000000Z")
  }

  @Test("--family keeps one family of types")
  func family() throws {
    let ledger = try schoolWeek()
    #expect(try sequences(ledger, TimelineFilter(family: "attendance")) == [4, 5, 3])
    #expect(try sequences(ledger, TimelineFilter(family: "correction")) == [8])
    #expect(try sequences(ledger, TimelineFilter(family: "registry")) == [1])
    #expect(try sequences(ledger, TimelineFilter(family: "plan")) == [])
  }

  @Test("--student keeps events naming the student, and voids of them; a prefix works")
  func student() throws {
    let ledger = try schoolWeek()
    #expect(try sequences(ledger, TimelineFilter(student: studentKeyA)) == [2, 5, 3, 7, 8])
    #expect(try sequences(ledger, TimelineFilter(student: "stu-bbbbbbbb")) == [4, 7])
    let timeline = Timeline(log: ledger.log)
    #expect(
      try timeline.students(school: "1001000001", matching: "stu-") == [studentKeyA, studentKeyB])
    #expect(try timeline.students(school: "1001000001", matching: "stu-aaaa") == [studentKeyA])
    #expect(try timeline.students(school: "1001000001", matching: "stu-cccc") == [])
  }

  @Test("--actor, --from and --to, and all of them together")
  func actorAndDates() throws {
    let ledger = try schoolWeek()
    #expect(try sequences(ledger, TimelineFilter(actor: "teacher:t1")) == [5, 3])
    #expect(try sequences(ledger, TimelineFilter(actor: "teacher:t2")) == [4, 7])
    #expect(
      try sequences(ledger, TimelineFilter(from: "2024-05-20", to: "2024-05-21")) == [4, 5, 3])
    #expect(try sequences(ledger, TimelineFilter(from: "2024-05-22")) == [7, 8])
    #expect(try sequences(ledger, TimelineFilter(to: "2024-05-16")) == [1, 2])
    let combined = TimelineFilter(
      from: "2024-05-20", to: "2024-05-23", family: "attendance", student: studentKeyA,
      actor: "teacher:t1")
    #expect(try sequences(ledger, combined) == [5, 3])
  }

  @Test("--at-seq shows what the log held then; a later void does not mark its target")
  func atSequence() throws {
    let ledger = try schoolWeek()
    let timeline = Timeline(log: ledger.log)
    let before = try timeline.entries(
      school: "1001000001", filter: TimelineFilter(cut: .throughSequence(7)))
    #expect(before.map(\.sequence) == [1, 2, 4, 5, 3, 7])
    #expect(before.allSatisfy { $0.voidedBy == nil })
    let after = try timeline.entries(
      school: "1001000001", filter: TimelineFilter(cut: .throughSequence(8)))
    #expect(after.first { $0.sequence == 3 }?.voidedBy?.sequence == 8)
    #expect(try sequences(ledger, TimelineFilter(cut: .throughSequence(0))) == [])
    #expect(
      try sequences(ledger, TimelineFilter(student: studentKeyA, cut: .throughSequence(4))) == [
        2, 3,
      ])
  }

  @Test("--as-known-at cuts by recorded time: whole batches, a void only once recorded")
  func asKnownAt() throws {
    let ledger = try schoolWeek()
    let timeline = Timeline(log: ledger.log)
    func known(_ microseconds: Int64) throws -> [TimelineEntry] {
      try timeline.entries(
        school: "1001000001",
        filter: TimelineFilter(cut: .knownAt(Timestamp(microseconds: microseconds))))
    }
    #expect(try known(999_999).map(\.sequence) == [])
    #expect(try known(1_000_000).map(\.sequence) == [1, 2, 4, 3])
    #expect(try known(2_999_999).map(\.sequence) == [1, 2, 4, 5, 3])
    #expect(try known(2_999_999).allSatisfy { $0.voidedBy == nil })
    let all = try known(3_000_000)
    #expect(all.map(\.sequence) == [1, 2, 4, 5, 3, 7, 8])
    #expect(all.first { $0.sequence == 3 }?.voidedBy?.sequence == 8)
  }

  @Test("a date as a moment means the end of that day, UTC; a time is exact")
  func moments() {
    #expect(
      LogCut.moment("2026-12-03") == Timestamp(parsing: "2026-12-03T23:59:59.999999Z"))
    #expect(LogCut.moment("2026-12-03T19:30:04Z")?.microseconds == 1_796_326_204_000_000)
    #expect(LogCut.moment("2026-12-03T19:30:04.5Z")?.microseconds == 1_796_326_204_500_000)
    #expect(LogCut.moment("yesterday") == nil)
    #expect(LogCut.moment("2026-12-03T19:30:04") == nil)
    #expect(LogCut.moment("2026-02-30") == nil)
  }

  @Test("the families are the catalogue's, in order")
  func families() {
    #expect(
      TimelineFilter.families == [
        "registry", "enrolment", "attendance", "plan", "intervention", "assessment", "care",
        "correction",
      ])
  }
}
