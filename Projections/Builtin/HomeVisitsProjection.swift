import LedgerEvents

/// Home visits per school and month: the worked example of docs/PROJECTIONS.md.
///
/// Row key: `<school code>/<YYYY-MM>` of the visit's date. Each row counts the visits held
/// that month (``HomeVisitMonth/visits``), their minutes summed (`minutes`) and the students
/// they reached, one per student per visit (`studentVisits`). Only
/// `intervention.session-held` events of kind `home-visit` count; a voided visit is taken
/// back out, and a month left with no visit has no row.
public struct HomeVisitsProjection: Projection {
  public let name = "home-visits"
  public let version = 1
  public let eventTypes: Set<EventType> = [.interventionSessionHeld]

  public init() {}

  public func apply(_ event: RecordedEvent, to model: inout ReadModelWriter) throws {
    try count(event, sign: 1, in: &model)
  }

  public func retract(_ voided: RecordedEvent, to model: inout ReadModelWriter) throws {
    try count(voided, sign: -1, in: &model)
  }

  /// Adds (`sign` 1) or takes back (`sign` -1) one visit.
  private func count(_ event: RecordedEvent, sign: Int, in model: inout ReadModelWriter) throws {
    guard case .interventionSessionHeld(let session) = event.payload, session.kind == .homeVisit
    else { return }
    let key = "\(event.stream)/\(session.date.prefix(7))"
    var month = try model.row(key, as: HomeVisitMonth.self) ?? HomeVisitMonth()
    month.visits += sign
    month.minutes += sign * session.dosageMinutes
    month.studentVisits += sign * session.studentKeys.count
    if month.visits == 0 { model.delete(key) } else { model.put(key, month) }
  }
}

/// One school's home visits in one month.
public struct HomeVisitMonth: Codable, Sendable, Equatable {
  public var visits = 0
  public var minutes = 0
  public var studentVisits = 0

  public init(visits: Int = 0, minutes: Int = 0, studentVisits: Int = 0) {
    self.visits = visits
    self.minutes = minutes
    self.studentVisits = studentVisits
  }
}
