/// What changed in whole-school progress between two points of the log.
public struct ProgressDiff: Codable, Sendable, Equatable {
  /// The earlier sequence (A).
  public var from: UInt64
  /// The later sequence (B).
  public var to: UInt64
  /// Schools with at least one changed field, in school-code order.
  public var schools: [SchoolChanges]
}

/// One school's changed fields.
public struct SchoolChanges: Codable, Sendable, Equatable {
  /// The school code.
  public var school: String
  /// Changed fields in name order.
  public var changes: [FieldChange]

  /// `school`'s changed fields.
  public init(school: String, changes: [FieldChange]) {
    self.school = school
    self.changes = changes
  }
}

/// One field whose value differs between A and B, and the events that changed it.
public struct FieldChange: Codable, Sendable, Equatable {
  /// Dotted field name, as in `query --format json` (`attendanceEvents.tardy`).
  public var field: String
  /// The value at A; nil when there was none (no row yet, an empty ratio, no such key).
  public var before: FieldValue?
  /// The value at B; nil when there is none.
  public var after: FieldValue?
  /// Sequences in (A, B] of the events the projection read for this school (and, for
  /// `learningGain`, the definitions of its assessments), in log order.
  public var events: [UInt64]

  /// A change of `field` from `before` to `after`, caused by `events`.
  public init(field: String, before: FieldValue?, after: FieldValue?, events: [UInt64]) {
    self.field = field
    self.before = before
    self.after = after
    self.events = events
  }

  private enum CodingKeys: String, CodingKey {
    case field, before, after, events
  }

  /// Reads a change; a missing `before` or `after` is none.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    field = try container.decode(String.self, forKey: .field)
    before = try container.decodeIfPresent(FieldValue.self, forKey: .before)
    after = try container.decodeIfPresent(FieldValue.self, forKey: .after)
    events = try container.decode([UInt64].self, forKey: .events)
  }

  /// Writes a missing value as `null` rather than leaving the member out, so that every
  /// change has the same four members.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(field, forKey: .field)
    try container.encode(before, forKey: .before)
    try container.encode(after, forKey: .after)
    try container.encode(events, forKey: .events)
  }
}
