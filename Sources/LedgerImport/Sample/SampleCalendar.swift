import LedgerEvents

/// The calendar every sample school follows: Thai academic year B.E. 2567.
///
/// Term 1 runs 2024-05-16 to 2024-10-11 and term 2 2024-11-01 to 2025-03-31, the usual
/// shape of a Thai school year. Instructional days are the weekdays of the terms except the
/// public holidays listed in ``holidays``; schools in the sample publish these dates
/// explicitly, so enrolled days can be counted for students who join or leave mid-year.
///
/// Dates are handled as offsets in days from ``firstDay`` so that the generator indexes
/// arrays instead of building dates, and every date's ISO text is made once here.
struct SampleCalendar: Sendable {
  /// The academic year's name, by the B.E. year it starts in.
  static let academicYear = "2567"

  /// Public holidays that fall on weekdays within the terms (the substitution day where the
  /// holiday itself falls on a weekend).
  static let holidays: [String] = [
    "2024-05-22",  // Visakha Bucha Day
    "2024-06-03",  // Queen Suthida's Birthday
    "2024-07-22",  // substitution for Asarnha Bucha and Buddhist Lent (20-21 July)
    "2024-07-29",  // substitution for King Vajiralongkorn's Birthday (28 July)
    "2024-08-12",  // Queen Mother Sirikit's Birthday, Mother's Day
    "2024-12-05",  // King Bhumibol's Birthday, Father's Day
    "2024-12-10",  // Constitution Day
    "2024-12-31",  // New Year's Eve
    "2025-01-01",  // New Year's Day
    "2025-02-12",  // Makha Bucha Day
  ]

  /// One term of the year.
  struct Term: Sendable {
    var name: String
    var begin: LocalDate
    var end: LocalDate
  }

  static let terms: [Term] = [
    Term(name: "ภาคเรียนที่ 1", begin: date(2024, 5, 16), end: date(2024, 10, 11)),
    Term(name: "ภาคเรียนที่ 2", begin: date(2024, 11, 1), end: date(2025, 3, 31)),
  ]

  /// The day the programme's registry is set up, before the first term opens.
  static let registryDay = date(2024, 5, 1)

  /// Day 0 of the offsets: the registry day.
  let firstDay: LocalDate
  /// ISO text of every day from ``firstDay`` to the end of the year, by offset.
  let dayText: [String]
  /// Offsets of the instructional days, in order; an instructional day's index in this array
  /// is what the generator counts school days with.
  let instructionalOffsets: [Int]
  /// For every instructional day, whether it belongs to term 1.
  let isTermOne: [Bool]
  /// The last instructional day of term 1, when mid-year progress is reported.
  let lastDayOfTermOne: Int
  /// The calendar event's payload, shared by every school.
  let publication: CalendarPublished
  /// Instructional days on which weekly tutoring is held: the first school day from Wednesday
  /// on in each week, so that a holiday moves the session rather than dropping it.
  let isTutoringDay: [Bool]
  /// Instructional days of the monthly PLC meeting: the first school day on or after the 15th.
  let isMeetingDay: [Bool]
  /// Instructional days of the network coach's monthly visit: the first school day on or after
  /// the 8th.
  let isCoachingDay: [Bool]

  init() {
    let first = Self.registryDay
    let last = Self.terms[Self.terms.count - 1].end
    let dayCount = last.daysSinceEpoch - first.daysSinceEpoch + 1
    let holidays = Set(Self.holidays)

    var dayText: [String] = []
    dayText.reserveCapacity(dayCount)
    for offset in 0..<dayCount {
      dayText.append(first.adding(days: offset).description)
    }

    var offsets: [Int] = []
    var termOne: [Bool] = []
    var sessions: [CalendarSession] = []
    for (termIndex, term) in Self.terms.enumerated() {
      var dates: [String] = []
      let begin = term.begin.daysSinceEpoch - first.daysSinceEpoch
      let end = term.end.daysSinceEpoch - first.daysSinceEpoch
      for offset in begin...end {
        let day = first.adding(days: offset)
        guard day.isoWeekday <= 5, !holidays.contains(dayText[offset]) else { continue }
        offsets.append(offset)
        termOne.append(termIndex == 0)
        dates.append(dayText[offset])
      }
      sessions.append(
        CalendarSession(
          name: term.name, beginDate: dayText[begin], endDate: dayText[end],
          instructionalDays: dates.count, instructionalDates: dates))
    }

    self.firstDay = first
    self.dayText = dayText
    self.instructionalOffsets = offsets
    self.isTermOne = termOne
    self.lastDayOfTermOne = termOne.lastIndex(of: true) ?? 0
    self.publication = CalendarPublished(academicYear: Self.academicYear, sessions: sessions)

    let days = offsets.map { first.adding(days: $0) }
    isTutoringDay = Self.firstOfEachPeriod(days) { day in
      day.isoWeekday >= 3 ? (day.daysSinceEpoch + 3) / 7 : nil
    }
    isMeetingDay = Self.firstOfEachPeriod(days) { $0.day >= 15 ? $0.year * 12 + $0.month : nil }
    isCoachingDay = Self.firstOfEachPeriod(days) { $0.day >= 8 ? $0.year * 12 + $0.month : nil }
  }

  /// Marks the first day of each period, where `period` names a day's period (a week, a
  /// month) or nil for days too early in it to count.
  private static func firstOfEachPeriod(
    _ days: [LocalDate], period: (LocalDate) -> Int?
  ) -> [Bool] {
    var marks = [Bool](repeating: false, count: days.count)
    var lastPeriod: Int?
    for (index, day) in days.enumerated() {
      guard let current = period(day), current != lastPeriod else { continue }
      marks[index] = true
      lastPeriod = current
    }
    return marks
  }

  /// How many instructional days the year has.
  var instructionalDayCount: Int { instructionalOffsets.count }

  /// The offset of the last day of the year.
  var lastOffset: Int { dayText.count - 1 }

  /// The ISO text of instructional day `index`.
  func text(ofInstructionalDay index: Int) -> String {
    dayText[instructionalOffsets[index]]
  }

  /// The index of the first instructional day on or after `date`, or the last one.
  func instructionalDay(onOrAfter date: LocalDate) -> Int {
    let offset = date.daysSinceEpoch - firstDay.daysSinceEpoch
    return instructionalOffsets.firstIndex { $0 >= offset } ?? instructionalOffsets.count - 1
  }

  /// A date written out in this code. Such dates exist, and a typo would show at once in the
  /// tests, so the fallback to the epoch (rather than a trap) is never reached.
  static func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
    LocalDate(year: year, month: month, day: day) ?? LocalDate(daysSinceEpoch: 0)
  }
}
