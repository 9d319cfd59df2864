import Foundation
import LedgerStore

extension ProjectionRunner {
  /// Catches every projection up, then keeps following the log: new events are applied
  /// within `pollInterval` of their commit. Returns when ``shouldStop`` says so.
  ///
  /// A projection that fails on an event stops there for the rest of the run (its
  /// checkpoint stays right before the event); the others go on. `report` hears of every
  /// catch-up that moved a checkpoint, swapped in a rebuild or failed.
  public func follow(
    _ projections: [any Projection], rebuild: Set<String> = [],
    pollInterval: Duration = .milliseconds(100),
    report: (ProjectionProgress) -> Void
  ) throws {
    var stopped: Set<String> = []
    var pendingRebuilds = rebuild
    while !shouldStop() {
      let headBefore = try log.head().sequence
      let active = projections.filter { !stopped.contains($0.name) }
      for progress in try catchUp(active, rebuild: pendingRebuilds) {
        if progress.failure != nil { stopped.insert(progress.projection) }
        if progress.from != progress.to || progress.swapped || progress.failure != nil {
          report(progress)
        }
      }
      pendingRebuilds = []
      if stopped.count == projections.count { return }
      // Sleep until something new is committed (or the caller wants to stop).
      while !shouldStop(), try log.head().sequence == headBefore {
        Thread.sleep(forTimeInterval: pollInterval.seconds)
      }
    }
  }
}

extension Duration {
  fileprivate var seconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) / 1e18
  }
}
