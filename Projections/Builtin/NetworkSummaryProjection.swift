import LedgerEvents

/// Network summary: which schools belong to which support network (or other grouping) on
/// which dates, and which schools are model schools from when.
///
/// Rows: `school/<code>` (``GroupMembershipFacts``), every membership change and model
/// designation keyed by the id of the event that made it, so that voiding an event removes
/// exactly what it added. The summary itself (``NetworkSummaryReport``) is derived when
/// queried: membership as of a date from these rows, and the totals by summing the member
/// schools' school-progress rows (``SchoolProgressReport``) read in the same snapshot.
public struct NetworkSummaryProjection: Projection {
  public let name = "network-summary"
  public let version = 1
  public let eventTypes: Set<EventType> = [
    .schoolJoinedGroup, .schoolLeftGroup, .schoolDesignatedModel,
  ]

  public init() {}

  public func apply(_ event: RecordedEvent, to model: inout ReadModelWriter) throws {
    let id = event.id
    func facts(_ change: (inout GroupMembershipFacts) -> Void) throws {
      try model.update("school/" + event.stream, default: GroupMembershipFacts(), change)
    }
    switch event.payload {
    case .schoolJoinedGroup(let p):
      try facts {
        $0.changes[id] = .init(
          sequence: event.sequence, groupKind: p.groupKind, groupId: p.groupId,
          groupName: p.groupName, joined: true, effectiveDate: p.effectiveDate)
      }
    case .schoolLeftGroup(let p):
      try facts {
        $0.changes[id] = .init(
          sequence: event.sequence, groupKind: p.groupKind, groupId: p.groupId, groupName: nil,
          joined: false, effectiveDate: p.effectiveDate)
      }
    case .schoolDesignatedModel(let p):
      try facts {
        $0.modelDesignations[id] = .init(
          academicYear: p.academicYear, effectiveDate: p.effectiveDate)
      }
    default:
      break
    }
  }

  public func retract(_ voided: RecordedEvent, to model: inout ReadModelWriter) throws {
    let key = "school/" + voided.stream
    try model.updateIfPresent(key, as: GroupMembershipFacts.self) {
      $0.changes[voided.id] = nil
      $0.modelDesignations[voided.id] = nil
    }
    if try model.row(key, as: GroupMembershipFacts.self)?.isEmpty == true {
      model.delete(key)
    }
  }
}

/// What the network-summary projection keeps per school (row `school/<code>`).
public struct GroupMembershipFacts: Codable, Sendable, Equatable {
  /// A school joining or leaving a grouping from a date.
  public struct Change: Codable, Sendable, Equatable {
    public var sequence: UInt64
    public var groupKind: GroupKind
    public var groupId: String
    /// The grouping's name as the joining event gave it; nil on leaving.
    public var groupName: String?
    public var joined: Bool
    public var effectiveDate: String
  }
  /// A designation as model (lead) school for an academic year, from a date.
  public struct Designation: Codable, Sendable, Equatable {
    public var academicYear: String
    public var effectiveDate: String
  }

  /// Membership changes by event id.
  public var changes: [String: Change] = [:]
  /// Model-school designations by event id.
  public var modelDesignations: [String: Designation] = [:]

  public init() {}

  var isEmpty: Bool { changes.isEmpty && modelDesignations.isEmpty }

  /// The groupings (kind and id) the school belongs to on `date`: for each grouping, the
  /// change with the latest effective date on or before `date` (ties: the later in the log)
  /// decides. A school that left on `date` is no longer a member on that date.
  public func groups(asOf date: String) -> Set<GroupKey> {
    var latest: [GroupKey: Change] = [:]
    for change in changes.values where change.effectiveDate <= date {
      let key = GroupKey(kind: change.groupKind, id: change.groupId)
      if latest[key].map({
        ($0.effectiveDate, $0.sequence) < (change.effectiveDate, change.sequence)
      }) ?? true {
        latest[key] = change
      }
    }
    return Set(latest.filter { $0.value.joined }.keys)
  }

  /// Whether a model-school designation took effect on or before `date`.
  public func isModelSchool(asOf date: String) -> Bool {
    modelDesignations.values.contains { $0.effectiveDate <= date }
  }
}

/// A grouping of schools: its kind (network, service area, ...) and id.
public struct GroupKey: Hashable, Comparable, Sendable, Codable {
  public var kind: GroupKind
  public var id: String

  public init(kind: GroupKind, id: String) {
    self.kind = kind
    self.id = id
  }

  public static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
    (lhs.kind.rawValue, lhs.id) < (rhs.kind.rawValue, rhs.id)
  }
}
