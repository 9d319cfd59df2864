import LedgerEvents

/// Read access to the log within one snapshot.
public struct LogReader {
  let txn: LMDBTransaction

  /// The underlying transaction, for readers that keep their own databases beside it.
  public var transaction: LMDBTransaction { txn }

  /// The last sequence number and its chain hash.
  public func head() throws -> LogHead {
    guard let last = try txn.last(LogDatabase.events) else {
      return LogHead(sequence: 0, hash: ChainHash.genesis)
    }
    return LogHead(
      sequence: KeyLayout.readUInt64(last.key), hash: Array(last.value.prefix(ChainHash.length)))
  }

  /// The record stored at `sequence`, or nil past the head.
  public func record(at sequence: UInt64) throws -> StoredRecord? {
    try txn.withValue(LogDatabase.events, KeyLayout.uint64(sequence)) { value in
      guard let value else { return nil }
      return try Self.decode(sequence: sequence, value: value)
    }
  }

  /// The event stored at `sequence`, or nil past the head.
  public func event(at sequence: UInt64) throws -> RecordedEvent? {
    try record(at: sequence)?.event
  }

  /// Visits records in sequence order from `start` while `body` returns true.
  public func forEachRecord(
    from start: UInt64 = 1, through end: UInt64 = .max,
    _ body: (StoredRecord) throws -> Bool
  ) throws {
    try txn.scan(LogDatabase.events, from: KeyLayout.uint64(start)) { key, value in
      let sequence = KeyLayout.readUInt64(key)
      guard sequence <= end else { return false }
      return try body(try Self.decode(sequence: sequence, value: value))
    }
  }

  /// Visits the raw stored values (hash followed by canonical bytes) in key order, without
  /// decoding them: what verification needs.
  public func forEachRawRecord(
    _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
  ) throws {
    try txn.scan(LogDatabase.events, from: nil, body)
  }

  /// Visits stored records from `start` through `end` without decoding them: the sequence,
  /// the stored chain hash and the canonical bytes, valid only during the call.
  public func forEachRawRecord(
    from start: UInt64, through end: UInt64,
    _ body: (_ sequence: UInt64, _ hash: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer)
      throws -> Bool
  ) throws {
    try txn.scan(LogDatabase.events, from: KeyLayout.uint64(start)) { key, value in
      let sequence = KeyLayout.readUInt64(key)
      guard sequence <= end else { return false }
      guard value.count > ChainHash.length else {
        throw StoreError(.corrupt, "record \(sequence) is too short to hold a hash")
      }
      return try body(
        sequence, UnsafeRawBufferPointer(rebasing: value.prefix(ChainHash.length)),
        UnsafeRawBufferPointer(rebasing: value.dropFirst(ChainHash.length)))
    }
  }

  /// The sequence the event with `id` is stored at.
  public func sequence(ofEventId id: String) throws -> UInt64? {
    try txn.withValue(LogDatabase.eventIds, Array(id.utf8)) { value in
      value.map { KeyLayout.readUInt64($0) }
    }
  }

  /// The version of `stream`'s last event; 0 when the stream has none.
  public func streamVersion(_ stream: String) throws -> UInt64 {
    try txn.withValue(LogDatabase.streamHeads, Array(stream.utf8)) { value in
      value.map { KeyLayout.readUInt64($0) } ?? 0
    }
  }

  /// Sequences of `stream`'s events, in stream order.
  public func sequences(inStream stream: String) throws -> [UInt64] {
    var result: [UInt64] = []
    try txn.scan(LogDatabase.streams, prefix: KeyLayout.prefix(stream)) { _, value in
      result.append(KeyLayout.readUInt64(value))
    }
    return result
  }

  /// Sequences of events about the student with `key`, in log order.
  public func sequences(forStudent key: String) throws -> [UInt64] {
    try compositeSuffixes(LogDatabase.students, key)
  }

  /// Sequences of events of `type`, in log order.
  public func sequences(ofType type: EventType) throws -> [UInt64] {
    try compositeSuffixes(LogDatabase.types, type.rawValue)
  }

  /// Every stream name with its current version.
  public func streams() throws -> [(stream: String, version: UInt64)] {
    var result: [(String, UInt64)] = []
    try txn.scan(LogDatabase.streamHeads, from: nil) { key, value in
      result.append((String(decoding: key, as: UTF8.self), KeyLayout.readUInt64(value)))
      return true
    }
    return result
  }

  func recordedHighWater() throws -> Timestamp {
    try txn.withValue(LogDatabase.meta, Array("recorded-high-water".utf8)) { value in
      Timestamp(microseconds: value.map { Int64(bitPattern: KeyLayout.readUInt64($0)) } ?? 0)
    }
  }

  private func compositeSuffixes(_ database: String, _ name: String) throws -> [UInt64] {
    var result: [UInt64] = []
    try txn.scan(database, prefix: KeyLayout.prefix(name)) { key, _ in
      result.append(KeyLayout.readUInt64(key, suffix: true))
    }
    return result
  }

  static func decode(sequence: UInt64, value: UnsafeRawBufferPointer) throws -> StoredRecord {
    guard value.count > ChainHash.length else {
      throw StoreError(.corrupt, "record \(sequence) is too short to hold a hash")
    }
    let hash = Array(value.prefix(ChainHash.length))
    let body = Array(value.dropFirst(ChainHash.length))
    do {
      let event = try CanonicalJSON.decode(RecordedEvent.self, from: body)
      return StoredRecord(event: event, hash: hash, body: body)
    } catch {
      throw StoreError(.corrupt, "record \(sequence) cannot be read: \(error)")
    }
  }
}
