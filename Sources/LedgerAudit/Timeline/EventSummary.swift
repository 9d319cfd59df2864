import LedgerEvents

/// One human line per event, for timelines. Student keys are shortened to their first
/// twelve characters, which is enough to tell students apart on one screen.
enum EventSummary {
  static func line(_ payload: EventPayload) -> String {
    switch payload {
    case .schoolRegistered(let p):
      return "school \(p.schoolCode) registered as \(p.name)"
    case .schoolJoinedGroup(let p):
      return "joined \(p.groupKind.rawValue) \(p.groupId) from \(p.effectiveDate)"
    case .schoolLeftGroup(let p):
      return "left \(p.groupKind.rawValue) \(p.groupId) from \(p.effectiveDate)"
    case .schoolDesignatedModel(let p):
      return "designated a model school for \(p.academicYear)"
    case .calendarPublished(let p):
      let days = p.sessions.reduce(0) { $0 + $1.instructionalDays }
      return "calendar \(p.academicYear): \(p.sessions.count) sessions, \(days) days"
    case .studentEnrolled(let p):
      return "\(short(p.studentKey)) enrolled in \(p.gradeLevel) from \(p.entryDate)"
    case .studentExited(let p):
      return "\(short(p.studentKey)) exited (\(p.exitType.rawValue)) on \(p.exitDate)"
    case .attendanceRecorded(let p):
      let part = p.duration == 1 ? "" : " (\(p.duration) day)"
      return "\(short(p.studentKey)) \(p.category.rawValue)\(part) on \(p.date)"
    case .planAdopted(let p):
      return "plan \(p.planId) adopted for \(p.academicYear) with \(p.goals.count) goals"
    case .planGoalSet(let p):
      return "plan \(p.planId) goal \(p.goal.goalId): \(p.goal.baseline) -> \(p.goal.target)"
    case .planProgressReported(let p):
      return "plan \(p.planId) goal \(p.goalId) at \(p.value) as of \(p.asOf)"
    case .selfAssessmentSubmitted(let p):
      return "self-assessment for \(p.academicYear): \(p.rating)"
    case .interventionDefined(let p):
      return "intervention \(p.interventionId) (\(p.delivery.rawValue)) defined"
    case .interventionStudentAssigned(let p):
      return "\(short(p.studentKey)) assigned to \(p.interventionId)"
    case .interventionSessionHeld(let p):
      let who =
        p.studentKeys.count == 1 ? short(p.studentKeys[0]) : "\(p.studentKeys.count) students"
      return "\(p.kind.rawValue) for \(who), \(p.dosageMinutes) min"
    case .interventionEnded(let p):
      return "intervention \(p.interventionId) ended \(p.endDate)"
    case .assessmentDefined(let p):
      return "assessment \(p.assessmentId) (\(p.subject)) defined"
    case .studentAssessed(let p):
      let score = p.scores.first.map { "\($0.value) \($0.reportingMethod)" } ?? ""
      return "\(short(p.studentKey)) assessed on \(p.assessmentId): \(score)"
    case .studentFlaggedAtRisk(let p):
      let reasons = p.reasons.map(\.rawValue).joined(separator: ", ")
      return "\(short(p.studentKey)) flagged at risk (\(reasons)) by \(p.rule) v\(p.ruleVersion)"
    case .riskCleared(let p):
      return "\(short(p.studentKey)) risk cleared (\(p.rule))"
    case .eventVoided(let p):
      return "voids \(p.voidedEventId): \(p.reason)"
    }
  }

  private static func short(_ key: String) -> String { String(key.prefix(12)) }
}
