import Foundation
import LedgerEvents
import LedgerProjections
import LedgerStore

/// Where a live read model disagrees with a fresh rebuild from the log.
public struct ReadModelDifference: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    case onlyLive = "only in the live model"
    case onlyRebuilt = "missing from the live model"
    case changed = "differs from a rebuild"
  }

  public var projection: String
  public var rowKey: String
  public var kind: Kind

  public var description: String { "\(projection): row '\(rowKey)' \(kind.rawValue)" }
}

/// Rebuilds each projection in a scratch area up to its live checkpoint and compares every
/// row, byte for byte, with the live read model. Touches neither the log nor the live
/// models.
public struct DeepVerification {
  let log: EventLog
  let live: ReadModelStore
  let logger: Logger

  public init(log: EventLog, live: ReadModelStore, logger: Logger) {
    self.log = log
    self.live = live
    self.logger = logger
  }

  /// Every difference found, in projection and row order. Projections that cannot be
  /// compared (never built, or built by another version) are left out: see
  /// ``notCompared(_:)``.
  public func differences(_ projections: [any Projection]) throws -> [ReadModelDifference] {
    let scratchPath = FileManager.default.temporaryDirectory
      .appendingPathComponent("school-ledger-deep-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: scratchPath) }
    let scratch = try ReadModelStore(path: scratchPath)
    let runner = ProjectionRunner(log: log, store: scratch, logger: logger)
    var found: [ReadModelDifference] = []
    for projection in projections {
      // Never run, or built by another version: listed by `notCompared`, not compared.
      guard let checkpoint = try live.checkpoint(projection.name),
        checkpoint.version == projection.version
      else {
        continue
      }
      logger.info("\(projection.name): rebuilding through \(checkpoint.sequence) to compare")
      _ = try runner.catchUp(projection, through: checkpoint.sequence)
      let liveRows = Dictionary(
        try live.read { try $0.rawRows(projection.name) }.map { ($0.key, $0.value) },
        uniquingKeysWith: { first, _ in first })
      let rebuiltRows = Dictionary(
        try scratch.read { try $0.rawRows(projection.name) }.map { ($0.key, $0.value) },
        uniquingKeysWith: { first, _ in first })
      for key in Set(liveRows.keys).union(rebuiltRows.keys).sorted() {
        switch (liveRows[key], rebuiltRows[key]) {
        case (.some, nil):
          found.append(.init(projection: projection.name, rowKey: key, kind: .onlyLive))
        case (nil, .some):
          found.append(.init(projection: projection.name, rowKey: key, kind: .onlyRebuilt))
        case (.some(let a), .some(let b)) where a != b:
          found.append(.init(projection: projection.name, rowKey: key, kind: .changed))
        default:
          break
        }
      }
    }
    return found
  }

  /// The projections whose live model cannot be compared with a rebuild, and why.
  public func notCompared(_ projections: [any Projection]) throws -> [(
    projection: String, reason: String
  )] {
    try projections.compactMap { projection in
      guard let checkpoint = try live.checkpoint(projection.name) else {
        return (projection.name, "never built (run 'school-ledger project')")
      }
      guard checkpoint.version == projection.version else {
        return (
          projection.name,
          "built by version \(checkpoint.version), this program has \(projection.version) "
            + "(run 'school-ledger project' to rebuild it)"
        )
      }
      return nil
    }
  }
}
