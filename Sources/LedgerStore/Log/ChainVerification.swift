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
  /// Walks every record in order: keys dense from 1, each record's own sequence equal to
  /// its key, each stored hash equal to BLAKE2b-256(previous hash ‖ canonical bytes), each
  /// record decodable; then checks that the event-id and stream indexes point back at the
  /// records that name them.
  public func verifyChain() throws -> ChainReport {
    try read { reader in
      var report = ChainReport(
        checked: 0, head: LogHead(sequence: 0, hash: ChainHash.genesis), firstBreak: nil,
        indexProblems: [])
      var previous = ChainHash.genesis
      var expected: UInt64 = 1
      var streamCounts: [String: UInt64] = [:]
      try reader.forEachRawRecord { key, value in
        let sequence = KeyLayout.readUInt64(key)
        if let reason = try Self.problem(
          sequence: sequence, expected: expected, value: value, previous: previous,
          reader: reader, streamCounts: &streamCounts, indexProblems: &report.indexProblems)
        {
          report.firstBreak = ChainBreak(sequence: min(sequence, expected), reason: reason)
          return false
        }
        previous = Array(value.prefix(ChainHash.length))
        report.checked += 1
        report.head = LogHead(sequence: sequence, hash: previous)
        expected += 1
        return true
      }
      if report.firstBreak == nil {
        for (stream, count) in streamCounts where try reader.streamVersion(stream) != count {
          report.indexProblems.append(
            "stream-heads: '\(stream)' says \(try reader.streamVersion(stream)), "
              + "log holds \(count)")
        }
        let idCount = try reader.txn.count(LogDatabase.eventIds)
        if UInt64(idCount) != report.checked {
          report.indexProblems.append(
            "event-ids: \(idCount) entries for \(report.checked) events")
        }
      }
      return report
    }
  }

  private static func problem(
    sequence: UInt64, expected: UInt64, value: UnsafeRawBufferPointer, previous: [UInt8],
    reader: LogReader, streamCounts: inout [String: UInt64], indexProblems: inout [String]
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
    let streamVersion = (streamCounts[event.stream] ?? 0) + 1
    streamCounts[event.stream] = streamVersion
    if event.streamVersion != streamVersion {
      indexProblems.append(
        "stream '\(event.stream)': sequence \(sequence) has version \(event.streamVersion), "
          + "expected \(streamVersion)")
    }
    if try reader.sequence(ofEventId: event.id) != sequence {
      indexProblems.append("event-ids: '\(event.id)' does not point at \(sequence)")
    }
    return nil
  }
}
