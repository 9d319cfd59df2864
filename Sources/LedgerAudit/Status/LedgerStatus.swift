import LedgerEvents
import LedgerProjections
import LedgerStore

/// The log's head and every projection's checkpoint and lag.
public struct LedgerStatus: Codable, Sendable, Equatable {
  public struct ProjectionState: Codable, Sendable, Equatable {
    public var name: String
    public var version: Int
    /// The stored checkpoint's version, nil when the projection has never run.
    public var storedVersion: Int?
    public var checkpoint: UInt64
    public var lag: UInt64
    /// A rebuild under way into a shadow copy: the version it builds and how far it got.
    public var rebuilding: Rebuild?
  }

  public struct Rebuild: Codable, Sendable, Equatable {
    public var version: Int
    public var checkpoint: UInt64
  }

  public var headSequence: UInt64
  public var headHash: String
  public var streams: Int
  public var projections: [ProjectionState]

  /// Reads the status; `readModels` may be nil when no projection has run yet.
  public static func read(
    log: EventLog, readModels: ReadModelStore?, projections: [any Projection]
  ) throws -> LedgerStatus {
    let (head, streams) = try log.read { (try $0.head(), try $0.streams().count) }
    let states = try projections.map { projection in
      let checkpoint = try readModels?.checkpoint(projection.name)
      let shadow = try readModels?.shadowCheckpoint(projection.name)
      let at = checkpoint?.version == projection.version ? checkpoint?.sequence ?? 0 : 0
      return ProjectionState(
        name: projection.name, version: projection.version, storedVersion: checkpoint?.version,
        checkpoint: at, lag: head.sequence - min(at, head.sequence),
        rebuilding: shadow.map { Rebuild(version: $0.version, checkpoint: $0.sequence) })
    }
    return LedgerStatus(
      headSequence: head.sequence, headHash: ChainHash.hex(head.hash), streams: streams,
      projections: states)
  }
}
