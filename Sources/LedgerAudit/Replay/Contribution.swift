import LedgerEvents

/// One event behind a school's read-model row, and what it did there.
public struct Contribution: Codable, Sendable, Equatable {
  /// What an event did to the row.
  public enum Role: String, Codable, Sendable {
    /// Applied, and still counted.
    case contributes
    /// Applied, then removed by a later void (``Contribution/voidedBy``).
    case voided
    /// A void that removed an event the projection had applied (``Contribution/voids``).
    case void
  }

  /// The event's position in the log.
  public var sequence: UInt64
  /// The school code, or `programme` for the definitions of the assessments the school used.
  public var stream: String
  /// The event type, `family.fact`.
  public var type: String
  /// The day it happened in school.
  public var occurredOn: String
  /// One human line, as timelines show it.
  public var summary: String
  /// What it did to the row.
  public var role: Role
  /// For a voided event: the sequence of the void that removed it.
  public var voidedBy: UInt64?
  /// For a void: the sequence of the event it removed.
  public var voids: UInt64?

  init(_ event: RecordedEvent, role: Role, voidedBy: UInt64? = nil, voids: UInt64? = nil) {
    sequence = event.sequence
    stream = event.stream
    type = event.type.rawValue
    occurredOn = event.envelope.occurredOn
    summary = EventSummary.line(event.payload)
    self.role = role
    self.voidedBy = voidedBy
    self.voids = voids
  }
}
