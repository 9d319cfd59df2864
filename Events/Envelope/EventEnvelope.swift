/// Where an event came from: the source system and the record's natural key in it.
public struct EventSource: Codable, Sendable, Equatable, Hashable {
  /// The system the fact was taken from, e.g. `edfi-grand-bend` or `school-ledger-cli`.
  public var system: String
  /// The source record's own key, from which the event id is derived.
  public var naturalKey: String

  public init(system: String, naturalKey: String) {
    self.system = system
    self.naturalKey = naturalKey
  }
}

/// An event as asserted by its source, before the ledger stores it.
///
/// The ledger adds the sequence number, the stream version and the recorded time when it
/// appends the event (see ``RecordedEvent``). Everything here is what idempotency compares:
/// appending an envelope whose id is already stored with the same content is a no-op.
public struct EventEnvelope: Sendable, Equatable {
  /// Unique id, derived from the source's natural key by importers so that re-imports
  /// append nothing.
  public var id: String
  public var schemaVersion: Int
  /// The school stream the event belongs to: the school code.
  public var stream: String
  /// The school day the event happened on, ISO `YYYY-MM-DD`.
  public var occurredOn: String
  /// The time of day it happened, ISO `HH:MM[:SS]`, when the source knows it.
  public var occurredAt: String?
  /// Who asserted it: a user, a staff role or an importer.
  public var actor: String
  public var source: EventSource
  /// An id shared by events that belong to one action (one import run, one form).
  public var correlation: String?
  public var payload: EventPayload

  /// The event's type, taken from its payload.
  public var type: EventType { payload.type }

  public init(
    id: String, stream: String, occurredOn: String, occurredAt: String? = nil, actor: String,
    source: EventSource, correlation: String? = nil, payload: EventPayload
  ) {
    self.id = id
    self.schemaVersion = payload.type.currentSchemaVersion
    self.stream = stream
    self.occurredOn = occurredOn
    self.occurredAt = occurredAt
    self.actor = actor
    self.source = source
    self.correlation = correlation
    self.payload = payload
  }
}

/// An event as the log holds it: the envelope plus what the ledger assigned on append.
public struct RecordedEvent: Sendable, Equatable {
  public var envelope: EventEnvelope
  /// Position in the global log: dense, from 1, in commit order.
  public var sequence: UInt64
  /// Position within the event's school stream, from 1.
  public var streamVersion: UInt64
  /// When the ledger stored it, in microseconds since 1970 UTC; never goes backwards.
  public var recordedAt: Timestamp

  public init(
    envelope: EventEnvelope, sequence: UInt64, streamVersion: UInt64, recordedAt: Timestamp
  ) {
    self.envelope = envelope
    self.sequence = sequence
    self.streamVersion = streamVersion
    self.recordedAt = recordedAt
  }

  public var id: String { envelope.id }
  public var type: EventType { envelope.type }
  public var stream: String { envelope.stream }
  public var payload: EventPayload { envelope.payload }
}

enum EnvelopeKey: String, CodingKey {
  case id, type, schemaVersion, stream, occurredOn, occurredAt, actor, source, correlation
  case payload, sequence, streamVersion, recordedAt
}

extension EventEnvelope: Codable {
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: EnvelopeKey.self)
    let typeName = try container.decode(String.self, forKey: .type)
    guard let type = EventType(rawValue: typeName) else {
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: container, debugDescription: "unknown event type '\(typeName)'")
    }
    id = try container.decode(String.self, forKey: .id)
    schemaVersion =
      try container.decodeIfPresent(Int.self, forKey: .schemaVersion)
      ?? type.currentSchemaVersion
    stream = try container.decode(String.self, forKey: .stream)
    occurredOn = try container.decode(String.self, forKey: .occurredOn)
    occurredAt = try container.decodeIfPresent(String.self, forKey: .occurredAt)
    actor = try container.decode(String.self, forKey: .actor)
    source = try container.decode(EventSource.self, forKey: .source)
    correlation = try container.decodeIfPresent(String.self, forKey: .correlation)
    payload = try EventPayload.decodeBody(
      type: type, schemaVersion: schemaVersion,
      from: try container.superDecoder(forKey: .payload))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: EnvelopeKey.self)
    try container.encode(id, forKey: .id)
    try container.encode(type.rawValue, forKey: .type)
    try container.encode(schemaVersion, forKey: .schemaVersion)
    try container.encode(stream, forKey: .stream)
    try container.encode(occurredOn, forKey: .occurredOn)
    try container.encodeIfPresent(occurredAt, forKey: .occurredAt)
    try container.encode(actor, forKey: .actor)
    try container.encode(source, forKey: .source)
    try container.encodeIfPresent(correlation, forKey: .correlation)
    try payload.encodeBody(to: container.superEncoder(forKey: .payload))
  }
}

extension RecordedEvent: Codable {
  public init(from decoder: any Decoder) throws {
    envelope = try EventEnvelope(from: decoder)
    let container = try decoder.container(keyedBy: EnvelopeKey.self)
    sequence = try container.decode(UInt64.self, forKey: .sequence)
    streamVersion = try container.decode(UInt64.self, forKey: .streamVersion)
    recordedAt = try container.decode(Timestamp.self, forKey: .recordedAt)
  }

  public func encode(to encoder: any Encoder) throws {
    try envelope.encode(to: encoder)
    var container = encoder.container(keyedBy: EnvelopeKey.self)
    try container.encode(sequence, forKey: .sequence)
    try container.encode(streamVersion, forKey: .streamVersion)
    try container.encode(recordedAt, forKey: .recordedAt)
  }
}
