import LedgerEvents

/// Whole-school progress: the facts behind every per-school indicator of DOMAIN.md.
///
/// Rows: `school/<code>` (``SchoolFacts``), `student/<code>/<key>` (``StudentFacts``) and
/// `assessment/<id>` (``AssessmentFacts``). The indicators themselves (attendance rate,
/// chronic absence with its threshold, dropout rate, care coverage, learning gain, goals
/// met) are derived from these rows when queried, by ``SchoolProgressReport``, so that a
/// parameter such as the chronic-absence threshold can change without a rebuild.
public struct SchoolProgressProjection: Projection {
  public let name = "school-progress"
  public let version = 1
  public let eventTypes: Set<EventType> = [
    .schoolRegistered, .schoolJoinedGroup, .schoolLeftGroup, .schoolDesignatedModel,
    .calendarPublished, .studentEnrolled, .studentExited, .attendanceRecorded,
    .planAdopted, .planGoalSet, .planProgressReported, .interventionDefined,
    .interventionStudentAssigned, .interventionSessionHeld, .assessmentDefined, .studentAssessed,
    .studentFlaggedAtRisk,
  ]

  public init() {}

  public func apply(_ event: RecordedEvent, to model: inout ReadModelWriter) throws {
    let id = event.id
    let school = "school/" + event.stream
    func student(_ key: String, _ change: (inout StudentFacts) -> Void) throws {
      try model.update("student/\(event.stream)/\(key)", default: StudentFacts(), change)
    }
    func facts(_ change: (inout SchoolFacts) -> Void) throws {
      try model.update(school, default: SchoolFacts(), change)
    }
    switch event.payload {
    case .schoolRegistered(let p):
      try facts {
        $0.names[id] = .init(sequence: event.sequence, name: p.name, province: p.province)
      }
    case .schoolJoinedGroup(let p):
      try facts {
        $0.memberships[id] = .init(
          sequence: event.sequence, groupId: p.groupId, groupKind: p.groupKind, joined: true,
          date: p.effectiveDate)
      }
    case .schoolLeftGroup(let p):
      try facts {
        $0.memberships[id] = .init(
          sequence: event.sequence, groupId: p.groupId, groupKind: p.groupKind, joined: false,
          date: p.effectiveDate)
      }
    case .schoolDesignatedModel(let p):
      try facts { $0.modelDesignations[id] = p.academicYear }
    case .calendarPublished(let p):
      try facts {
        $0.calendars[id] = .init(
          sequence: event.sequence, academicYear: p.academicYear, sessions: p.sessions)
      }
    case .studentEnrolled(let p):
      try student(p.studentKey) {
        $0.enrolments[id] = .init(entryDate: p.entryDate, gradeLevel: p.gradeLevel)
      }
    case .studentExited(let p):
      try student(p.studentKey) {
        $0.exits[id] = .init(exitDate: p.exitDate, exitType: p.exitType)
      }
    case .attendanceRecorded(let p):
      try student(p.studentKey) {
        $0.attendance[id] = .init(date: p.date, category: p.category, duration: p.duration)
      }
    case .planAdopted(let p):
      try facts {
        for goal in p.goals {
          $0.goals["\(id)#\(goal.goalId)"] = .init(
            sequence: event.sequence, planId: p.planId, goal: goal)
        }
      }
    case .planGoalSet(let p):
      try facts {
        $0.goals["\(id)#\(p.goal.goalId)"] = .init(
          sequence: event.sequence, planId: p.planId, goal: p.goal)
      }
    case .planProgressReported(let p):
      try facts {
        $0.progress[id] = .init(
          sequence: event.sequence, planId: p.planId, goalId: p.goalId, value: p.value,
          asOf: p.asOf)
      }
    case .interventionDefined(let p):
      try facts { $0.interventions[id] = p.interventionId }
    case .interventionStudentAssigned(let p):
      try student(p.studentKey) { $0.assignments[id] = p.interventionId }
    case .interventionSessionHeld(let p):
      if p.studentKeys.isEmpty {
        try facts {
          $0.staffSessions[id] = .init(kind: p.kind, date: p.date, minutes: p.dosageMinutes)
        }
      }
      for key in p.studentKeys {
        try student(key) {
          $0.sessions[id] = .init(kind: p.kind, date: p.date, minutes: p.dosageMinutes)
        }
      }
    case .assessmentDefined(let p):
      model.put("assessment/" + p.assessmentId, AssessmentFacts(subject: p.subject, title: p.title))
    case .studentAssessed(let p):
      try student(p.studentKey) {
        $0.assessments[id] = .init(
          assessmentId: p.assessmentId, period: p.period, date: p.administrationDate,
          score: p.scores.lazy.compactMap { Double($0.value) }.first { $0.isFinite })
      }
    case .studentFlaggedAtRisk(let p):
      try student(p.studentKey) { $0.flags[id] = .init(date: p.date, reasons: p.reasons) }
    default:
      break
    }
  }

  public func retract(_ voided: RecordedEvent, to model: inout ReadModelWriter) throws {
    let id = voided.id
    try model.updateIfPresent("school/" + voided.stream, as: SchoolFacts.self) { facts in
      facts.names[id] = nil
      facts.memberships[id] = nil
      facts.modelDesignations[id] = nil
      facts.calendars[id] = nil
      facts.interventions[id] = nil
      facts.staffSessions[id] = nil
      facts.progress[id] = nil
      facts.goals = facts.goals.filter { !$0.key.hasPrefix(id + "#") }
    }
    for key in voided.payload.studentKeys {
      try model.updateIfPresent("student/\(voided.stream)/\(key)", as: StudentFacts.self) {
        $0.enrolments[id] = nil
        $0.exits[id] = nil
        $0.attendance[id] = nil
        $0.sessions[id] = nil
        $0.assignments[id] = nil
        $0.flags[id] = nil
        $0.assessments[id] = nil
      }
    }
    if case .assessmentDefined(let p) = voided.payload {
      model.delete("assessment/" + p.assessmentId)
    }
  }
}
