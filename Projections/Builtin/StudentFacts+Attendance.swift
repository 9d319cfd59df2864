import LedgerEvents

/// One student's attendance at one school by DOMAIN.md's definitions, computed from the
/// school-progress facts. Every read model that shows attendance uses this, so that the
/// numbers agree everywhere.
public struct StudentAttendance: Sendable, Equatable {
  /// Instructional days between entry and exit (both inclusive), or nil when a session
  /// without a list of dates is only partly covered and its days cannot be counted.
  public var enrolledDays: Int?
  /// Excused and unexcused absences on instructional days within enrolment, weighted by
  /// duration, at most one per date; 0 when `enrolledDays` is nil.
  public var absentDays: Double
  /// Absences on instructional days outside every enrolment (a data gap); 0 when
  /// `enrolledDays` is nil.
  public var absencesOutsideEnrolment: Int

  /// (enrolled − absent) / enrolled, or nil without countable enrolled days.
  public var attendanceRate: Double? {
    guard let enrolledDays, enrolledDays > 0 else { return nil }
    return (Double(enrolledDays) - absentDays) / Double(enrolledDays)
  }

  /// Absent on `threshold` or more of enrolled days (CEDS 002022).
  ///
  /// Fractional durations summed in binary floating point can land a hair below their exact
  /// value (0.7 + 0.6 + 0.7 gives 1.9999999999999998), which would leave a student at
  /// exactly the threshold uncounted; the comparison allows for that rounding.
  public func isChronicallyAbsent(threshold: Double) -> Bool {
    guard let enrolledDays, enrolledDays > 0 else { return false }
    return absentDays / Double(enrolledDays) >= threshold - 1e-9
  }
}

extension StudentFacts {
  /// Entry-to-exit date ranges, each enrolment ending at the first exit on or after it,
  /// merged where they overlap so that no day is counted twice (a student enrolled twice
  /// without an exit in between is enrolled once).
  public var enrolmentIntervals: [ClosedRange<String>] {
    let exits = exits.values.map(\.exitDate).sorted()
    let intervals = enrolments.values.map(\.entryDate).sorted().map { entry in
      entry...(exits.first { $0 >= entry } ?? "9999-12-31")
    }
    var merged: [ClosedRange<String>] = []
    for interval in intervals {
      if let last = merged.last, interval.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, interval.upperBound)
      } else {
        merged.append(interval)
      }
    }
    return merged
  }

  /// Whether an enrolment covers `date`.
  public func isEnrolled(on date: String) -> Bool {
    enrolmentIntervals.contains { $0.contains(date) }
  }

  /// The student's enrolled and absent days on `calendar`, or nil when never enrolled.
  func attendance(on calendar: SchoolCalendar) -> StudentAttendance? {
    guard !enrolments.isEmpty else { return nil }
    let intervals = enrolmentIntervals
    guard let enrolled = calendar.enrolledDays(intervals) else {
      return StudentAttendance(enrolledDays: nil, absentDays: 0, absencesOutsideEnrolment: 0)
    }
    // Marks in event-id order and dates in date order: dictionaries iterate in a per-process
    // random order, and floating-point sums taken in another order can differ in the last
    // digit.
    var absentByDate: [String: Double] = [:]
    var outside = 0
    for mark in attendance.sorted(by: { $0.key < $1.key }).map(\.value)
    where mark.category.isAbsence && calendar.isInstructional(mark.date) {
      guard intervals.contains(where: { $0.contains(mark.date) }) else {
        outside += 1
        continue
      }
      absentByDate[mark.date, default: 0] += mark.duration
    }
    let absent = absentByDate.sorted { $0.key < $1.key }.reduce(0) { $0 + min($1.value, 1) }
    return StudentAttendance(
      enrolledDays: enrolled, absentDays: absent, absencesOutsideEnrolment: outside)
  }
}

extension SchoolFacts {
  /// The name from the latest registration, if any.
  public var latestName: String? {
    names.values.max { $0.sequence < $1.sequence }?.name
  }
}
