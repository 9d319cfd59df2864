import Foundation
import LedgerEvents
import LedgerStore

/// Where a projection has got to: the last sequence applied, by which version, into which
/// generation of rows.
public struct Checkpoint: Codable, Sendable, Equatable {
  public var version: Int
  public var sequence: UInt64
  /// The generation of rows this checkpoint describes. A rebuild writes a new generation
  /// beside the live one and swaps it in when caught up.
  public var generation: UInt32

  public init(version: Int, sequence: UInt64, generation: UInt32 = 0) {
    self.version = version
    self.sequence = sequence
    self.generation = generation
  }
}

/// Which of a projection's two checkpoints: the live one that queries read, or the shadow
/// a rebuild is filling.
public enum CheckpointSlot: Sendable {
  case live
  case shadow

  func key(_ projection: String) -> [UInt8] {
    switch self {
    case .live: Array(projection.utf8)
    case .shadow: Array(projection.utf8) + [0] + Array("shadow".utf8)
    }
  }
}

/// The read models' own LMDB environment, beside the log.
///
/// Dropping or rebuilding it never touches the log. Databases: `rows` (key: projection
/// name, 0x00, generation as 4 bytes big-endian, row key; value: the row as canonical
/// JSON) and `checkpoints` (key: projection name for the live checkpoint, name 0x00
/// `shadow` for a rebuild in progress; value: ``Checkpoint`` as JSON; the key 0x00 `layout`
/// holds this layout's number). Queries read only the live generation, so a rebuild is
/// never seen half done.
public final class ReadModelStore: @unchecked Sendable {
  // Safe to share: all state is in the LMDB environment, which serialises writers.
  public let environment: LMDBEnvironment
  static let rows = "rows"
  static let checkpoints = "checkpoints"
  /// The key layout described above. Read models are derived data: a store in another
  /// layout is emptied and rebuilt by the next runner, never read.
  public static let layout = 2
  static let layoutKey: [UInt8] = [0] + Array("layout".utf8)

  /// Opens (creating when writable) the read-model environment in directory `path`.
  ///
  /// A writable open of read models in an older layout empties them (the next catch-up
  /// rebuilds them from the log); a read-only open refuses them, as does any open of a
  /// newer layout.
  public init(path: String, readOnly: Bool = false, logger: Logger = .silent) throws {
    environment = try LMDBEnvironment(
      path: path, databases: [Self.rows, Self.checkpoints], readOnly: readOnly)
    let stored = try environment.read { txn -> Int? in
      guard let bytes = try txn.get(Self.checkpoints, Self.layoutKey) else {
        return try txn.count(Self.checkpoints) == 0 ? Self.layout : nil
      }
      return Int(String(decoding: bytes, as: UTF8.self))
    }
    if let stored, stored > Self.layout {
      throw StoreError(
        .unsupportedFormat,
        "the read models at \(path) use layout \(stored); this program reads layout "
          + "\(Self.layout). Use a newer school-ledger, or delete \(path) to rebuild them")
    }
    guard stored != Self.layout || !readOnly else { return }
    if stored != Self.layout {
      guard !readOnly else {
        throw StoreError(
          .unsupportedFormat,
          "the read models at \(path) were written in an older layout; run "
            + "'school-ledger project' to rebuild them")
      }
      logger.info("read models at \(path) are in an older layout: emptying them to rebuild")
    }
    try environment.write { txn in
      if stored != Self.layout {
        try txn.clear(Self.rows)
        try txn.clear(Self.checkpoints)
      }
      if try txn.get(Self.checkpoints, Self.layoutKey) == nil {
        try txn.put(Self.checkpoints, Self.layoutKey, Array(String(Self.layout).utf8))
      }
    }
  }

  /// Runs `body` with a consistent snapshot of every read model.
  public func read<T>(_ body: (ReadModelReader) throws -> T) throws -> T {
    try environment.read { try body(ReadModelReader(txn: $0)) }
  }

  /// The live checkpoint of projection `name`, if it has run.
  public func checkpoint(_ name: String) throws -> Checkpoint? {
    try read { try $0.checkpoint(name) }
  }

  /// The checkpoint of a rebuild of `name` in progress, if there is one.
  public func shadowCheckpoint(_ name: String) throws -> Checkpoint? {
    try read { try $0.checkpoint(name, slot: .shadow) }
  }

  static func deleteAll(_ database: String, prefix: [UInt8], in txn: LMDBTransaction) throws {
    var keys: [[UInt8]] = []
    try txn.scan(database, prefix: prefix) { key, _ in keys.append(Array(key)) }
    for key in keys { try txn.delete(database, key) }
  }
}

/// Read access to read models within one snapshot. Rows are those of each projection's
/// live generation.
public struct ReadModelReader {
  let txn: LMDBTransaction

  /// The checkpoint of projection `name` in `slot`, if there is one.
  public func checkpoint(_ name: String, slot: CheckpointSlot = .live) throws -> Checkpoint? {
    guard let bytes = try txn.get(ReadModelStore.checkpoints, slot.key(name)) else {
      return nil
    }
    return try CanonicalJSON.decode(Checkpoint.self, from: bytes)
  }

  /// One row of projection `name`.
  public func row<T: Decodable>(_ name: String, _ key: String, as type: T.Type) throws -> T? {
    guard let scope = try liveScope(name),
      let bytes = try txn.get(ReadModelStore.rows, scope + Array(key.utf8))
    else {
      return nil
    }
    return try CanonicalJSON.decode(type, from: bytes)
  }

  /// Every row of projection `name` whose key starts with `prefix`, in key order.
  public func rows<T: Decodable>(
    _ name: String, prefix: String, as type: T.Type
  ) throws -> [(key: String, value: T)] {
    var result: [(String, T)] = []
    guard let scope = try liveScope(name) else { return [] }
    try txn.scan(ReadModelStore.rows, prefix: scope + Array(prefix.utf8)) { key, value in
      let rowKey = String(decoding: key.dropFirst(scope.count), as: UTF8.self)
      result.append((rowKey, try CanonicalJSON.decode(type, from: value)))
    }
    return result
  }

  /// The raw stored bytes of every row of projection `name`, in key order.
  public func rawRows(_ name: String) throws -> [(key: String, value: [UInt8])] {
    var result: [(String, [UInt8])] = []
    guard let scope = try liveScope(name) else { return [] }
    try txn.scan(ReadModelStore.rows, prefix: scope) { key, value in
      result.append((String(decoding: key.dropFirst(scope.count), as: UTF8.self), Array(value)))
    }
    return result
  }

  /// The LMDB key under which the live row `key` of projection `name` is stored, for tools
  /// and tests that must reach below this API (docs/PROJECTIONS.md gives the layout).
  public func storageKey(_ name: String, _ key: String) throws -> [UInt8]? {
    try liveScope(name).map { $0 + Array(key.utf8) }
  }

  private func liveScope(_ name: String) throws -> [UInt8]? {
    try checkpoint(name).map { RowKey.scope(name, generation: $0.generation) }
  }
}

enum RowKey {
  /// The prefix of every row of one generation of a projection.
  static func scope(_ projection: String, generation: UInt32) -> [UInt8] {
    Array(projection.utf8) + [0]
      + [
        UInt8(truncatingIfNeeded: generation >> 24), UInt8(truncatingIfNeeded: generation >> 16),
        UInt8(truncatingIfNeeded: generation >> 8), UInt8(truncatingIfNeeded: generation),
      ]
  }

  /// The prefix of every row of every generation of a projection.
  static func allGenerations(_ projection: String) -> [UInt8] {
    Array(projection.utf8) + [0]
  }
}
