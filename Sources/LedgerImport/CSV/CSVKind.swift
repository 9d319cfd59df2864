import LedgerEvents

/// What a CSV file holds: the value of `--kind`.
public enum CSVKind: String, Sendable, CaseIterable {
  case attendance
  case enrolment
  case assessment
  case interventionSession = "intervention-session"
  case planProgress = "plan-progress"

  /// The fields rows of this kind are read from; other recognised columns are ignored.
  var fields: Set<CSVField> {
    let student: Set<CSVField> = [.nationalId, .studentNumber]
    switch self {
    case .attendance: return student.union([.date, .mark, .duration, .reason])
    case .enrolment:
      return student.union([
        .gradeLevel, .classroom, .entryDate, .entryType, .exitDate, .exitType, .exitReason,
      ])
    case .assessment:
      return student.union([.assessment, .date, .period, .score, .reportingMethod])
        .union([.performanceLevel])
    case .interventionSession:
      return student.union([.date, .sessionKind, .sessionId, .minutes, .intervention])
    case .planProgress: return [.plan, .goal, .value, .date]
    }
  }

  /// The event types records of this kind become, and so the types a re-import of a
  /// register of this kind may void.
  var eventTypes: Set<EventType> {
    switch self {
    case .attendance: [.attendanceRecorded]
    case .enrolment: [.studentEnrolled, .studentExited]
    case .assessment: [.studentAssessed]
    case .interventionSession: [.interventionSessionHeld]
    case .planProgress: [.planProgressReported]
    }
  }
}

/// Attendance category names as the catalogue spells them.
enum AttendanceCategoryName {
  static let all = AttendanceCategory.allCases.map(\.rawValue).joined(separator: ", ")

  static func isKnown(_ name: String) -> Bool {
    AttendanceCategory(rawValue: name) != nil
  }
}
