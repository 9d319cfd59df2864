import Foundation
import LedgerEvents
import LedgerProjections
import LedgerStore

/// A clock the test moves by hand, injected into the log so that every batch gets a known
/// `recordedAt`.
final class HandClock: @unchecked Sendable {
  // Safe to share: `microseconds` is only touched while holding `lock`.
  private let lock = NSLock()
  private var microseconds: Int64 = 0

  func set(_ value: Int64) {
    lock.withLock { microseconds = value }
  }

  func now() -> Timestamp {
    lock.withLock { Timestamp(microseconds: microseconds) }
  }
}

/// A fresh temporary ledger per test, with a hand-set clock and a live read-model store.
final class HistoryLedger {
  let path: String
  let directory: LedgerDirectory
  let clock = HandClock()
  let log: EventLog
  /// Where replays put their scratch read models: checked empty after each replay.
  let scratch: String

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("audit-test-\(UUID().uuidString)").path
    directory = LedgerDirectory(path: path)
    try directory.create()
    let clock = clock
    log = try directory.openLog(clock: { clock.now() })
    scratch = path + "/scratch"
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Appends `events` as one batch stamped `microseconds` (or later, if the log already
  /// holds a later stamp).
  func append(_ events: [EventEnvelope], at microseconds: Int64) throws {
    clock.set(microseconds)
    try log.append(events)
  }

  /// Whatever the replays left in the scratch directory.
  func scratchLeftovers() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: scratch)
  }

  /// Opens the live read-model store beside the log.
  func liveStore() throws -> ReadModelStore {
    try ReadModelStore(path: directory.readModelsPath)
  }
}

let studentKeyA = "stu-" + String(repeating: "a", count: 32)
let studentKeyB = "stu-" + String(repeating: "b", count: 32)

/// Builds events with short ids; the stream defaults to the school.
struct HistoryEvents {
  var school = "1001000001"

  func event(
    _ id: String, on date: String, _ payload: EventPayload, stream: String? = nil,
    actor: String = "test"
  ) -> EventEnvelope {
    EventEnvelope(
      id: id, stream: stream ?? school, occurredOn: date, actor: actor,
      source: EventSource(system: "test", naturalKey: id), payload: payload)
  }

  func registered(_ id: String, name: String) -> EventEnvelope {
    event(
      id, on: "2024-05-01", .schoolRegistered(SchoolRegistered(schoolCode: school, name: name)),
      actor: "importer")
  }

  func enrol(_ id: String, _ student: String, _ date: String) -> EventEnvelope {
    event(
      id, on: date,
      .studentEnrolled(StudentEnrolled(studentKey: student, gradeLevel: "P4", entryDate: date)),
      actor: "school:" + school)
  }

  func mark(
    _ id: String, _ student: String, _ date: String, _ category: AttendanceCategory,
    actor: String = "teacher:t1"
  ) -> EventEnvelope {
    event(
      id, on: date,
      .attendanceRecorded(
        AttendanceRecorded(studentKey: student, date: date, category: category, duration: 1)),
      actor: actor)
  }

  func tutoring(_ id: String, _ students: [String], _ date: String) -> EventEnvelope {
    event(
      id, on: date,
      .interventionSessionHeld(
        InterventionSessionHeld(
          interventionId: "iv-1", kind: .tutoring, date: date, studentKeys: students,
          dosageMinutes: 60)),
      actor: "teacher:t2")
  }

  func riskCleared(_ id: String, _ student: String, _ date: String) -> EventEnvelope {
    event(id, on: date, .riskCleared(RiskCleared(studentKey: student, rule: "r1", date: date)))
  }

  func assessed(
    _ id: String, _ student: String, _ assessment: String, _ period: AssessmentPeriod,
    _ score: String
  ) -> EventEnvelope {
    event(
      id, on: "2024-05-16",
      .studentAssessed(
        StudentAssessed(
          assessmentId: assessment, studentKey: student, administrationDate: "2024-05-16",
          period: period, scores: [ScoreResult(reportingMethod: "raw-score", value: score)])))
  }

  func defined(_ id: String, _ assessment: String, subject: String) -> EventEnvelope {
    event(
      id, on: "2024-05-01",
      .assessmentDefined(
        AssessmentDefined(
          assessmentId: assessment, title: assessment, subject: subject, gradeLevels: ["P4"])),
      stream: "programme")
  }

  func void(_ id: String, of target: String, on date: String, reason: String, stream: String? = nil)
    -> EventEnvelope
  {
    event(
      id, on: date, .eventVoided(EventVoided(voidedEventId: target, reason: reason)),
      stream: stream, actor: "school:" + school)
  }
}

/// A school's corrections, one event per batch so that sequence n is the n-th event here:
///
/// ```
///  1 S  registered "Ban Test School"        8 S  A read-1 end-of-year 52
///  2 S  A enrolled 2024-05-16               9 P  read-1 defined: subject thai-reading
///  3 S  A tardy 2024-05-20                 10 S  void of 4 (entered twice)
///  4 S  A tardy 2024-05-21                 11 S  void of 5 (not a projection input)
///  5 S  A risk cleared (not read)          12 P  math-1 defined: unused by S so far
///  6 T  B tardy 2024-05-20 (other school)  13 S  A math-1 beginning-of-year 30
///  7 S  A read-1 beginning-of-year 40      14 S  void of 13 (wrong student)
/// ```
/// S is school 1001000001, T school 1001000002, P stream `programme`. Event n is recorded
/// at n seconds after 1970.
func appendCorrectionStory(to ledger: HistoryLedger) throws {
  let s = HistoryEvents()
  let t = HistoryEvents(school: "1001000002")
  let events = [
    s.registered("reg", name: "Ban Test School"),
    s.enrol("enrol-a", studentKeyA, "2024-05-16"),
    s.mark("tardy-1", studentKeyA, "2024-05-20", .tardy),
    s.mark("tardy-2", studentKeyA, "2024-05-21", .tardy),
    s.riskCleared("cleared", studentKeyA, "2024-05-22"),
    t.mark("t-tardy", studentKeyB, "2024-05-20", .tardy),
    s.assessed("boy", studentKeyA, "read-1", .beginningOfYear, "40"),
    s.assessed("eoy", studentKeyA, "read-1", .endOfYear, "52"),
    s.defined("def-read", "read-1", subject: "thai-reading"),
    s.void("void-tardy", of: "tardy-2", on: "2024-05-23", reason: "entered twice"),
    s.void("void-cleared", of: "cleared", on: "2024-05-23", reason: "wrong rule"),
    s.defined("def-math", "math-1", subject: "mathematics"),
    s.assessed("math-boy", studentKeyA, "math-1", .beginningOfYear, "30"),
    s.void("void-math", of: "math-boy", on: "2024-05-24", reason: "wrong student"),
  ]
  for (index, event) in events.enumerated() {
    try ledger.append([event], at: Int64(index + 1) * 1_000_000)
  }
}
