import Foundation
import LedgerEvents
import LedgerProjections
import LedgerStore

/// Given events, runs projections over a fresh temporary ledger and exposes the rows.
final class ProjectionHarness {
  let path: String
  let log: EventLog
  let store: ReadModelStore
  private var counter = 0

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("projection-test-\(UUID().uuidString)").path
    let directory = LedgerDirectory(path: path)
    try directory.create()
    log = try directory.openLog(clock: { Timestamp(microseconds: 1_000) })
    store = try ReadModelStore(path: directory.readModelsPath)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Appends events, in order, as one batch.
  func given(_ events: [EventEnvelope]) throws {
    try log.append(events)
  }

  /// Runs `projections` up to the head (or `limit`) and returns what each did.
  @discardableResult
  func run(_ projections: [any Projection], through limit: UInt64 = .max, batchSize: Int = 1_000)
    throws -> [ProjectionProgress]
  {
    try ProjectionRunner(log: log, store: store, logger: .silent, batchSize: batchSize)
      .catchUp(projections, through: limit)
  }

  func schoolProgress(threshold: Double = 0.10) throws -> [SchoolProgressRow] {
    try store.read { try SchoolProgressReport(chronicAbsenceThreshold: threshold).rows($0) }
  }
}

/// Builds events for one school with short ids.
struct SchoolEvents {
  var school = "1001000001"

  func event(_ id: String, on date: String, _ payload: EventPayload, stream: String? = nil)
    -> EventEnvelope
  {
    EventEnvelope(
      id: id, stream: stream ?? school, occurredOn: date, actor: "test",
      source: EventSource(system: "test", naturalKey: id), payload: payload)
  }

  func mark(
    _ id: String, _ student: String, _ date: String, _ category: AttendanceCategory,
    _ duration: Double = 1
  ) -> EventEnvelope {
    event(
      id, on: date,
      .attendanceRecorded(
        AttendanceRecorded(studentKey: student, date: date, category: category, duration: duration)
      ))
  }

  func enrol(_ id: String, _ student: String, _ date: String) -> EventEnvelope {
    event(
      id, on: date,
      .studentEnrolled(StudentEnrolled(studentKey: student, gradeLevel: "P4", entryDate: date)))
  }
}

func key(_ letter: Character) -> String {
  "stu-" + String(repeating: letter, count: 32)
}
