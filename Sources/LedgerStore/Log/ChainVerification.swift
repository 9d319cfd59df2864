import LedgerEvents

/// The first place where the log is not what its chain and indexes promise.
public struct ChainBreak: Sendable, Equatable, CustomStringConvertible {
  /// The first sequence number that fails.
  public var sequence: UInt64
  public var reason: String

  public var description: String { "sequence \(sequence): \(reason)" }
}

/// The result of walking the whole log.
public struct ChainReport: Sendable, Equatable {
  /// Records walked.
  public var checked: UInt64
  /// The head as recomputed.
  public var head: LogHead
  /// The first failure, or nil when the log is intact.
  public var firstBreak: ChainBreak?
  /// Index entries that do not match the log (each as text), up to a bound.
  public var indexProblems: [String]

  public var isIntact: Bool { firstBreak == nil && indexProblems.isEmpty }
}

extension EventLog {
  /// Walks every record up to the head seen when it starts: keys dense from 1, each
  /// record's own sequence equal to its key, each stored hash equal to BLAKE2b-256(previous
  /// hash ‖ canonical bytes), each record decodable, and the event-id and stream indexes
  /// pointing back at it.
  ///
  /// Reads in chunks of `chunkSize` records, each in a fresh snapshot, so that verifying a
  /// large log while writers run does not pin old pages and make the file grow.
  public func verifyChain(chunkSize: Int = 50_000) throws -> ChainReport {
    let end = try head().sequence
    var report = ChainReport(
      checked: 0, head: LogHead(sequence: 0, hash: ChainHash.genesis), firstBreak: nil,
      indexProblems: [])
    var walk = ChainWalk()
    while report.firstBreak == nil && walk.expected <= end {
      let chunkEnd = min(end, walk.expected + UInt64(chunkSize) - 1)
      try read { reader in
        try reader.txn.scan(LogDatabase.events, from: KeyLayout.uint64(walk.expected)) {
          key, value in
          let sequence = KeyLayout.readUInt64(key)
          guard sequence <= chunkEnd else { return false }
          if let reason = try walk.check(sequence, value, reader, &report.indexProblems) {
            report.firstBreak = ChainBreak(sequence: min(sequence, walk.expected), reason: reason)
            return false
          }
          report.checked += 1
          report.head = LogHead(sequence: sequence, hash: walk.previous)
          return true
        }
      }
      if report.firstBreak == nil && walk.expected <= chunkEnd {
        report.firstBreak = ChainBreak(
          sequence: walk.expected, reason: "missing: the log ends before its head \(end)")
      }
    }
    return report
  }
}

/// The state carried from record to record, and from chunk to chunk.
private struct ChainWalk {
  var previous = ChainHash.genesis
  var expected: UInt64 = 1
  var streamVersions: [String: UInt64] = [:]

  mutating func check(
    _ sequence: UInt64, _ value: UnsafeRawBufferPointer, _ reader: LogReader,
    _ indexProblems: inout [String]
  ) throws -> String? {
    if sequence != expected {
      return sequence > expected
        ? "missing: the log jumps from \(expected - 1) to \(sequence)"
        : "out of order after \(expected - 1)"
    }
    guard value.count > ChainHash.length else { return "record too short to hold a hash" }
    let stored = Array(value.prefix(ChainHash.length))
    let body = value.dropFirst(ChainHash.length)
    if ChainHash.link(previous: previous, body: body) != stored {
      return "hash mismatch: the record or the one before it was changed"
    }
    let event: RecordedEvent
    do {
      event = try CanonicalJSON.decode(RecordedEvent.self, from: body)
    } catch {
      return "record does not decode as an event: \(error)"
    }
    if event.sequence != sequence {
      return "record says sequence \(event.sequence) but is stored at \(sequence)"
    }
    try checkIndexes(event, reader, &indexProblems)
    previous = stored
    expected += 1
    return nil
  }

  private mutating func checkIndexes(
    _ event: RecordedEvent, _ reader: LogReader, _ problems: inout [String]
  ) throws {
    guard problems.count < 100 else { return }
    let sequence = event.sequence
    let version = (streamVersions[event.stream] ?? 0) + 1
    streamVersions[event.stream] = version
    if event.streamVersion != version {
      problems.append(
        "stream '\(event.stream)': sequence \(sequence) has version \(event.streamVersion), "
          + "expected \(version)")
    }
    let indexed = try reader.txn.get(
      LogDatabase.streams, KeyLayout.composite(event.stream, event.streamVersion))
    if indexed.map({ KeyLayout.readUInt64($0) }) != sequence {
      problems.append(
        "streams: '\(event.stream)' v\(event.streamVersion) does not point at \(sequence)")
    }
    if try reader.sequence(ofEventId: event.id) != sequence {
      problems.append("event-ids: '\(event.id)' does not point at \(sequence)")
    }
    let typeKey = KeyLayout.composite(event.type.rawValue, sequence)
    if try reader.txn.get(LogDatabase.types, typeKey) == nil {
      problems.append("types: no entry for \(event.type.rawValue) at \(sequence)")
    }
    for student in Set(event.payload.studentKeys)
    where try reader.txn.get(LogDatabase.students, KeyLayout.composite(student, sequence)) == nil {
      problems.append("students: no entry for \(student) at \(sequence)")
    }
  }
}
