import Foundation
import LedgerEvents

/// The append-only event log, kept in an LMDB environment (docs/FORMAT.md).
///
/// Sequence numbers, stream versions and recorded times are assigned inside the one write
/// transaction that stores a batch, so the sequence is dense and commit order is sequence
/// order. Every index is written in that same transaction.
public final class EventLog: @unchecked Sendable {
  // Safe to share: all state is in the LMDB environment, which serialises writers.
  /// The format version this program writes and the newest it reads.
  public static let formatVersion: UInt32 = 1

  public let environment: LMDBEnvironment
  private let clock: @Sendable () -> Timestamp

  /// Opens the log in directory `path`; `create` makes it when missing. Refuses a log
  /// written in a newer format.
  public init(
    path: String, readOnly: Bool = false, create: Bool = false,
    clock: @escaping @Sendable () -> Timestamp = { Timestamp(Date()) },
    initialMapSize: Int = 1 << 20
  ) throws {
    if !create && !FileManager.default.fileExists(atPath: path + "/data.mdb") {
      throw StoreError(
        .notInitialised, "no ledger log at \(path); run 'school-ledger init' first")
    }
    environment = try LMDBEnvironment(
      path: path, databases: LogDatabase.all, readOnly: readOnly,
      initialMapSize: initialMapSize)
    self.clock = clock
    try checkFormat(create: create && !readOnly)
  }

  /// Runs `body` with a consistent snapshot of the log.
  public func read<T>(_ body: (LogReader) throws -> T) throws -> T {
    try environment.read { try body(LogReader(txn: $0)) }
  }

  /// The log's last sequence number and hash.
  public func head() throws -> LogHead {
    try read { try $0.head() }
  }

  /// Appends `events` as one all-or-nothing batch.
  ///
  /// Each event is validated first. An id already in the log with the same content is
  /// reported as already present and not written again; with other content the whole batch
  /// fails with ``StoreError/Code/idConflict``. `expectations` name, per stream, the
  /// version the stream must be at before the batch.
  @discardableResult
  public func append(
    _ events: [EventEnvelope], expectations: [String: ExpectedVersion] = [:]
  ) throws -> AppendOutcome {
    for event in events {
      do { try event.validate() } catch {
        throw StoreError(.invalidEvent, error.description, eventId: event.id)
      }
    }
    let now = clock()
    return try environment.write { txn in
      var writer = try BatchWriter(txn: txn, now: now)
      let resolutions = try events.map { try writer.resolve($0) }
      // A stream whose events are all stored already is a retry of a batch that committed:
      // it succeeds as a no-op whatever version it expected, since that version was checked
      // when the batch first committed.
      let extended = Set(zip(events, resolutions).filter { $0.1 == .new }.map(\.0.stream))
      try writer.checkExpectations(expectations.filter { extended.contains($0.key) })
      var results: [AppendResult] = []
      for (event, resolution) in zip(events, resolutions) {
        switch resolution {
        case .stored(let sequence): results.append(.alreadyPresent(sequence))
        case .new: results.append(try writer.add(event))
        case .repeatedInBatch: results.append(.alreadyPresent(try writer.sequence(of: event.id)))
        }
      }
      try writer.finish()
      return AppendOutcome(results: results, head: writer.head)
    }
  }

  private func checkFormat(create: Bool) throws {
    let key = Array("format-version".utf8)
    if create {
      try environment.write { txn in
        if try txn.get(LogDatabase.meta, key) == nil {
          try txn.put(LogDatabase.meta, key, Array(KeyLayout.uint64(UInt64(Self.formatVersion))))
        }
      }
    }
    let stored = try environment.read { try $0.get(LogDatabase.meta, key) }
    guard let stored else {
      throw StoreError(.corrupt, "\(environment.path) has no format version")
    }
    let version = KeyLayout.readUInt64(stored)
    if version > UInt64(Self.formatVersion) {
      throw StoreError(
        .unsupportedFormat,
        "\(environment.path) is in log format \(version); this program reads up to "
          + "\(Self.formatVersion). Upgrade school-ledger to open it.")
    }
  }
}

/// Builds one batch inside a write transaction.
private struct BatchWriter {
  let txn: LMDBTransaction
  var head: LogHead
  let recordedAt: Timestamp
  var streamVersions: [String: UInt64] = [:]
  /// Events new in this batch, by id: the envelope, and its sequence once stored.
  var batchIds: [String: (sequence: UInt64, envelope: EventEnvelope)] = [:]

  init(txn: LMDBTransaction, now: Timestamp) throws {
    self.txn = txn
    let reader = LogReader(txn: txn)
    head = try reader.head()
    // Recorded time never goes backwards, even when the system clock does: a batch is
    // stamped with the later of the clock and the last stamp stored.
    let highWater = try reader.recordedHighWater()
    recordedAt = max(now, highWater)
  }

  func checkExpectations(_ expectations: [String: ExpectedVersion]) throws {
    let reader = LogReader(txn: txn)
    for (stream, expected) in expectations.sorted(by: { $0.key < $1.key }) {
      let current = try reader.streamVersion(stream)
      let ok: Bool
      switch expected {
      case .any: ok = true
      case .noStream: ok = current == 0
      case .exactly(let version): ok = current == version
      }
      if !ok {
        throw StoreError(
          .wrongExpectedVersion,
          "stream '\(stream)' is at version \(current), the append expected \(expected); "
            + "nothing was written")
      }
    }
  }

  /// Whether an event is new, stored already, or a repeat of one earlier in this batch.
  enum Resolution: Equatable {
    case new
    case stored(UInt64)
    case repeatedInBatch
  }

  /// Classifies an event by its id before anything is written. The same id with other
  /// content, in the log or earlier in the batch, is refused.
  mutating func resolve(_ envelope: EventEnvelope) throws -> Resolution {
    if let earlier = batchIds[envelope.id] {
      guard try CanonicalJSON.encode(earlier.envelope) == CanonicalJSON.encode(envelope) else {
        throw conflict(envelope, storedSource: nil, 0, inBatch: true)
      }
      return .repeatedInBatch
    }
    let reader = LogReader(txn: txn)
    guard let existing = try reader.sequence(ofEventId: envelope.id) else {
      // Remember it so that a second copy later in the batch is compared with it.
      batchIds[envelope.id] = (0, envelope)
      return .new
    }
    guard let record = try reader.record(at: existing) else {
      throw StoreError(.corrupt, "event-ids points '\(envelope.id)' at missing \(existing)")
    }
    if try CanonicalJSON.encode(record.event.envelope) != CanonicalJSON.encode(envelope) {
      throw conflict(envelope, storedSource: record.event.envelope.source, existing, inBatch: false)
    }
    return .stored(existing)
  }

  /// The sequence assigned in this batch to the event with `id`.
  func sequence(of id: String) throws -> UInt64 {
    guard let sequence = batchIds[id]?.sequence, sequence > 0 else {
      throw StoreError(.corrupt, "event '\(id)' repeated in a batch before it was stored")
    }
    return sequence
  }

  /// Stores a new event, resolved as ``Resolution/new``.
  mutating func add(_ envelope: EventEnvelope) throws -> AppendResult {
    if case .eventVoided(let void) = envelope.payload { try checkVoid(envelope, void) }
    let sequence = head.sequence + 1
    let streamVersion = try nextStreamVersion(envelope.stream)
    let event = RecordedEvent(
      envelope: envelope, sequence: sequence, streamVersion: streamVersion,
      recordedAt: recordedAt)
    let body = try CanonicalJSON.encode(event)
    let hash = ChainHash.link(previous: head.hash, body: body)
    let seqKey = KeyLayout.uint64(sequence)

    try txn.put(LogDatabase.events, seqKey, hash + body)
    try txn.put(LogDatabase.eventIds, Array(envelope.id.utf8), seqKey)
    try txn.put(
      LogDatabase.streams, KeyLayout.composite(envelope.stream, streamVersion), seqKey)
    try txn.put(LogDatabase.types, KeyLayout.composite(envelope.type.rawValue, sequence), [])
    for student in Set(envelope.payload.studentKeys) {
      try txn.put(LogDatabase.students, KeyLayout.composite(student, sequence), [])
    }
    head = LogHead(sequence: sequence, hash: hash)
    batchIds[envelope.id] = (sequence, envelope)
    return .appended(sequence)
  }

  /// A void names an event stored before it, in its own school, that is not itself a void
  /// (a void is never voided: to restore an event, re-assert it under a new id).
  private func checkVoid(_ envelope: EventEnvelope, _ void: EventVoided) throws {
    func refuse(_ why: String) -> StoreError {
      StoreError(
        .invalidEvent, "event '\(envelope.id)' voids '\(void.voidedEventId)', \(why)",
        eventId: envelope.id)
    }
    let target: EventEnvelope
    if let earlier = batchIds[void.voidedEventId], earlier.sequence > 0 {
      target = earlier.envelope
    } else if let sequence = try LogReader(txn: txn).sequence(ofEventId: void.voidedEventId),
      let record = try LogReader(txn: txn).record(at: sequence)
    {
      target = record.event.envelope
    } else {
      throw refuse("which is not in the log before it; a void must follow what it voids")
    }
    if target.id == envelope.id { throw refuse("itself") }
    if target.type == .eventVoided {
      throw refuse("which is a void; to restore an event, re-assert it under a new id")
    }
    if target.stream != envelope.stream {
      throw refuse("which belongs to '\(target.stream)', not to '\(envelope.stream)'")
    }
  }

  func finish() throws {
    for (stream, version) in streamVersions {
      try txn.put(LogDatabase.streamHeads, Array(stream.utf8), KeyLayout.uint64(version))
    }
    try txn.put(
      LogDatabase.meta, Array("recorded-high-water".utf8),
      KeyLayout.uint64(UInt64(bitPattern: recordedAt.microseconds)))
  }

  private mutating func nextStreamVersion(_ stream: String) throws -> UInt64 {
    let current: UInt64
    if let known = streamVersions[stream] {
      current = known
    } else {
      current = try LogReader(txn: txn).streamVersion(stream)
    }
    streamVersions[stream] = current + 1
    return current + 1
  }

  private func conflict(
    _ envelope: EventEnvelope, storedSource: EventSource?, _ sequence: UInt64, inBatch: Bool
  ) -> StoreError {
    let stored =
      inBatch
      ? "appears twice in this batch with different content"
      : "is already stored at sequence \(sequence) (from \(storedSource?.system ?? "?") "
        + "record '\(storedSource?.naturalKey ?? "?")') with different content"
    return StoreError(
      .idConflict,
      "event id '\(envelope.id)' \(stored); the new record (from \(envelope.source.system) record "
        + "'\(envelope.source.naturalKey)') was refused and nothing in this batch was written",
      eventId: envelope.id)
  }
}
