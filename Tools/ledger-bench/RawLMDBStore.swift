import CLMDB
import Foundation

/// The practical ceiling: LMDB puts of the ledger's stored bytes under the ledger's keys,
/// in the same named databases, with the same environment flags (`MDB_NOTLS`, synchronous
/// commits), but no validation, no encoding, no hashing and no lookups.
///
/// The map is sized once, large, so no batch is ever retried after `MDB_MAP_FULL`.
final class RawLMDBStore {
  private var env: OpaquePointer?
  private var databases: [String: MDB_dbi] = [:]
  let path: String
  static let names = [
    "meta", "events", "event-ids", "streams", "stream-heads", "types", "students",
  ]

  /// Creates a fresh environment in directory `path`.
  init(path: String) throws {
    self.path = path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try Self.check(mdb_env_create(&env), "mdb_env_create")
    try Self.check(mdb_env_set_maxdbs(env, MDB_dbi(Self.names.count + 2)), "mdb_env_set_maxdbs")
    try Self.check(mdb_env_set_mapsize(env, 1 << 37), "mdb_env_set_mapsize")
    try Self.check(mdb_env_open(env, path, UInt32(MDB_NOTLS), 0o600), "mdb_env_open")
    try write { txn in
      for name in Self.names {
        var dbi: MDB_dbi = 0
        try Self.check(mdb_dbi_open(txn, name, UInt32(MDB_CREATE), &dbi), "mdb_dbi_open")
        databases[name] = dbi
      }
    }
  }

  deinit {
    mdb_env_close(env)
  }

  /// Writes a batch in one transaction: the event values, then the index entries.
  func appendBatch(_ batch: PreparedBatch, keys: [PreparedBatch.Keys]) throws {
    try write { txn in
      for (record, key) in zip(batch.records, keys) {
        try put(txn, "events", key.sequence, record.value)
        try put(txn, "event-ids", key.id, key.sequence)
        try put(txn, "streams", key.stream, key.sequence)
        try put(txn, "types", key.type, [])
        for student in key.students { try put(txn, "students", student, []) }
      }
      for head in batch.streamHeads {
        try put(txn, "stream-heads", Array(head.stream.utf8), BenchKeys.uint64(head.version))
      }
      try put(txn, "meta", Array("recorded-high-water".utf8), BenchKeys.uint64(0))
    }
  }

  /// Visits every stored event in sequence order; returns the count and the bytes seen.
  func scanEvents() throws -> (events: Int, bytes: Int) {
    try read { txn in
      var cursor: OpaquePointer?
      try Self.check(mdb_cursor_open(txn, try dbi("events"), &cursor), "mdb_cursor_open")
      defer { mdb_cursor_close(cursor) }
      var key = MDB_val()
      var value = MDB_val()
      var events = 0
      var bytes = 0
      var status = mdb_cursor_get(cursor, &key, &value, MDB_FIRST)
      while status == 0 {
        events += 1
        bytes += value.mv_size
        status = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)
      }
      return (events, bytes)
    }
  }

  /// Reads one stream's stored events in stream order through the `streams` index, as a
  /// timeline does before decoding; returns how many there were.
  func readStream(_ stream: String) throws -> Int {
    try read { txn in
      var cursor: OpaquePointer?
      try Self.check(mdb_cursor_open(txn, try dbi("streams"), &cursor), "mdb_cursor_open")
      defer { mdb_cursor_close(cursor) }
      var prefix = Array(stream.utf8) + [0]
      let events = try dbi("events")
      var count = 0
      try prefix.withUnsafeMutableBytes { prefixBytes in
        var key = MDB_val(mv_size: prefixBytes.count, mv_data: prefixBytes.baseAddress)
        var value = MDB_val()
        var status = mdb_cursor_get(cursor, &key, &value, MDB_SET_RANGE)
        while status == 0 {
          let found = UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)
          guard found.starts(with: prefixBytes) else { break }
          var eventValue = MDB_val()
          try Self.check(mdb_get(txn, events, &value, &eventValue), "mdb_get events")
          count += eventValue.mv_size > 0 ? 1 : 0
          status = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)
        }
      }
      return count
    }
  }

  private func dbi(_ name: String) throws -> MDB_dbi {
    guard let dbi = databases[name] else { throw BenchError("no database \(name)") }
    return dbi
  }

  private func put(_ txn: OpaquePointer?, _ name: String, _ key: [UInt8], _ value: [UInt8])
    throws
  {
    let dbi = try dbi(name)
    try key.withUnsafeBytes { keyBytes in
      try value.withUnsafeBytes { valueBytes in
        var mdbKey = MDB_val(
          mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
        var mdbValue = MDB_val(
          mv_size: valueBytes.count,
          mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
        try Self.check(mdb_put(txn, dbi, &mdbKey, &mdbValue, 0), "mdb_put \(name)")
      }
    }
  }

  private func write<T>(_ body: (OpaquePointer?) throws -> T) throws -> T {
    var txn: OpaquePointer?
    try Self.check(mdb_txn_begin(env, nil, 0, &txn), "mdb_txn_begin")
    let result: T
    do {
      result = try body(txn)
    } catch {
      mdb_txn_abort(txn)
      throw error
    }
    try Self.check(mdb_txn_commit(txn), "mdb_txn_commit")
    return result
  }

  private func read<T>(_ body: (OpaquePointer?) throws -> T) throws -> T {
    var txn: OpaquePointer?
    try Self.check(mdb_txn_begin(env, nil, UInt32(MDB_RDONLY), &txn), "mdb_txn_begin")
    defer { mdb_txn_abort(txn) }
    return try body(txn)
  }

  private static func check(_ status: Int32, _ call: String) throws {
    guard status != 0 else { return }
    throw BenchError("\(call): \(String(cString: mdb_strerror(status)))")
  }
}
