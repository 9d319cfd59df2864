import LedgerEvents

/// An event produced from an input record, with where it came from.
public struct PendingEvent: Sendable {
  public var envelope: EventEnvelope
  /// The input record it came from, as in ``ImportError/record``.
  public var record: String
  /// The file it came from; the importer fills it in.
  public var file: String

  public init(envelope: EventEnvelope, record: String, file: String = "") {
    self.envelope = envelope
    self.record = record
    self.file = file
  }
}

/// Kinds of gap in the data that are reported rather than hidden (DOMAIN.md).
public enum DataGapKind: String, Sendable, CaseIterable, Codable {
  /// Attendance for a student the ledger has no enrolment for.
  case attendanceWithoutEnrolment = "attendance-without-enrolment"
  /// An assessment result whose student has no known school; not appended, since every
  /// event belongs to a school stream.
  case assessmentWithoutSchool = "assessment-without-school"
  /// A date outside every session of the school's calendar.
  case dateOutsideSessions = "date-outside-sessions"
}

/// One gap found while reading a file.
public struct DataGap: Sendable, Equatable {
  public var kind: DataGapKind
  public var file: String
  public var record: String
  public var detail: String

  public init(kind: DataGapKind, file: String, record: String, detail: String) {
    self.kind = kind
    self.file = file
    self.record = record
    self.detail = detail
  }
}

/// What a reader made of one file.
public struct ParsedFile: Sendable {
  public var file: String
  /// What kind of file it was, e.g. `Ed-Fi StudentAttendance` or `JSON Lines`.
  public var kind: String
  public var recordsRead: Int
  public var events: [PendingEvent]
  public var gaps: [DataGap]

  public init(
    file: String, kind: String, recordsRead: Int, events: [PendingEvent], gaps: [DataGap] = []
  ) {
    self.file = file
    self.kind = kind
    self.recordsRead = recordsRead
    self.events = events
    self.gaps = gaps
  }
}

/// What readers share during one import run.
public struct ImportContext: Sendable {
  /// Turns source student ids into pseudonymous keys.
  public let pseudonyms: PseudonymousKey
  /// Who the imported events are asserted by, e.g. `importer:ed-fi`.
  public let actor: String
  /// Correlation id shared by every event of this run.
  public let correlation: String?
  /// Student key to school code, learnt from files read earlier in this run.
  public var studentSchools: [String: String] = [:]
  /// Schools registered by files read earlier in this run.
  public var schools: Set<String> = []
  /// Student key to school code, from events already in the log.
  public let knownStudentSchool: @Sendable (String) -> String?
  /// Whether a code names a school the log already holds events for.
  public let knownSchool: @Sendable (String) -> Bool

  public init(
    pseudonyms: PseudonymousKey, actor: String, correlation: String? = nil,
    knownStudentSchool: @escaping @Sendable (String) -> String? = { _ in nil },
    knownSchool: @escaping @Sendable (String) -> Bool = { _ in false }
  ) {
    self.pseudonyms = pseudonyms
    self.actor = actor
    self.correlation = correlation
    self.knownStudentSchool = knownStudentSchool
    self.knownSchool = knownSchool
  }

  /// Whether `code` is a school, from this run or from the log.
  public func isSchool(_ code: String) -> Bool {
    schools.contains(code) || knownSchool(code)
  }

  /// The school a student belongs to, from this run or from the log.
  public func school(ofStudent key: String) -> String? {
    studentSchools[key] ?? knownStudentSchool(key)
  }
}
