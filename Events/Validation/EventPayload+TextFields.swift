extension EventPayload {
  /// Every free-text and identifier field of the payload with its path, for the checks
  /// that apply to all text (no personal data, no control characters, NFC). Student keys
  /// are not listed: they have a stricter check of their own.
  var textFields: [(path: String, value: String)] {
    var fields: [(String, String?)] = []
    func add(_ path: String, _ value: String?) { fields.append(("payload." + path, value)) }
    func addAll(_ path: String, _ values: [String]) {
      for (index, value) in values.enumerated() { add("\(path)[\(index)]", value) }
    }
    switch self {
    case .schoolRegistered(let p):
      add("schoolCode", p.schoolCode)
      add("name", p.name)
      add("province", p.province)
      add("level", p.level)
    case .schoolJoinedGroup(let p):
      add("groupId", p.groupId)
      add("groupName", p.groupName)
    case .schoolLeftGroup(let p): add("groupId", p.groupId)
    case .schoolDesignatedModel(let p): add("academicYear", p.academicYear)
    case .calendarPublished(let p):
      add("academicYear", p.academicYear)
      addAll("sessions.name", p.sessions.map(\.name))
    case .studentEnrolled(let p):
      add("gradeLevel", p.gradeLevel)
      add("classroom", p.classroom)
      add("entryType", p.entryType)
    case .studentExited(let p): add("localReason", p.localReason)
    case .attendanceRecorded(let p): add("reason", p.reason)
    case .planAdopted(let p):
      add("planId", p.planId)
      add("academicYear", p.academicYear)
      add("title", p.title)
      addAll("goals.goalId", p.goals.map(\.goalId))
      addAll("goals.indicator", p.goals.map(\.indicator))
    case .planGoalSet(let p):
      add("planId", p.planId)
      add("goal.goalId", p.goal.goalId)
      add("goal.indicator", p.goal.indicator)
    case .planProgressReported(let p):
      add("planId", p.planId)
      add("goalId", p.goalId)
    case .selfAssessmentSubmitted(let p):
      add("planId", p.planId)
      add("academicYear", p.academicYear)
      add("rating", p.rating)
    case .interventionDefined(let p):
      add("interventionId", p.interventionId)
      add("title", p.title)
      addAll("diagnoses", p.diagnoses)
    case .interventionStudentAssigned(let p): add("interventionId", p.interventionId)
    case .interventionSessionHeld(let p): add("interventionId", p.interventionId)
    case .interventionEnded(let p): add("interventionId", p.interventionId)
    case .assessmentDefined(let p):
      add("assessmentId", p.assessmentId)
      add("title", p.title)
      add("subject", p.subject)
      addAll("gradeLevels", p.gradeLevels)
      add("minimumScore", p.minimumScore)
      add("maximumScore", p.maximumScore)
      add("reportingMethod", p.reportingMethod)
      addAll("performanceLevels", p.performanceLevels)
    case .studentAssessed(let p):
      add("assessmentId", p.assessmentId)
      addAll("scores.reportingMethod", p.scores.map(\.reportingMethod))
      addAll("scores.value", p.scores.map(\.value))
      add("performanceLevel", p.performanceLevel)
    case .studentFlaggedAtRisk(let p): add("rule", p.rule)
    case .riskCleared(let p): add("rule", p.rule)
    case .eventVoided(let p):
      add("voidedEventId", p.voidedEventId)
      add("reason", p.reason)
    }
    return fields.compactMap { path, value in value.map { (path, $0) } }
  }
}
