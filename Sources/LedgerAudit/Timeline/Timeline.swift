import LedgerEvents
import LedgerStore

/// One row of a school's timeline.
public struct TimelineEntry: Codable, Sendable, Equatable {
  public var sequence: UInt64
  public var occurredOn: String
  public var occurredAt: String?
  public var recordedAt: String
  public var type: String
  public var eventId: String
  public var actor: String
  public var summary: String
  /// Set when a later event voided this one.
  public var voidedBy: VoidLink?
  /// Set on a voiding event: the event it voids.
  public var voids: VoidLink?
}

/// The other end of a void, with its reason.
public struct VoidLink: Codable, Sendable, Equatable {
  public var sequence: UInt64?
  public var eventId: String
  public var reason: String
}

/// Rebuilds a school's history from the log, read-only.
public struct Timeline {
  let log: EventLog

  public init(log: EventLog) {
    self.log = log
  }

  /// The school's events with occurred dates in `from...to` (both optional), in occurred
  /// order, ties in sequence order; voided events are kept and linked to their void.
  public func entries(school: String, from: String? = nil, to: String? = nil) throws
    -> [TimelineEntry]
  {
    try log.read { reader in
      var events: [RecordedEvent] = []
      for sequence in try reader.sequences(inStream: school) {
        if let event = try reader.event(at: sequence) { events.append(event) }
      }
      var voidsByTarget: [String: (RecordedEvent, EventVoided)] = [:]
      for event in events {
        if case .eventVoided(let void) = event.payload {
          voidsByTarget[void.voidedEventId] = (event, void)
        }
      }
      let selected = events.filter { event in
        (from.map { event.envelope.occurredOn >= $0 } ?? true)
          && (to.map { event.envelope.occurredOn <= $0 } ?? true)
      }
      return try selected.map { event in
        var entry = TimelineEntry(
          sequence: event.sequence, occurredOn: event.envelope.occurredOn,
          occurredAt: event.envelope.occurredAt, recordedAt: event.recordedAt.description,
          type: event.type.rawValue, eventId: event.id, actor: event.envelope.actor,
          summary: EventSummary.line(event.payload))
        if let (void, payload) = voidsByTarget[event.id] {
          entry.voidedBy = VoidLink(
            sequence: void.sequence, eventId: void.id, reason: payload.reason)
        }
        if case .eventVoided(let payload) = event.payload {
          entry.voids = VoidLink(
            sequence: try reader.sequence(ofEventId: payload.voidedEventId),
            eventId: payload.voidedEventId, reason: payload.reason)
        }
        return entry
      }.sorted { ($0.occurredOn, $0.sequence) < ($1.occurredOn, $1.sequence) }
    }
  }
}

extension TimelineEntry {
  init(
    sequence: UInt64, occurredOn: String, occurredAt: String?, recordedAt: String, type: String,
    eventId: String, actor: String, summary: String
  ) {
    self.init(
      sequence: sequence, occurredOn: occurredOn, occurredAt: occurredAt, recordedAt: recordedAt,
      type: type, eventId: eventId, actor: actor, summary: summary, voidedBy: nil, voids: nil)
  }
}
