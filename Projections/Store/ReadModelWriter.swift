import LedgerEvents
import LedgerStore

/// How a projection reads and changes its own rows during `apply`.
///
/// Rows are typed values kept decoded in memory for the whole batch and written once, at
/// the end, in the transaction that also moves the checkpoint.
public struct ReadModelWriter {
  private let txn: LMDBTransaction
  /// The key prefix of the generation being written.
  private let scope: [UInt8]
  private var cache: [String: RowBox] = [:]

  init(txn: LMDBTransaction, projection: String, generation: UInt32) {
    self.txn = txn
    self.scope = RowKey.scope(projection, generation: generation)
  }

  /// The row under `key`, if there is one.
  public mutating func row<T: Codable & Sendable>(_ key: String, as type: T.Type) throws -> T? {
    try box(key, as: type)?.value as? T
  }

  /// Changes the row under `key` in place, starting from `initial` when it does not exist.
  public mutating func update<T: Codable & Sendable>(
    _ key: String, default initial: @autoclosure () -> T, _ change: (inout T) throws -> Void
  ) throws {
    var value = try row(key, as: T.self) ?? initial()
    try change(&value)
    cache[key] = RowBox(value: value)
  }

  /// Changes the row under `key` in place if it exists; does nothing otherwise.
  public mutating func updateIfPresent<T: Codable & Sendable>(
    _ key: String, as type: T.Type, _ change: (inout T) throws -> Void
  ) throws {
    guard var value = try row(key, as: type) else { return }
    try change(&value)
    cache[key] = RowBox(value: value)
  }

  /// Replaces the row under `key`.
  public mutating func put<T: Codable & Sendable>(_ key: String, _ value: T) {
    cache[key] = RowBox(value: value)
  }

  /// Removes the row under `key`.
  public mutating func delete(_ key: String) {
    cache[key] = RowBox(value: nil)
  }

  /// Writes every changed row into the transaction.
  func flush() throws {
    for (key, box) in cache where box.dirty {
      let rowKey = scope + Array(key.utf8)
      if let value = box.value {
        try txn.put(ReadModelStore.rows, rowKey, try CanonicalJSON.encode(value))
      } else {
        try txn.delete(ReadModelStore.rows, rowKey)
      }
    }
  }

  private mutating func box<T: Codable & Sendable>(_ key: String, as type: T.Type) throws
    -> RowBox?
  {
    if let cached = cache[key] { return cached.value == nil ? nil : cached }
    guard let bytes = try txn.get(ReadModelStore.rows, scope + Array(key.utf8)) else {
      return nil
    }
    let box = RowBox(value: try CanonicalJSON.decode(type, from: bytes), dirty: false)
    cache[key] = box
    return box
  }
}

/// A decoded row, and whether it must be written back.
struct RowBox {
  var value: (any Codable & Sendable)?
  var dirty = true
}
