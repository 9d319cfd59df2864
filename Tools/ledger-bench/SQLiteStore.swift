import CSQLite
import Foundation

/// The SQLite baseline: one `events` table holding the ledger's stored bytes, with the
/// ledger's indexes (event id, stream and version, type and sequence, student and
/// sequence), in WAL mode at a chosen `synchronous` level.
///
/// Students are a side table because one event can name several students, as the ledger's
/// `students` index allows.
final class SQLiteStore {
  /// The `synchronous` pragma: `NORMAL` commits without waiting for the disk in WAL mode
  /// (a power cut can lose the last transactions); `FULL` syncs the WAL on every commit.
  enum Synchronous: String {
    case normal = "NORMAL"
    case full = "FULL"
  }

  private var db: OpaquePointer?
  let path: String
  private var insertEvent: OpaquePointer?
  private var insertStudent: OpaquePointer?
  private var upsertHead: OpaquePointer?

  static let schema = """
    CREATE TABLE events(
      sequence INTEGER PRIMARY KEY, id TEXT NOT NULL, stream TEXT NOT NULL,
      stream_version INTEGER NOT NULL, type TEXT NOT NULL, hash BLOB NOT NULL,
      body BLOB NOT NULL);
    CREATE UNIQUE INDEX events_id ON events(id);
    CREATE UNIQUE INDEX events_stream ON events(stream, stream_version);
    CREATE INDEX events_type ON events(type, sequence);
    CREATE TABLE event_students(
      student TEXT NOT NULL, sequence INTEGER NOT NULL, PRIMARY KEY(student, sequence))
      WITHOUT ROWID;
    CREATE TABLE stream_heads(stream TEXT PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;
    """

  /// Creates a fresh database file at `path`.
  init(path: String, synchronous: Synchronous) throws {
    self.path = path
    try check(sqlite3_open(path, &db), "sqlite3_open \(path)")
    try execute("PRAGMA journal_mode=WAL")
    try execute("PRAGMA synchronous=\(synchronous.rawValue)")
    try execute(Self.schema)
    insertEvent = try prepare(
      "INSERT INTO events(sequence, id, stream, stream_version, type, hash, body) "
        + "VALUES(?, ?, ?, ?, ?, ?, ?)")
    insertStudent = try prepare("INSERT INTO event_students(student, sequence) VALUES(?, ?)")
    upsertHead = try prepare("INSERT OR REPLACE INTO stream_heads(stream, version) VALUES(?, ?)")
  }

  deinit {
    for statement in [insertEvent, insertStudent, upsertHead] { sqlite3_finalize(statement) }
    sqlite3_close(db)
  }

  /// Inserts a batch in one transaction.
  func appendBatch(_ batch: PreparedBatch) throws {
    try execute("BEGIN")
    do {
      for record in batch.records { try insert(record) }
      for head in batch.streamHeads {
        bindText(upsertHead, 1, head.stream)
        sqlite3_bind_int64(upsertHead, 2, Int64(head.version))
        try step(upsertHead)
      }
      try execute("COMMIT")
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  private func insert(_ record: PreparedRecord) throws {
    sqlite3_bind_int64(insertEvent, 1, Int64(record.sequence))
    bindText(insertEvent, 2, record.id)
    bindText(insertEvent, 3, record.stream)
    sqlite3_bind_int64(insertEvent, 4, Int64(record.streamVersion))
    bindText(insertEvent, 5, record.type)
    record.value.withUnsafeBytes { bytes in
      sqlite3_bind_blob(insertEvent, 6, bytes.baseAddress, 32, transient)
      sqlite3_bind_blob(
        insertEvent, 7, bytes.baseAddress.map { $0 + 32 }, Int32(bytes.count - 32), transient)
    }
    try step(insertEvent)
    for student in record.students {
      bindText(insertStudent, 1, student)
      sqlite3_bind_int64(insertStudent, 2, Int64(record.sequence))
      try step(insertStudent)
    }
  }

  /// Reads every event's hash and body in sequence order; returns the count and bytes.
  func scanEvents() throws -> (events: Int, bytes: Int) {
    let statement = try prepare("SELECT hash, body FROM events ORDER BY sequence")
    defer { sqlite3_finalize(statement) }
    var events = 0
    var bytes = 0
    while try stepRow(statement) {
      events += 1
      bytes += Int(sqlite3_column_bytes(statement, 0)) + Int(sqlite3_column_bytes(statement, 1))
    }
    return (events, bytes)
  }

  /// Reads one stream's bodies in stream order; returns how many there were.
  func readStream(_ stream: String) throws -> Int {
    let statement = try prepare(
      "SELECT sequence, body FROM events WHERE stream = ? ORDER BY stream_version")
    defer { sqlite3_finalize(statement) }
    bindText(statement, 1, stream)
    var count = 0
    while try stepRow(statement) {
      count += sqlite3_column_bytes(statement, 1) > 0 ? 1 : 0
    }
    return count
  }

  /// Bytes on disk of the database and its WAL.
  var diskBytes: UInt64 {
    diskUsage(path) + diskUsage(path + "-wal")
  }

  // MARK: - C calls

  /// `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the call returns.
  private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  private func bindText(_ statement: OpaquePointer?, _ index: Int32, _ text: String) {
    sqlite3_bind_text(statement, index, text, -1, transient)
  }

  private func prepare(_ sql: String) throws -> OpaquePointer? {
    var statement: OpaquePointer?
    try check(sqlite3_prepare_v2(db, sql, -1, &statement, nil), "prepare \(sql)")
    return statement
  }

  private func step(_ statement: OpaquePointer?) throws {
    let status = sqlite3_step(statement)
    sqlite3_reset(statement)
    try check(status == SQLITE_DONE ? SQLITE_OK : status, "sqlite3_step")
  }

  private func stepRow(_ statement: OpaquePointer?) throws -> Bool {
    let status = sqlite3_step(statement)
    if status == SQLITE_ROW { return true }
    try check(status == SQLITE_DONE ? SQLITE_OK : status, "sqlite3_step")
    return false
  }

  private func execute(_ sql: String) throws {
    try check(sqlite3_exec(db, sql, nil, nil, nil), "exec \(sql.prefix(40))")
  }

  private func check(_ status: Int32, _ what: String) throws {
    guard status != SQLITE_OK else { return }
    throw BenchError("SQLite \(what): \(String(cString: sqlite3_errmsg(db)))")
  }
}

/// Bytes a file occupies on disk (allocated blocks), 0 when it does not exist.
func diskUsage(_ path: String) -> UInt64 {
  var info = stat()
  guard stat(path, &info) == 0 else { return 0 }
  return UInt64(info.st_blocks) * 512
}
