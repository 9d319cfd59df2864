import LedgerEvents
import LedgerStore

/// A point in the log's history: what the ledger held after a given sequence, or at a given
/// moment.
///
/// Because `recordedAt` never decreases along the log (docs/FORMAT.md), "recorded at or
/// before T" is always a prefix of the log, so both kinds of cut come down to a last
/// sequence.
public enum LogCut: Sendable, Equatable {
  /// Events with sequence at most this one.
  case throughSequence(UInt64)
  /// Events the ledger had recorded at this moment: `recordedAt` at most this one.
  case knownAt(Timestamp)

  /// The last sequence inside the cut, read from `reader`'s snapshot; 0 when the cut holds
  /// no event. A sequence past the head is returned unchanged.
  public func lastSequence(in reader: LogReader) throws -> UInt64 {
    switch self {
    case .throughSequence(let sequence):
      return sequence
    case .knownAt(let moment):
      return try reader.lastSequence(recordedAtOrBefore: moment)
    }
  }

  /// Reads a moment as a user types it: a UTC time (`2026-12-03T19:30:04Z`, fractions of a
  /// second allowed) or a date (`2026-12-03`), which means the end of that day, UTC, so that
  /// everything recorded on that day is included.
  public static func moment(_ text: String) -> Timestamp? {
    if LocalDate(text) != nil {
      return Timestamp(parsing: text + "T23:59:59.999999Z")
    }
    guard text.contains("T") else { return nil }
    return Timestamp(parsing: text)
  }
}

extension LogReader {
  /// The last sequence whose `recordedAt` is at or before `moment`, or 0 when even the first
  /// event was recorded later.
  ///
  /// A binary search over sequences, reading about log2(head) events: it relies on
  /// `recordedAt` never decreasing along the log, which every append guarantees.
  public func lastSequence(recordedAtOrBefore moment: Timestamp) throws -> UInt64 {
    // Invariant: `low` is inside the cut (0 stands for "before the first event") and
    // every sequence above `high` is outside it.
    var low: UInt64 = 0
    var high = try head().sequence
    while low < high {
      let middle = low + (high - low + 1) / 2
      guard let event = try event(at: middle) else {
        throw StoreError(.corrupt, "sequence \(middle) is missing below the head \(high)")
      }
      if event.recordedAt <= moment {
        low = middle
      } else {
        high = middle - 1
      }
    }
    return low
  }
}
