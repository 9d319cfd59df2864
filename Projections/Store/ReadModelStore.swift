import Foundation
import LedgerEvents
import LedgerStore

/// Where a projection has got to: the last sequence applied, and by which version.
public struct Checkpoint: Codable, Sendable, Equatable {
  public var version: Int
  public var sequence: UInt64

  public init(version: Int, sequence: UInt64) {
    self.version = version
    self.sequence = sequence
  }
}

/// The read models' own LMDB environment, beside the log.
///
/// Dropping or rebuilding it never touches the log. Databases: `rows` (key: projection
/// name, 0x00, row key; value: the row as canonical JSON) and `checkpoints` (key:
/// projection name; value: ``Checkpoint`` as JSON).
public final class ReadModelStore: @unchecked Sendable {
  // Safe to share: all state is in the LMDB environment, which serialises writers.
  public let environment: LMDBEnvironment
  static let rows = "rows"
  static let checkpoints = "checkpoints"

  /// Opens (creating when writable) the read-model environment in directory `path`.
  public init(path: String, readOnly: Bool = false) throws {
    environment = try LMDBEnvironment(
      path: path, databases: [Self.rows, Self.checkpoints], readOnly: readOnly)
  }

  /// Runs `body` with a consistent snapshot of every read model.
  public func read<T>(_ body: (ReadModelReader) throws -> T) throws -> T {
    try environment.read { try body(ReadModelReader(txn: $0)) }
  }

  /// The checkpoint of projection `name`, if it has run.
  public func checkpoint(_ name: String) throws -> Checkpoint? {
    try read { try $0.checkpoint(name) }
  }
}

/// Read access to read models within one snapshot.
public struct ReadModelReader {
  let txn: LMDBTransaction

  /// The checkpoint of projection `name`, if it has run.
  public func checkpoint(_ name: String) throws -> Checkpoint? {
    guard let bytes = try txn.get(ReadModelStore.checkpoints, Array(name.utf8)) else {
      return nil
    }
    return try CanonicalJSON.decode(Checkpoint.self, from: bytes)
  }

  /// One row of projection `name`.
  public func row<T: Decodable>(_ name: String, _ key: String, as type: T.Type) throws -> T? {
    guard let bytes = try txn.get(ReadModelStore.rows, RowKey.make(name, key)) else {
      return nil
    }
    return try CanonicalJSON.decode(type, from: bytes)
  }

  /// Every row of projection `name` whose key starts with `prefix`, in key order.
  public func rows<T: Decodable>(
    _ name: String, prefix: String, as type: T.Type
  ) throws -> [(key: String, value: T)] {
    var result: [(String, T)] = []
    let scope = RowKey.make(name, "").count
    try txn.scan(ReadModelStore.rows, prefix: RowKey.make(name, prefix)) { key, value in
      let rowKey = String(decoding: key.dropFirst(scope), as: UTF8.self)
      result.append((rowKey, try CanonicalJSON.decode(type, from: value)))
    }
    return result
  }

  /// The raw stored bytes of every row of projection `name`, in key order.
  public func rawRows(_ name: String) throws -> [(key: String, value: [UInt8])] {
    var result: [(String, [UInt8])] = []
    let scope = RowKey.make(name, "").count
    try txn.scan(ReadModelStore.rows, prefix: RowKey.make(name, "")) { key, value in
      result.append((String(decoding: key.dropFirst(scope), as: UTF8.self), Array(value)))
    }
    return result
  }
}

enum RowKey {
  static func make(_ projection: String, _ key: String) -> [UInt8] {
    Array(projection.utf8) + [0] + Array(key.utf8)
  }
}
