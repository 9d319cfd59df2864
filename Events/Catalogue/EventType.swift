/// Every kind of fact the ledger records, named `family.fact`.
///
/// The raw value is what the log stores in an event's `type` field; it never changes once
/// released. A new meaning gets a new case, and an old shape gets a new schema version with
/// an upcaster, never an edit in place.
public enum EventType: String, CaseIterable, Codable, Sendable, Comparable {
  case schoolRegistered = "registry.school-registered"
  case schoolJoinedGroup = "registry.school-joined-group"
  case schoolLeftGroup = "registry.school-left-group"
  case schoolDesignatedModel = "registry.school-designated-model"
  case calendarPublished = "registry.calendar-published"
  case studentEnrolled = "enrolment.student-enrolled"
  case studentExited = "enrolment.student-exited"
  case attendanceRecorded = "attendance.recorded"
  case planAdopted = "plan.adopted"
  case planGoalSet = "plan.goal-set"
  case planProgressReported = "plan.progress-reported"
  case selfAssessmentSubmitted = "plan.self-assessment-submitted"
  case interventionDefined = "intervention.defined"
  case interventionStudentAssigned = "intervention.student-assigned"
  case interventionSessionHeld = "intervention.session-held"
  case interventionEnded = "intervention.ended"
  case assessmentDefined = "assessment.defined"
  case studentAssessed = "assessment.student-assessed"
  case studentFlaggedAtRisk = "care.student-flagged"
  case riskCleared = "care.risk-cleared"
  case eventVoided = "correction.event-voided"

  /// The family a type belongs to: the part of its name before the dot.
  public var family: String {
    String(rawValue.prefix { $0 != "." })
  }

  /// The schema version that new events of this type are written with.
  public var currentSchemaVersion: Int { 1 }

  public static func < (lhs: EventType, rhs: EventType) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
