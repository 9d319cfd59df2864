import CLMDB
import Foundation

/// An LMDB environment: one directory holding `data.mdb` and `lock.mdb`.
///
/// Work happens inside ``read(_:)`` and ``write(_:)`` closures. Each runs synchronously
/// on the caller's thread, which is what LMDB requires of write transactions; never
/// suspend inside one. A write that hits a full map is aborted, the map is doubled, and the
/// closure runs again, so write closures must not have effects outside the transaction.
public final class LMDBEnvironment: @unchecked Sendable {
  // Safe to share: LMDB environments are thread-safe, read transactions use MDB_NOTLS, and
  // write transactions never leave the closure (and thread) that opened them.
  let handle: OpaquePointer
  public let path: String
  public let isReadOnly: Bool
  /// Reader slots left by processes that died holding a read transaction, cleared when
  /// this environment was opened (`mdb_reader_check`).
  public private(set) var staleReadersCleared: Int32 = 0
  private let databaseNames: [String]
  private var databases: [String: MDB_dbi] = [:]
  private let lock = NSLock()

  /// Opens (creating when writable) the environment in directory `path` with the named
  /// databases. Clears reader slots left by crashed processes.
  public init(
    path: String, databases names: [String], readOnly: Bool, initialMapSize: Int = 1 << 20
  ) throws {
    self.path = path
    self.isReadOnly = readOnly
    self.databaseNames = names
    if !readOnly {
      do {
        try FileManager.default.createDirectory(
          atPath: path, withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o700])
      } catch {
        throw StoreError(.io, "cannot create \(path): \(error.localizedDescription)")
      }
    }
    var env: OpaquePointer?
    try check(mdb_env_create(&env), "mdb_env_create")
    guard let env else { throw StoreError(.lmdb(0), "mdb_env_create returned no environment") }
    handle = env
    // From here on `deinit` closes the environment, also when this initialiser throws (a
    // class whose properties are all set runs its deinit on a throw): never close it here.
    try check(mdb_env_set_maxdbs(env, MDB_dbi(names.count + 2)), "mdb_env_set_maxdbs")
    try check(mdb_env_set_mapsize(env, initialMapSize), "mdb_env_set_mapsize")
    let flags = UInt32(MDB_NOTLS) | (readOnly ? UInt32(MDB_RDONLY) : 0)
    let status = mdb_env_open(env, path, flags, 0o600)
    if status == ENOENT {
      throw StoreError(.notInitialised, "no ledger at \(path)")
    }
    if status == MDB_INVALID || status == MDB_VERSION_MISMATCH {
      throw StoreError(
        .corrupt, "\(path) is not an LMDB environment this program can read (damaged?)")
    }
    try check(status, "mdb_env_open \(path)")
    // A killed process leaves its reader slot behind; while it stays, LMDB cannot reuse
    // pages freed after that reader's snapshot and the file keeps growing.
    var cleared: Int32 = 0
    mdb_reader_check(env, &cleared)
    staleReadersCleared = cleared
    try openDatabases()
  }

  deinit {
    mdb_env_close(handle)
  }

  /// Runs `body` in a read-only snapshot (`mdb_txn_begin` with `MDB_RDONLY`).
  public func read<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
    let txn = try begin(readOnly: true)
    defer { mdb_txn_abort(txn.handle) }
    return try body(txn)
  }

  /// Runs `body` in a write transaction and commits it (`mdb_txn_commit`), or aborts it
  /// if `body` throws. Grows the map and retries when it is full.
  public func write<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
    while true {
      let txn = try begin(readOnly: false)
      let result: T
      do {
        result = try body(txn)
      } catch let error as StoreError where error.code == .lmdb(MDB_MAP_FULL) {
        mdb_txn_abort(txn.handle)
        try growMap()
        continue
      } catch {
        mdb_txn_abort(txn.handle)
        throw error
      }
      // mdb_txn_commit frees the transaction whether it succeeds or not: never abort it
      // after this point.
      let status = mdb_txn_commit(txn.handle)
      if status == MDB_MAP_FULL {
        try growMap()
        continue
      }
      try check(status, "mdb_txn_commit")
      return result
    }
  }

  /// Clears reader slots of processes that died inside a read transaction
  /// (`mdb_reader_check`), so that the pages they pinned can be reused. Opening an
  /// environment does this; long-running processes call it now and then. Returns how many
  /// slots were cleared.
  @discardableResult
  public func clearStaleReaders() -> Int32 {
    var cleared: Int32 = 0
    mdb_reader_check(handle, &cleared)
    return cleared
  }

  /// The size of the memory map now, in bytes.
  public var mapSize: Int {
    var info = MDB_envinfo()
    mdb_env_info(handle, &info)
    return info.me_mapsize
  }

  /// Writes a compacted copy of the environment into directory `destination`
  /// (`mdb_env_copy2` with `MDB_CP_COMPACT`), consistent as of one read snapshot.
  public func copy(to destination: String) throws {
    while true {
      let status = mdb_env_copy2(handle, destination, UInt32(MDB_CP_COMPACT))
      if status == MDB_MAP_RESIZED {
        // A writer grew the map since this environment opened; adopt its size and copy
        // again from a fresh snapshot.
        lock.withLock { _ = mdb_env_set_mapsize(handle, 0) }
        try? FileManager.default.removeItem(atPath: destination + "/data.mdb")
        continue
      }
      try check(status, "mdb_env_copy2")
      return
    }
  }

  func database(_ name: String) throws -> MDB_dbi {
    guard let dbi = databases[name] else {
      throw StoreError(.corrupt, "database '\(name)' is missing from \(path)")
    }
    return dbi
  }

  private func begin(readOnly: Bool) throws -> LMDBTransaction {
    while true {
      var txn: OpaquePointer?
      let status = mdb_txn_begin(handle, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &txn)
      if status == MDB_MAP_RESIZED {
        // Another process grew the map; adopt its size and try again.
        lock.withLock { _ = mdb_env_set_mapsize(handle, 0) }
        continue
      }
      try check(status, "mdb_txn_begin")
      guard let txn else { throw StoreError(.lmdb(0), "mdb_txn_begin returned no txn") }
      return LMDBTransaction(handle: txn, environment: self)
    }
  }

  /// Doubles the map, to 1 GiB at least. A full map aborts the whole transaction, which is
  /// then done again from its start, so growing in small steps would redo a large import's
  /// first batches many times; the map is only address space (the file grows with the
  /// pages written, not with the map), so a large step costs nothing on disk.
  private func growMap() throws {
    let next = max(mapSize * 2, 1 << 30)
    try lock.withLock { () throws in
      try check(mdb_env_set_mapsize(handle, next), "mdb_env_set_mapsize")
    }
  }

  private func openDatabases() throws {
    // Through `begin`, which adopts a map another process grew while this one waited for
    // the writer lock (MDB_MAP_RESIZED): a second writer opening during a large import.
    let txn = try begin(readOnly: isReadOnly).handle
    for name in databaseNames {
      var dbi: MDB_dbi = 0
      let status = mdb_dbi_open(txn, name, isReadOnly ? 0 : UInt32(MDB_CREATE), &dbi)
      if status == MDB_NOTFOUND && isReadOnly {
        mdb_txn_abort(txn)
        throw StoreError(.notInitialised, "\(path) has no '\(name)' database")
      }
      if status != 0 { mdb_txn_abort(txn) }
      try check(status, "mdb_dbi_open \(name)")
      databases[name] = dbi
    }
    try check(mdb_txn_commit(txn), "mdb_txn_commit")
  }
}

/// Turns an LMDB or errno status into a ``StoreError`` naming the call that failed.
func check(_ status: Int32, _ call: String) throws {
  guard status != 0 else { return }
  let text = String(cString: mdb_strerror(status))
  switch status {
  case ENOSPC, EDQUOT, EFBIG:
    throw StoreError(
      .io,
      "\(call): \(text): the disk (or the file size limit) is full; nothing of the "
        + "failed transaction was written. Free space and run the command again")
  case EACCES, EROFS, EIO:
    throw StoreError(.io, "\(call): \(text)")
  case MDB_READERS_FULL:
    throw StoreError(.busy, "\(call): \(text); too many open readers, try again")
  default:
    throw StoreError(.lmdb(status), "\(call): \(text)")
  }
}
