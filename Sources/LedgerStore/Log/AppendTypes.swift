import LedgerEvents

/// What an append expects of a stream's version before it writes.
public enum ExpectedVersion: Sendable, Equatable {
  /// Whatever the stream holds.
  case any
  /// The stream must not exist yet.
  case noStream
  /// The stream's last event must have exactly this stream version.
  case exactly(UInt64)
}

/// What happened to one event of an append.
public enum AppendResult: Sendable, Equatable {
  /// Stored now, at this sequence number.
  case appended(UInt64)
  /// Already stored with the same content, at this sequence number; nothing written.
  case alreadyPresent(UInt64)

  /// The sequence number the event has in the log.
  public var sequence: UInt64 {
    switch self {
    case .appended(let s), .alreadyPresent(let s): s
    }
  }
}

/// The outcome of one batch append.
public struct AppendOutcome: Sendable, Equatable {
  /// One result per input event, in input order.
  public var results: [AppendResult]
  /// The log's head after the batch.
  public var head: LogHead

  /// How many events were newly stored.
  public var appendedCount: Int {
    results.reduce(0) { if case .appended = $1 { $0 + 1 } else { $0 } }
  }
}

/// The last record of the log.
public struct LogHead: Sendable, Equatable {
  /// Sequence of the last event; 0 for an empty log.
  public var sequence: UInt64
  /// Chain hash of the last event; all zeros for an empty log.
  public var hash: [UInt8]

  public init(sequence: UInt64, hash: [UInt8]) {
    self.sequence = sequence
    self.hash = hash
  }
}

/// A stored record: the event, its chain hash, and its canonical bytes as stored.
public struct StoredRecord: Sendable {
  public var event: RecordedEvent
  public var hash: [UInt8]
  public var body: [UInt8]
}
