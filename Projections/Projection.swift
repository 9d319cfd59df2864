import LedgerEvents

/// A read model built from the log: one type in one file.
///
/// A projection names itself, states a version (changing it rebuilds the model from the
/// start of the log), lists the event types it reads, and updates its rows through a
/// ``ReadModelWriter``. It never touches the log or LMDB itself, and `apply` depends on
/// nothing but the event and the rows, so replaying the log always rebuilds the same model.
public protocol Projection: Sendable {
  /// Stable name, used in commands (`query NAME`) and as the rows' key prefix.
  var name: String { get }
  /// Bump when `apply` changes meaning: the runner then rebuilds from sequence 1.
  var version: Int { get }
  /// The event types `apply` reads; others are skipped without a call.
  var eventTypes: Set<EventType> { get }

  /// Folds one event into the rows.
  func apply(_ event: RecordedEvent, to model: inout ReadModelWriter) throws

  /// Removes what `voided` contributed: called when a later event voids it. Projections
  /// keep their contributions keyed by event id so that this is exact.
  func retract(_ voided: RecordedEvent, to model: inout ReadModelWriter) throws
}

/// A projection failed on an event; the runner stops it there.
public struct ProjectionError: Error, Sendable, CustomStringConvertible {
  public var projection: String
  public var sequence: UInt64
  public var eventId: String
  public var message: String

  public init(projection: String, sequence: UInt64, eventId: String, message: String) {
    self.projection = projection
    self.sequence = sequence
    self.eventId = eventId
    self.message = message
  }

  public var description: String {
    "projection '\(projection)' stopped at sequence \(sequence) (event '\(eventId)'): \(message)"
  }
}
