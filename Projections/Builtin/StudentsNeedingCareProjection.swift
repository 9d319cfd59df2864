import LedgerEvents

/// Students needing care: per student of a school, the risk flags set (with the rule and
/// rule version that set them), the clearances, and the sessions received.
///
/// Rows: `student/<code>/<key>` (``CareFacts``), every contribution keyed by the id of the
/// event that made it, so that voiding an event removes exactly what it added. The list and
/// the aggregates (``StudentsNeedingCareReport``) are derived when queried; attendance comes
/// from the school-progress facts of the same snapshot, computed exactly as school progress
/// computes it.
public struct StudentsNeedingCareProjection: Projection {
  public let name = "students-needing-care"
  public let version = 1
  public let eventTypes: Set<EventType> = [
    .studentFlaggedAtRisk, .riskCleared, .interventionSessionHeld,
  ]

  public init() {}

  public func apply(_ event: RecordedEvent, to model: inout ReadModelWriter) throws {
    let id = event.id
    func student(_ key: String, _ change: (inout CareFacts) -> Void) throws {
      try model.update("student/\(event.stream)/\(key)", default: CareFacts(), change)
    }
    switch event.payload {
    case .studentFlaggedAtRisk(let p):
      try student(p.studentKey) {
        $0.flags[id] = .init(
          date: p.date, reasons: p.reasons, rule: p.rule, ruleVersion: p.ruleVersion)
      }
    case .riskCleared(let p):
      try student(p.studentKey) { $0.clearances[id] = .init(date: p.date, rule: p.rule) }
    case .interventionSessionHeld(let p):
      for key in p.studentKeys {
        try student(key) {
          $0.sessions[id] = .init(kind: p.kind, date: p.date, minutes: p.dosageMinutes)
        }
      }
    default:
      break
    }
  }

  public func retract(_ voided: RecordedEvent, to model: inout ReadModelWriter) throws {
    for key in voided.payload.studentKeys {
      let row = "student/\(voided.stream)/\(key)"
      try model.updateIfPresent(row, as: CareFacts.self) {
        $0.flags[voided.id] = nil
        $0.clearances[voided.id] = nil
        $0.sessions[voided.id] = nil
      }
      if try model.row(row, as: CareFacts.self)?.isEmpty == true { model.delete(row) }
    }
  }
}

/// What the students-needing-care projection keeps per student of a school (row
/// `student/<code>/<key>`).
public struct CareFacts: Codable, Sendable, Equatable {
  public struct Flag: Codable, Sendable, Equatable {
    public var date: String
    public var reasons: [RiskReason]
    public var rule: String
    public var ruleVersion: Int
  }
  public struct Clearance: Codable, Sendable, Equatable {
    public var date: String
    public var rule: String
  }
  public struct Session: Codable, Sendable, Equatable {
    public var kind: SessionKind
    public var date: String
    public var minutes: Int
  }

  /// Risk flags by event id.
  public var flags: [String: Flag] = [:]
  /// Risk clearances by event id.
  public var clearances: [String: Clearance] = [:]
  /// Sessions the student took part in, by event id.
  public var sessions: [String: Session] = [:]

  public init() {}

  var isEmpty: Bool { flags.isEmpty && clearances.isEmpty && sessions.isEmpty }

  /// Whether `flag` is cleared: a clearance by the same rule dated on or
  /// after the flag's date.
  func isCleared(_ flag: Flag) -> Bool {
    clearances.values.contains { $0.rule == flag.rule && $0.date >= flag.date }
  }
}
