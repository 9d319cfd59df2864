import LedgerEvents

/// A school's instructional days, from its latest published calendar per academic year.
struct SchoolCalendar {
  struct Session {
    let begin: String
    let end: String
    let days: Int
    let dates: Set<String>?
  }

  let sessions: [Session]

  init(_ facts: SchoolFacts) {
    var latest: [String: SchoolFacts.Calendar] = [:]
    for calendar in facts.calendars.values
    where latest[calendar.academicYear].map({ $0.sequence < calendar.sequence }) ?? true {
      latest[calendar.academicYear] = calendar
    }
    sessions = latest.values.flatMap(\.sessions).map {
      Session(
        begin: $0.beginDate, end: $0.endDate, days: $0.instructionalDays,
        dates: $0.instructionalDates.map(Set.init))
    }
  }

  var instructionalDays: Int { sessions.reduce(0) { $0 + $1.days } }

  /// The instructional dates of the sessions that list them.
  var listedDates: Set<String> {
    Set(sessions.lazy.compactMap(\.dates).joined())
  }

  /// Whether `date` is a school day: listed, or within a session that lists no dates.
  func isInstructional(_ date: String) -> Bool {
    sessions.contains { session in
      session.dates.map { $0.contains(date) } ?? (session.begin...session.end).contains(date)
    }
  }

  /// Instructional days inside the enrolment intervals, or nil when a session without a
  /// date list is only partly covered (its days cannot then be counted).
  func enrolledDays(_ intervals: [ClosedRange<String>]) -> Int? {
    var total = 0
    for session in sessions {
      if let dates = session.dates {
        total += dates.filter { date in intervals.contains { $0.contains(date) } }.count
        continue
      }
      for interval in intervals where interval.overlaps(session.begin...session.end) {
        guard interval.lowerBound <= session.begin, interval.upperBound >= session.end else {
          return nil
        }
        total += session.days
      }
    }
    return total
  }
}
