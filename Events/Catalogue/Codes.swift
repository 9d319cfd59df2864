/// Attendance categories, after Ed-Fi's AttendanceEventCategoryDescriptor.
public enum AttendanceCategory: String, CaseIterable, Codable, Sendable {
  case present
  case excusedAbsence = "excused-absence"
  case unexcusedAbsence = "unexcused-absence"
  case tardy
  case earlyDeparture = "early-departure"
  case partial

  /// Whether this category counts towards absent days (DOMAIN.md: tardy and early
  /// departure are not absences).
  public var isAbsence: Bool {
    self == .excusedAbsence || self == .unexcusedAbsence
  }
}

/// Why a student left a school.
public enum ExitType: String, CaseIterable, Codable, Sendable {
  case completed, transferred, dropout, died, other
}

/// Kinds of grouping a school can belong to.
public enum GroupKind: String, CaseIterable, Codable, Sendable {
  case network
  case serviceArea = "service-area"
  case schoolGroup = "school-group"
  case district
  case other
}

/// Intervention class, after Ed-Fi's InterventionClassDescriptor.
public enum InterventionClass: String, CaseIterable, Codable, Sendable {
  case curriculum, practice, supplement, other
}

/// How an intervention is delivered, after Ed-Fi's DeliveryMethodDescriptor.
public enum DeliveryMethod: String, CaseIterable, Codable, Sendable {
  case individual
  case smallGroup = "small-group"
  case wholeClass = "whole-class"
  case wholeSchool = "whole-school"
}

/// What kind of session was held.
public enum SessionKind: String, CaseIterable, Codable, Sendable {
  case tutoring
  case homeVisit = "home-visit"
  case coaching
  case plcMeeting = "plc-meeting"
  case classroomObservation = "classroom-observation"
  case other
}

/// When in the year an assessment was administered.
public enum AssessmentPeriod: String, CaseIterable, Codable, Sendable {
  case beginningOfYear = "beginning-of-year"
  case middleOfYear = "middle-of-year"
  case endOfYear = "end-of-year"
  case other
}

/// Why a student is flagged for close care.
public enum RiskReason: String, CaseIterable, Codable, Sendable {
  case chronicAbsence = "chronic-absence"
  case lowAttainment = "low-attainment"
  case poverty
  case dropoutRisk = "dropout-risk"
  case other
}
