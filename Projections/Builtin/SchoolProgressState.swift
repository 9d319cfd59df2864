import LedgerEvents

/// What the school-progress projection keeps per school (row `school/<code>`).
///
/// Every contribution is keyed by the id of the event that made it, so that voiding an
/// event removes exactly what it added.
public struct SchoolFacts: Codable, Sendable, Equatable {
  public struct Named: Codable, Sendable, Equatable {
    public var sequence: UInt64
    public var name: String
    public var province: String?
  }
  public struct Membership: Codable, Sendable, Equatable {
    public var sequence: UInt64
    public var groupId: String
    public var groupKind: GroupKind
    public var joined: Bool
    public var date: String
  }
  public struct Calendar: Codable, Sendable, Equatable {
    public var sequence: UInt64
    public var academicYear: String
    public var sessions: [CalendarSession]
  }
  public struct StaffSession: Codable, Sendable, Equatable {
    public var kind: SessionKind
    public var date: String
    public var minutes: Int
  }
  public struct Goal: Codable, Sendable, Equatable {
    public var sequence: UInt64
    public var planId: String
    public var goal: PlanGoal
  }
  public struct Progress: Codable, Sendable, Equatable {
    public var sequence: UInt64
    public var planId: String
    public var goalId: String
    public var value: Double
    public var asOf: String
  }

  public var names: [String: Named] = [:]
  public var memberships: [String: Membership] = [:]
  public var modelDesignations: [String: String] = [:]
  public var calendars: [String: Calendar] = [:]
  public var interventions: [String: String] = [:]
  public var staffSessions: [String: StaffSession] = [:]
  public var goals: [String: Goal] = [:]
  public var progress: [String: Progress] = [:]

  public init() {}
}

/// What the school-progress projection keeps per student of a school (row
/// `student/<code>/<key>`).
public struct StudentFacts: Codable, Sendable, Equatable {
  public struct Enrolment: Codable, Sendable, Equatable {
    public var entryDate: String
    public var gradeLevel: String
  }
  public struct Exit: Codable, Sendable, Equatable {
    public var exitDate: String
    public var exitType: ExitType
  }
  public struct Attendance: Codable, Sendable, Equatable {
    public var date: String
    public var category: AttendanceCategory
    public var duration: Double
  }
  public struct Session: Codable, Sendable, Equatable {
    public var kind: SessionKind
    public var date: String
    public var minutes: Int
  }
  public struct Flag: Codable, Sendable, Equatable {
    public var date: String
    public var reasons: [RiskReason]
  }
  public struct Assessment: Codable, Sendable, Equatable {
    public var assessmentId: String
    public var period: AssessmentPeriod?
    public var date: String
    public var score: Double?
  }

  public var enrolments: [String: Enrolment] = [:]
  public var exits: [String: Exit] = [:]
  public var attendance: [String: Attendance] = [:]
  public var sessions: [String: Session] = [:]
  /// Intervention ids the student was assigned to, by assigning event.
  public var assignments: [String: String] = [:]
  public var flags: [String: Flag] = [:]
  public var assessments: [String: Assessment] = [:]

  public init() {}
}

/// An assessment's subject, from its definition (row `assessment/<id>`).
public struct AssessmentFacts: Codable, Sendable, Equatable {
  public var subject: String
  public var title: String
}
