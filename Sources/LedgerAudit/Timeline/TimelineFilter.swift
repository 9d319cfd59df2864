import LedgerEvents

/// Which of a school's events a timeline shows, and as of when.
///
/// Every condition left nil lets everything through. The cut decides what the ledger held;
/// the other conditions only choose rows from it, so a void is linked to its target even
/// when the filter hides the void itself.
public struct TimelineFilter: Sendable, Equatable {
  /// Earliest occurred date, ISO `YYYY-MM-DD`, inclusive.
  public var from: String?
  /// Latest occurred date, inclusive.
  public var to: String?
  /// Event family: the part of the type before the dot (`attendance`, `correction`, ...).
  public var family: String?
  /// A student key, or its beginning as timelines print it (`stu-5d74eaec`): events naming
  /// that student, and the voids of those events.
  public var student: String?
  /// Exact actor, as stored (`teacher:1010007919-t01`, `importer`).
  public var actor: String?
  /// Show only what the ledger held at this cut; nil: everything up to the head.
  public var cut: LogCut?

  /// A filter; every condition is optional.
  public init(
    from: String? = nil, to: String? = nil, family: String? = nil, student: String? = nil,
    actor: String? = nil, cut: LogCut? = nil
  ) {
    self.from = from
    self.to = to
    self.family = family
    self.student = student
    self.actor = actor
    self.cut = cut
  }

  /// The families event types belong to, in catalogue order.
  public static let families: [String] = EventType.allCases.map(\.family).reduce(into: []) {
    if !$0.contains($1) { $0.append($1) }
  }

  /// Whether `event` passes every condition but the cut. A void passes the student
  /// condition when its `target` names the student.
  func selects(_ event: RecordedEvent, voiding target: RecordedEvent?) -> Bool {
    let envelope = event.envelope
    if let from, envelope.occurredOn < from { return false }
    if let to, envelope.occurredOn > to { return false }
    if let family, event.type.family != family { return false }
    if let actor, envelope.actor != actor { return false }
    guard let student else { return true }
    let names = { (event: RecordedEvent) in
      event.payload.studentKeys.contains { $0.hasPrefix(student) }
    }
    return names(event) || target.map(names) == true
  }
}
