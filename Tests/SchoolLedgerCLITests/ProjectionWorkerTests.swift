import Foundation
import LedgerProjections
import LedgerStore
import Testing

/// Projection workers as separate processes: following the log, one runner at a time,
/// killed runners, and rebuilds while queries run.
@Suite("Projection workers", .serialized)
struct ProjectionWorkerTests {
  private func checkpoint(_ ledger: String) throws -> UInt64? {
    let path = ledger + "/read-models"
    do {
      return try ReadModelStore(path: path, readOnly: true).checkpoint("school-progress")?.sequence
    } catch let error as StoreError where error.code == .notInitialised {
      return nil  // the runner has not created its databases yet
    }
  }

  /// Polls until the school-progress checkpoint reaches `sequence`; returns the seconds it
  /// took, or nil after `limit` seconds.
  private func waitForCheckpoint(_ sequence: UInt64, _ ledger: String, limit: Double = 30)
    throws -> Double?
  {
    let start = Date()
    while Date().timeIntervalSince(start) < limit {
      if let at = try checkpoint(ledger), at >= sequence { return Date().timeIntervalSince(start) }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return nil
  }

  /// A demo ledger (27,424 events) built by the CLI.
  private func demoLedger(_ dir: TemporaryDirectory) throws -> String {
    let ledger = dir.file("ledger")
    let demo = try CLI.run(["demo", "--ledger", ledger, "--quiet", "--format", "csv"])
    #expect(demo.status == 0, "\(demo.stderr)")
    return ledger
  }

  @Test("--follow applies new events within a second; a second runner is refused with 75")
  func follow() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    try EventFiles.attendance(count: 40, school: "1001000001", prefix: "a", to: dir.file("a.jsonl"))
    try EventFiles.attendance(count: 25, school: "1001000002", prefix: "b", to: dir.file("b.jsonl"))
    #expect(try CLI.run(["import", dir.file("a.jsonl")], ledger: ledger).status == 0)

    let follower = try CLI.start(["project", "--follow"], ledger: ledger)
    defer { if follower.isRunning { kill(follower.processIdentifier, SIGKILL) } }
    #expect(try waitForCheckpoint(40, ledger) != nil, "the follower never caught up")

    let second = try CLI.run(["project"], ledger: ledger)
    #expect(second.status == 75)
    #expect(second.stderr.contains("process \(follower.processIdentifier)"), "\(second.stderr)")

    #expect(try CLI.run(["import", dir.file("b.jsonl")], ledger: ledger).status == 0)
    let seconds = try waitForCheckpoint(65, ledger)
    #expect(seconds != nil && seconds! < 1.0, "new events took \(seconds ?? -1) s to appear")
    let rows = try CLI.run(["query", "school-progress", "--format", "csv"], ledger: ledger)
    #expect(rows.stdout.contains("\n1001000002,"), "\(rows.stdout)")

    kill(follower.processIdentifier, SIGTERM)
    follower.waitUntilExit()
    #expect(follower.terminationReason == .exit && follower.terminationStatus == 0)
  }

  @Test(
    "a runner killed at random moments leaves models that verify; the end equals a clean rebuild")
  func killedRunner() throws {
    let dir = try TemporaryDirectory()
    let ledger = try demoLedger(dir)
    try FileManager.default.removeItem(atPath: ledger + "/read-models")
    var delays: [Double] = []
    // First builds straight into the live models, then rebuilds through a shadow copy.
    for arguments in [["project"], ["project", "--rebuild", "all"]] {
      for _ in 0..<3 {
        let delay = Double.random(in: 0.1...1.5)
        delays.append(delay)
        let runner = try CLI.start(arguments + ["--batch-size", "300"], ledger: ledger)
        Thread.sleep(forTimeInterval: delay)
        kill(runner.processIdentifier, SIGKILL)
        runner.waitUntilExit()
        // Whatever the runner got to, every live row is exactly what a rebuild up to the
        // live checkpoint gives: never ahead of it, never behind.
        if try checkpoint(ledger) != nil {
          let deep = try CLI.run(["verify", "--deep"], ledger: ledger)
          #expect(deep.status == 0, "after a kill at \(delay) s: \(deep.stdout)\(deep.stderr)")
        }
      }
      #expect(try CLI.run(["project"], ledger: ledger).status == 0, "kills at \(delays)")
    }
    let resumed = try CLI.run(["query", "school-progress", "--format", "json"], ledger: ledger)
    try FileManager.default.removeItem(atPath: ledger + "/read-models")
    #expect(try CLI.run(["project"], ledger: ledger).status == 0)
    let clean = try CLI.run(["query", "school-progress", "--format", "json"], ledger: ledger)
    #expect(resumed.stdout.count > 1_000)
    #expect(resumed.stdout == clean.stdout, "kills at \(delays)")
  }

  @Test("queries during a rebuild always see the whole old model, never a part")
  func rebuildWhileQuerying() throws {
    let dir = try TemporaryDirectory()
    let ledger = try demoLedger(dir)
    let whole = try CLI.run(["query", "school-progress", "--format", "json"], ledger: ledger)
    let store = try ReadModelStore(path: ledger + "/read-models", readOnly: true)
    let rebuild = try CLI.start(
      ["project", "--rebuild", "school-progress", "--batch-size", "50"], ledger: ledger)
    var queries = 0
    var duringRebuild = 0
    while rebuild.isRunning {
      let before = try store.shadowCheckpoint("school-progress")
      let now = try CLI.run(["query", "school-progress", "--format", "json"], ledger: ledger)
      let after = try store.shadowCheckpoint("school-progress")
      #expect(now.stdout == whole.stdout, "query \(queries) saw a different model")
      queries += 1
      if let before, let after, before.generation == after.generation { duringRebuild += 1 }
    }
    rebuild.waitUntilExit()
    #expect(rebuild.terminationStatus == 0)
    #expect(duringRebuild > 0, "no query overlapped the rebuild (\(queries) queries)")
    #expect(try store.shadowCheckpoint("school-progress") == nil)
    #expect(try store.checkpoint("school-progress")?.generation == 1)
    let after = try CLI.run(["query", "school-progress", "--format", "json"], ledger: ledger)
    #expect(after.stdout == whole.stdout)
  }
}
