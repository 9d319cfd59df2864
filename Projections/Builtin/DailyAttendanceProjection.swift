import LedgerEvents

/// Daily attendance: every attendance mark of a school on a date, for trends.
///
/// Rows: `day/<code>/<date>` (``DailyMarks``), marks keyed by the id of their event, so that
/// voiding a mark removes exactly it. Counts, membership and the day's attendance rate are
/// derived when queried (``DailyAttendanceReport``), membership and instructional days from
/// the school-progress facts of the same snapshot.
public struct DailyAttendanceProjection: Projection {
  public let name = "daily-attendance"
  public let version = 1
  public let eventTypes: Set<EventType> = [.attendanceRecorded]

  public init() {}

  public func apply(_ event: RecordedEvent, to model: inout ReadModelWriter) throws {
    guard case .attendanceRecorded(let p) = event.payload else { return }
    try model.update("day/\(event.stream)/\(p.date)", default: DailyMarks()) {
      $0.marks[event.id] = .init(
        studentKey: p.studentKey, category: p.category, duration: p.duration)
    }
  }

  public func retract(_ voided: RecordedEvent, to model: inout ReadModelWriter) throws {
    guard case .attendanceRecorded(let p) = voided.payload else { return }
    let key = "day/\(voided.stream)/\(p.date)"
    try model.updateIfPresent(key, as: DailyMarks.self) { $0.marks[voided.id] = nil }
    if try model.row(key, as: DailyMarks.self)?.marks.isEmpty == true { model.delete(key) }
  }
}

/// What the daily-attendance projection keeps per school and date (row `day/<code>/<date>`).
public struct DailyMarks: Codable, Sendable, Equatable {
  public struct Mark: Codable, Sendable, Equatable {
    public var studentKey: String
    public var category: AttendanceCategory
    public var duration: Double
  }

  /// Marks by event id.
  public var marks: [String: Mark] = [:]

  public init() {}
}
