import CLMDB

/// One LMDB transaction, valid only inside the closure that received it.
public struct LMDBTransaction {
  let handle: OpaquePointer
  let environment: LMDBEnvironment

  /// The value stored under `key` in database `name` (`mdb_get`), copied out.
  public func get(_ name: String, _ key: [UInt8]) throws -> [UInt8]? {
    try withValue(name, key) { $0.map(Array.init) }
  }

  /// Reads the value under `key` without copying it; the buffer is valid only in `body`.
  public func withValue<T>(
    _ name: String, _ key: [UInt8], _ body: (UnsafeRawBufferPointer?) throws -> T
  ) throws -> T {
    let dbi = try environment.database(name)
    var keyCopy = key
    return try keyCopy.withUnsafeMutableBytes { keyBytes in
      var mdbKey = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
      var value = MDB_val()
      let status = mdb_get(handle, dbi, &mdbKey, &value)
      if status == MDB_NOTFOUND { return try body(nil) }
      try check(status, "mdb_get \(name)")
      return try body(UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size))
    }
  }

  /// Stores `value` under `key` in database `name` (`mdb_put`), replacing any value.
  public func put(_ name: String, _ key: [UInt8], _ value: [UInt8]) throws {
    let dbi = try environment.database(name)
    // mdb_put only reads the key and value (no MDB_RESERVE), so the arrays' own storage is
    // lent as is instead of being copied into mutable buffers on every put.
    try key.withUnsafeBytes { keyBytes in
      try value.withUnsafeBytes { valueBytes in
        var mdbKey = MDB_val(
          mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
        var mdbValue = MDB_val(
          mv_size: valueBytes.count,
          mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
        try check(mdb_put(handle, dbi, &mdbKey, &mdbValue, 0), "mdb_put \(name)")
      }
    }
  }

  /// Removes `key` from database `name` (`mdb_del`); removing a missing key is no error.
  public func delete(_ name: String, _ key: [UInt8]) throws {
    let dbi = try environment.database(name)
    var keyCopy = key
    try keyCopy.withUnsafeMutableBytes { keyBytes in
      var mdbKey = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
      let status = mdb_del(handle, dbi, &mdbKey, nil)
      if status != MDB_NOTFOUND { try check(status, "mdb_del \(name)") }
    }
  }

  /// Removes every key of database `name` (`mdb_drop` with delete = 0).
  public func clear(_ name: String) throws {
    try check(mdb_drop(handle, try environment.database(name), 0), "mdb_drop \(name)")
  }

  /// Visits keys of database `name` in order from the first key ≥ `start` (all keys when
  /// nil) while `body` returns true. Buffers are valid only during the call.
  public func scan(
    _ name: String, from start: [UInt8]? = nil,
    _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool
  ) throws {
    let cursor = try openCursor(name)
    defer { mdb_cursor_close(cursor) }
    var key = MDB_val()
    var value = MDB_val()
    var startCopy = start ?? []
    var status: Int32 = startCopy.withUnsafeMutableBytes { startBytes in
      if start == nil { return mdb_cursor_get(cursor, &key, &value, MDB_FIRST) }
      key = MDB_val(mv_size: startBytes.count, mv_data: startBytes.baseAddress)
      return mdb_cursor_get(cursor, &key, &value, MDB_SET_RANGE)
    }
    while status == 0 {
      let keyBuffer = UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)
      let valueBuffer = UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size)
      guard try body(keyBuffer, valueBuffer) else { return }
      status = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)
    }
    if status != MDB_NOTFOUND { try check(status, "mdb_cursor_get \(name)") }
  }

  /// Visits the keys of database `name` that start with `prefix`, in order.
  public func scan(
    _ name: String, prefix: [UInt8],
    _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void
  ) throws {
    // An empty key is not a valid MDB_SET_RANGE argument: an empty prefix scans it all.
    try scan(name, from: prefix.isEmpty ? nil : prefix) { key, value in
      guard key.starts(with: prefix) else { return false }
      try body(key, value)
      return true
    }
  }

  /// The last key and value of database `name` (`MDB_LAST`), copied out.
  public func last(_ name: String) throws -> (key: [UInt8], value: [UInt8])? {
    let cursor = try openCursor(name)
    defer { mdb_cursor_close(cursor) }
    var key = MDB_val()
    var value = MDB_val()
    let status = mdb_cursor_get(cursor, &key, &value, MDB_LAST)
    if status == MDB_NOTFOUND { return nil }
    try check(status, "mdb_cursor_get \(name)")
    return (
      Array(UnsafeRawBufferPointer(start: key.mv_data, count: key.mv_size)),
      Array(UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size))
    )
  }

  /// How many entries database `name` holds (`mdb_stat`).
  public func count(_ name: String) throws -> Int {
    var stat = MDB_stat()
    try check(mdb_stat(handle, try environment.database(name), &stat), "mdb_stat \(name)")
    return stat.ms_entries
  }

  private func openCursor(_ name: String) throws -> OpaquePointer {
    var cursor: OpaquePointer?
    try check(
      mdb_cursor_open(handle, try environment.database(name), &cursor), "mdb_cursor_open")
    guard let cursor else { throw StoreError(.lmdb(0), "mdb_cursor_open returned no cursor") }
    return cursor
  }
}
