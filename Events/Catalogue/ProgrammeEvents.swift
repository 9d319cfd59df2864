/// One goal of a school improvement plan.
public struct PlanGoal: Codable, Sendable, Equatable {
  public var goalId: String
  /// What is measured, e.g. `attendance-rate` or `reading-proficient-share`.
  public var indicator: String
  public var baseline: Double
  public var target: Double

  public init(goalId: String, indicator: String, baseline: Double, target: Double) {
    self.goalId = goalId
    self.indicator = indicator
    self.baseline = baseline
    self.target = target
  }
}

/// A school adopts an improvement plan for an academic year.
public struct PlanAdopted: Codable, Sendable, Equatable {
  public var planId: String
  public var academicYear: String
  public var title: String?
  public var goals: [PlanGoal]

  public init(planId: String, academicYear: String, title: String? = nil, goals: [PlanGoal]) {
    self.planId = planId
    self.academicYear = academicYear
    self.title = title
    self.goals = goals
  }
}

/// A goal is added to a plan, or an existing goal (same id) is revised.
public struct PlanGoalSet: Codable, Sendable, Equatable {
  public var planId: String
  public var goal: PlanGoal

  public init(planId: String, goal: PlanGoal) {
    self.planId = planId
    self.goal = goal
  }
}

/// A measured value of a plan goal's indicator, as of a date.
public struct PlanProgressReported: Codable, Sendable, Equatable {
  public var planId: String
  public var goalId: String
  public var value: Double
  public var asOf: String

  public init(planId: String, goalId: String, value: Double, asOf: String) {
    self.planId = planId
    self.goalId = goalId
    self.value = value
    self.asOf = asOf
  }
}

/// A school's self-assessment against the programme's whole-school framework.
public struct SelfAssessmentSubmitted: Codable, Sendable, Equatable {
  public var planId: String
  public var academicYear: String
  /// The school's overall rating on the programme's scale, e.g. `developing`.
  public var rating: String

  public init(planId: String, academicYear: String, rating: String) {
    self.planId = planId
    self.academicYear = academicYear
    self.rating = rating
  }
}

/// An intervention a school runs (Ed-Fi Intervention).
public struct InterventionDefined: Codable, Sendable, Equatable {
  public var interventionId: String
  public var title: String?
  public var interventionClass: InterventionClass
  public var delivery: DeliveryMethod
  /// Diagnoses it addresses, e.g. `dropout-risk`.
  public var diagnoses: [String]
  public var beginDate: String
  public var endDate: String?

  public init(
    interventionId: String, title: String? = nil, interventionClass: InterventionClass,
    delivery: DeliveryMethod, diagnoses: [String], beginDate: String, endDate: String? = nil
  ) {
    self.interventionId = interventionId
    self.title = title
    self.interventionClass = interventionClass
    self.delivery = delivery
    self.diagnoses = diagnoses
    self.beginDate = beginDate
    self.endDate = endDate
  }
}

/// A student is assigned to an intervention.
public struct InterventionStudentAssigned: Codable, Sendable, Equatable {
  public var interventionId: String
  public var studentKey: String
  public var beginDate: String

  public init(interventionId: String, studentKey: String, beginDate: String) {
    self.interventionId = interventionId
    self.studentKey = studentKey
    self.beginDate = beginDate
  }
}

/// A session is held: tutoring, a home visit, coaching, a PLC meeting or a classroom
/// observation. Sessions for staff name no students.
public struct InterventionSessionHeld: Codable, Sendable, Equatable {
  public var interventionId: String?
  public var kind: SessionKind
  public var date: String
  public var studentKeys: [String]
  public var dosageMinutes: Int

  public init(
    interventionId: String?, kind: SessionKind, date: String, studentKeys: [String],
    dosageMinutes: Int
  ) {
    self.interventionId = interventionId
    self.kind = kind
    self.date = date
    self.studentKeys = studentKeys
    self.dosageMinutes = dosageMinutes
  }
}

/// An intervention ends, for one student or (no student) for everyone.
public struct InterventionEnded: Codable, Sendable, Equatable {
  public var interventionId: String
  public var endDate: String
  public var studentKey: String?

  public init(interventionId: String, endDate: String, studentKey: String? = nil) {
    self.interventionId = interventionId
    self.endDate = endDate
    self.studentKey = studentKey
  }
}

/// An assessment instrument (Ed-Fi Assessment).
public struct AssessmentDefined: Codable, Sendable, Equatable {
  public var assessmentId: String
  public var title: String
  public var subject: String
  public var gradeLevels: [String]
  public var minimumScore: String?
  public var maximumScore: String?
  public var reportingMethod: String?
  public var performanceLevels: [String]

  public init(
    assessmentId: String, title: String, subject: String, gradeLevels: [String],
    minimumScore: String? = nil, maximumScore: String? = nil, reportingMethod: String? = nil,
    performanceLevels: [String] = []
  ) {
    self.assessmentId = assessmentId
    self.title = title
    self.subject = subject
    self.gradeLevels = gradeLevels
    self.minimumScore = minimumScore
    self.maximumScore = maximumScore
    self.reportingMethod = reportingMethod
    self.performanceLevels = performanceLevels
  }
}

/// One score of a student assessment, by reporting method (raw score, scale score, ...).
public struct ScoreResult: Codable, Sendable, Equatable {
  public var reportingMethod: String
  /// Kept as text: sources report numbers, letters and pass/fail alike.
  public var value: String

  public init(reportingMethod: String, value: String) {
    self.reportingMethod = reportingMethod
    self.value = value
  }
}

/// A student's result on an assessment administration.
public struct StudentAssessed: Codable, Sendable, Equatable {
  public var assessmentId: String
  public var studentKey: String
  public var administrationDate: String
  public var period: AssessmentPeriod?
  public var scores: [ScoreResult]
  public var performanceLevel: String?

  public init(
    assessmentId: String, studentKey: String, administrationDate: String,
    period: AssessmentPeriod?, scores: [ScoreResult], performanceLevel: String? = nil
  ) {
    self.assessmentId = assessmentId
    self.studentKey = studentKey
    self.administrationDate = administrationDate
    self.period = period
    self.scores = scores
    self.performanceLevel = performanceLevel
  }
}
