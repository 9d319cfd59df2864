import LedgerEvents
import LedgerStore

/// One row of a school's timeline.
public struct TimelineEntry: Codable, Sendable, Equatable {
  /// The event's position in the log.
  public var sequence: UInt64
  /// The school day it happened, `YYYY-MM-DD`.
  public var occurredOn: String
  /// The time of day it happened, when the source knows it.
  public var occurredAt: String?
  /// When the ledger stored it, UTC with microseconds.
  public var recordedAt: String
  /// The event type, `family.fact`.
  public var type: String
  /// The event's id, from its source's natural key.
  public var eventId: String
  /// Who asserted it.
  public var actor: String
  /// One human line; student keys shortened to 12 characters.
  public var summary: String
  /// Set when a later event voided this one.
  public var voidedBy: VoidLink?
  /// Set on a voiding event: the event it voids.
  public var voids: VoidLink?
}

/// The other end of a void, with its reason.
public struct VoidLink: Codable, Sendable, Equatable {
  /// The other event's sequence; nil only if the log's id index lost it.
  public var sequence: UInt64?
  /// The other event's id.
  public var eventId: String
  /// The reason the void gives.
  public var reason: String

  /// A link to the event at `sequence` with id `eventId`.
  public init(sequence: UInt64?, eventId: String, reason: String) {
    self.sequence = sequence
    self.eventId = eventId
    self.reason = reason
  }
}

/// Rebuilds a school's history from the log, read-only.
public struct Timeline {
  let log: EventLog

  /// A timeline reader over `log`, which may be opened read-only.
  public init(log: EventLog) {
    self.log = log
  }

  /// The school's events that pass `filter`, in occurred-date order, ties in sequence order.
  ///
  /// All of it is read from one snapshot. Voided events are kept and linked to their void,
  /// but only to a void inside the filter's cut: as of a cut, a void recorded later had not
  /// happened yet.
  public func entries(school: String, filter: TimelineFilter = TimelineFilter()) throws
    -> [TimelineEntry]
  {
    try log.read { reader in
      let events = try Self.events(inStream: school, cut: filter.cut, reader)
      var voidsByTarget: [String: (event: RecordedEvent, payload: EventVoided)] = [:]
      var eventsById: [String: RecordedEvent] = [:]
      for event in events {
        eventsById[event.id] = event
        // The first void is the one that removed the event; a second one changes nothing.
        if case .eventVoided(let void) = event.payload, voidsByTarget[void.voidedEventId] == nil {
          voidsByTarget[void.voidedEventId] = (event, void)
        }
      }
      let selected = events.filter { event in
        guard case .eventVoided(let void) = event.payload else {
          return filter.selects(event, voiding: nil)
        }
        return filter.selects(event, voiding: eventsById[void.voidedEventId])
      }
      return try selected.map { event in
        var entry = TimelineEntry(event)
        if let void = voidsByTarget[event.id] {
          entry.voidedBy = VoidLink(
            sequence: void.event.sequence, eventId: void.event.id, reason: void.payload.reason)
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

  /// The distinct student keys in the school's events (within `cut`) that start with
  /// `prefix`, sorted: lets a caller tell whether a shortened key is ambiguous.
  public func students(school: String, matching prefix: String, cut: LogCut? = nil) throws
    -> [String]
  {
    try log.read { reader in
      let events = try Self.events(inStream: school, cut: cut, reader)
      let keys = events.flatMap(\.payload.studentKeys).filter { $0.hasPrefix(prefix) }
      return Set(keys).sorted()
    }
  }

  /// The stream's events inside the cut, in stream (and so log) order.
  static func events(inStream stream: String, cut: LogCut?, _ reader: LogReader) throws
    -> [RecordedEvent]
  {
    let last = try cut?.lastSequence(in: reader) ?? .max
    var events: [RecordedEvent] = []
    for sequence in try reader.sequences(inStream: stream) where sequence <= last {
      if let event = try reader.event(at: sequence) { events.append(event) }
    }
    return events
  }
}

extension TimelineEntry {
  /// The entry of `event`, without void links.
  init(_ event: RecordedEvent) {
    self.init(
      sequence: event.sequence, occurredOn: event.envelope.occurredOn,
      occurredAt: event.envelope.occurredAt, recordedAt: event.recordedAt.description,
      type: event.type.rawValue, eventId: event.id, actor: event.envelope.actor,
      summary: EventSummary.line(event.payload), voidedBy: nil, voids: nil)
  }
}
