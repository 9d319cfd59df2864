import Foundation
import LedgerEvents
import LedgerStore

/// A fresh temporary ledger directory per test, removed when the test's scope ends.
final class TemporaryLedger {
  let directory: LedgerDirectory
  private(set) var now: Int64 = 1_700_000_000_000_000

  init() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("ledger-test-\(UUID().uuidString)").path
    directory = LedgerDirectory(path: path)
    try directory.create()
  }

  deinit {
    try? FileManager.default.removeItem(atPath: directory.path)
  }

  /// Opens the log with a clock the test controls.
  func openLog(clock: @escaping @Sendable () -> Timestamp = { Timestamp(microseconds: 1) })
    throws -> EventLog
  {
    try directory.openLog(clock: clock)
  }
}

let studentA = "stu-" + String(repeating: "a", count: 32)
let studentB = "stu-" + String(repeating: "b", count: 32)

/// An attendance event with readable defaults.
func attendance(
  _ id: String, school: String = "1001000001", student: String = studentA,
  date: String = "2024-05-16", category: AttendanceCategory = .unexcusedAbsence,
  duration: Double = 1
) -> EventEnvelope {
  EventEnvelope(
    id: id, stream: school, occurredOn: date, actor: "teacher:1",
    source: EventSource(system: "test", naturalKey: id),
    payload: .attendanceRecorded(
      AttendanceRecorded(studentKey: student, date: date, category: category, duration: duration))
  )
}
