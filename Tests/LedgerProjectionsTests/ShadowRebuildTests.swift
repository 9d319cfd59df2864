import Foundation
import LedgerEvents
import LedgerProjections
import LedgerStore
import Synchronization
import Testing

/// Counts attendance marks per school; version 2 counts only absences, so a rebuild into
/// version 2 gives different numbers from version 1 and a half-built model would show.
private struct MarkCount: Projection {
  let name = "mark-count"
  var version = 1
  /// Sequences whose events fail, to stop a rebuild on a poison event.
  var poison: Set<UInt64> = []
  let eventTypes: Set<EventType> = [.attendanceRecorded]

  func apply(_ event: RecordedEvent, to model: inout ReadModelWriter) throws {
    if poison.contains(event.sequence) { throw Poison() }
    guard case .attendanceRecorded(let mark) = event.payload else { return }
    guard version == 1 || mark.category != .tardy else { return }
    try model.update(event.stream, default: 0) { $0 += 1 }
  }

  func retract(_ voided: RecordedEvent, to model: inout ReadModelWriter) throws {
    try model.update(voided.stream, default: 0) { $0 -= 1 }
  }

  struct Poison: Error {}
}

/// Says "stop" once it has been asked `after` times: a runner killed between batches.
private final class StopAfter: Sendable {
  let asked = Atomic<Int>(0)
  let after: Int
  init(_ after: Int) { self.after = after }
  func callAsFunction() -> Bool { asked.add(1, ordering: .relaxed).newValue > after }
}

@Suite("Shadow rebuilds, the runner lock and the read-model layout")
struct ShadowRebuildTests {
  /// Ten marks at one school: sequences 1-10, odd ones tardy, even ones absences.
  private func tenMarks(_ harness: ProjectionHarness) throws -> SchoolEvents {
    let s = SchoolEvents()
    try harness.given(
      (1...10).map { day in
        s.mark(
          "m\(day)", key("a"), "2024-05-\(10 + day)",
          day % 2 == 1 ? .tardy : .unexcusedAbsence)
      })
    return s
  }

  private func count(_ harness: ProjectionHarness, _ s: SchoolEvents) throws -> Int? {
    try harness.store.read { try $0.row("mark-count", s.school, as: Int.self) }
  }

  /// Every stored row of `name`, in every generation, straight from LMDB.
  private func storedRows(_ harness: ProjectionHarness, _ name: String) throws -> Int {
    try harness.store.environment.read { txn in
      var rows = 0
      try txn.scan("rows", prefix: Array(name.utf8) + [0]) { _, _ in rows += 1 }
      return rows
    }
  }

  @Test("a new version builds in a shadow: queries read the old model until it swaps in")
  func shadowUntilCaughtUp() throws {
    let harness = try ProjectionHarness()
    let s = try tenMarks(harness)
    try harness.run([MarkCount()])
    #expect(try count(harness, s) == 10)

    // Version 2, stopped after three batches of two: the shadow holds sequences 1-6.
    var runner = ProjectionRunner(
      log: harness.log, store: harness.store, logger: .silent, batchSize: 2)
    let stop = StopAfter(3)
    runner.shouldStop = { stop() }
    let partial = try runner.catchUp(MarkCount(version: 2))
    #expect(partial.rebuilt && !partial.swapped)
    #expect(partial.to == 6)
    #expect(try harness.store.checkpoint("mark-count") == Checkpoint(version: 1, sequence: 10))
    #expect(
      try harness.store.shadowCheckpoint("mark-count")
        == Checkpoint(version: 2, sequence: 6, generation: 1))
    #expect(try count(harness, s) == 10, "queries still read version 1 whole")

    // An ordinary catch-up (a restarted runner) finishes the shadow and swaps it in.
    let finished = try harness.run([MarkCount(version: 2)], batchSize: 2)
    #expect(finished.first?.from == 6)
    #expect(finished.first?.swapped == true)
    #expect(try count(harness, s) == 5, "five absences among the ten marks")
    #expect(
      try harness.store.checkpoint("mark-count")
        == Checkpoint(version: 2, sequence: 10, generation: 1))
    #expect(try harness.store.shadowCheckpoint("mark-count") == nil)
    #expect(try storedRows(harness, "mark-count") == 1, "the old generation's row is gone")
  }

  @Test("--rebuild of an unchanged version goes through a shadow too, and resumes after")
  func forcedRebuild() throws {
    let harness = try ProjectionHarness()
    let s = try tenMarks(harness)
    try harness.run([MarkCount()])
    let runner = ProjectionRunner(
      log: harness.log, store: harness.store, logger: .silent, batchSize: 3)
    let rebuilt = try runner.catchUp([MarkCount()], rebuild: ["mark-count"])
    #expect(rebuilt.first?.from == 0 && rebuilt.first?.to == 10)
    #expect(rebuilt.first?.swapped == true)
    #expect(try count(harness, s) == 10)
    #expect(try harness.store.checkpoint("mark-count")?.generation == 1)

    try harness.given([s.mark("m11", key("b"), "2024-05-21", .tardy)])
    let resumed = try harness.run([MarkCount()])
    #expect(resumed.first?.from == 10 && resumed.first?.rebuilt == false)
    #expect(try count(harness, s) == 11)
  }

  @Test("a poison event stops a rebuild before it; the old model stays live")
  func poisonInShadow() throws {
    let harness = try ProjectionHarness()
    let s = try tenMarks(harness)
    try harness.run([MarkCount()])
    let progress = try harness.run([MarkCount(version: 2, poison: [7])], batchSize: 4)
    #expect(progress.first?.failure?.sequence == 7)
    #expect(progress.first?.failure?.eventId == "m7")
    #expect(progress.first?.to == 6)
    #expect(progress.first?.swapped == false)
    #expect(try harness.store.shadowCheckpoint("mark-count")?.sequence == 6)
    #expect(try harness.store.checkpoint("mark-count") == Checkpoint(version: 1, sequence: 10))
    #expect(try count(harness, s) == 10)
  }

  @Test("two runners over one store at once apply every event exactly once")
  func racingRunners() async throws {
    let harness = try ProjectionHarness()
    let s = SchoolEvents()
    try harness.given(
      (1...400).map { n in s.mark("r\(n)", key("a"), "2024-06-01", .tardy) })
    let log = harness.log
    let store = harness.store
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<2 {
        group.addTask {
          _ = try ProjectionRunner(log: log, store: store, logger: .silent, batchSize: 7)
            .catchUp([MarkCount()])
        }
      }
      try await group.waitForAll()
    }
    #expect(try count(harness, s) == 400)
    #expect(try harness.store.checkpoint("mark-count")?.sequence == 400)
  }

  @Test("the runner lock admits one process; a second is told who holds it")
  func runnerLock() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("runner-lock-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var first: RunnerLock? = try RunnerLock(directory: directory, wait: false)
    // flock locks belong to the open file description, so a second open in the same
    // process conflicts just as another process's would.
    let refused = #expect(throws: StoreError.self) {
      _ = try RunnerLock(directory: directory, wait: false)
    }
    #expect(refused?.code == .busy)
    #expect(refused?.message.contains("process \(getpid())") == true)
    first = nil
    _ = first
    #expect(throws: Never.self) { _ = try RunnerLock(directory: directory, wait: false) }
  }

  @Test("read models in the first layout are emptied on a writable open, refused read-only")
  func oldLayout() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("old-layout-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    do {
      let old = try LMDBEnvironment(
        path: directory, databases: ["rows", "checkpoints"], readOnly: false)
      try old.write { txn in
        try txn.put(
          "checkpoints", Array("mark-count".utf8), Array(#"{"sequence":4,"version":1}"#.utf8))
        try txn.put(
          "rows", Array("mark-count".utf8) + [0] + Array("1001000001".utf8), Array("4".utf8))
      }
    }
    let refused = #expect(throws: StoreError.self) {
      _ = try ReadModelStore(path: directory, readOnly: true)
    }
    #expect(refused?.code == .unsupportedFormat)
    let store = try ReadModelStore(path: directory)
    #expect(try store.checkpoint("mark-count") == nil)
    let left = try store.environment.read { try $0.count("rows") }
    #expect(left == 0)
    #expect(throws: Never.self) { _ = try ReadModelStore(path: directory, readOnly: true) }
  }
}
