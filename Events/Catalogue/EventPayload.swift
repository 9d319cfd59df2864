/// The body of an event: one case per ``EventType``.
public enum EventPayload: Sendable, Equatable {
  case schoolRegistered(SchoolRegistered)
  case schoolJoinedGroup(SchoolJoinedGroup)
  case schoolLeftGroup(SchoolLeftGroup)
  case schoolDesignatedModel(SchoolDesignatedModel)
  case calendarPublished(CalendarPublished)
  case studentEnrolled(StudentEnrolled)
  case studentExited(StudentExited)
  case attendanceRecorded(AttendanceRecorded)
  case planAdopted(PlanAdopted)
  case planGoalSet(PlanGoalSet)
  case planProgressReported(PlanProgressReported)
  case selfAssessmentSubmitted(SelfAssessmentSubmitted)
  case interventionDefined(InterventionDefined)
  case interventionStudentAssigned(InterventionStudentAssigned)
  case interventionSessionHeld(InterventionSessionHeld)
  case interventionEnded(InterventionEnded)
  case assessmentDefined(AssessmentDefined)
  case studentAssessed(StudentAssessed)
  case studentFlaggedAtRisk(StudentFlaggedAtRisk)
  case riskCleared(RiskCleared)
  case eventVoided(EventVoided)

  /// The type this payload is stored under.
  public var type: EventType {
    switch self {
    case .schoolRegistered: .schoolRegistered
    case .schoolJoinedGroup: .schoolJoinedGroup
    case .schoolLeftGroup: .schoolLeftGroup
    case .schoolDesignatedModel: .schoolDesignatedModel
    case .calendarPublished: .calendarPublished
    case .studentEnrolled: .studentEnrolled
    case .studentExited: .studentExited
    case .attendanceRecorded: .attendanceRecorded
    case .planAdopted: .planAdopted
    case .planGoalSet: .planGoalSet
    case .planProgressReported: .planProgressReported
    case .selfAssessmentSubmitted: .selfAssessmentSubmitted
    case .interventionDefined: .interventionDefined
    case .interventionStudentAssigned: .interventionStudentAssigned
    case .interventionSessionHeld: .interventionSessionHeld
    case .interventionEnded: .interventionEnded
    case .assessmentDefined: .assessmentDefined
    case .studentAssessed: .studentAssessed
    case .studentFlaggedAtRisk: .studentFlaggedAtRisk
    case .riskCleared: .riskCleared
    case .eventVoided: .eventVoided
    }
  }

  /// The students this event is about, for the student index.
  public var studentKeys: [String] {
    switch self {
    case .studentEnrolled(let p): [p.studentKey]
    case .studentExited(let p): [p.studentKey]
    case .attendanceRecorded(let p): [p.studentKey]
    case .interventionStudentAssigned(let p): [p.studentKey]
    case .interventionSessionHeld(let p): p.studentKeys
    case .interventionEnded(let p): p.studentKey.map { [$0] } ?? []
    case .studentAssessed(let p): [p.studentKey]
    case .studentFlaggedAtRisk(let p): [p.studentKey]
    case .riskCleared(let p): [p.studentKey]
    default: []
    }
  }

  /// Encodes the payload's own fields (without the type) into `encoder`.
  func encodeBody(to encoder: any Encoder) throws {
    switch self {
    case .schoolRegistered(let p): try p.encode(to: encoder)
    case .schoolJoinedGroup(let p): try p.encode(to: encoder)
    case .schoolLeftGroup(let p): try p.encode(to: encoder)
    case .schoolDesignatedModel(let p): try p.encode(to: encoder)
    case .calendarPublished(let p): try p.encode(to: encoder)
    case .studentEnrolled(let p): try p.encode(to: encoder)
    case .studentExited(let p): try p.encode(to: encoder)
    case .attendanceRecorded(let p): try p.encode(to: encoder)
    case .planAdopted(let p): try p.encode(to: encoder)
    case .planGoalSet(let p): try p.encode(to: encoder)
    case .planProgressReported(let p): try p.encode(to: encoder)
    case .selfAssessmentSubmitted(let p): try p.encode(to: encoder)
    case .interventionDefined(let p): try p.encode(to: encoder)
    case .interventionStudentAssigned(let p): try p.encode(to: encoder)
    case .interventionSessionHeld(let p): try p.encode(to: encoder)
    case .interventionEnded(let p): try p.encode(to: encoder)
    case .assessmentDefined(let p): try p.encode(to: encoder)
    case .studentAssessed(let p): try p.encode(to: encoder)
    case .studentFlaggedAtRisk(let p): try p.encode(to: encoder)
    case .riskCleared(let p): try p.encode(to: encoder)
    case .eventVoided(let p): try p.encode(to: encoder)
    }
  }

  /// Decodes the body of a payload of `type`, written with `schemaVersion`.
  ///
  /// Every type is at schema version 1 so far; an upcaster for an older version goes here,
  /// so that old records are read in the current shape and never rewritten in the log.
  static func decodeBody(
    type: EventType, schemaVersion: Int, from decoder: any Decoder
  ) throws -> EventPayload {
    guard schemaVersion == 1 else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription:
            "\(type.rawValue) schema version \(schemaVersion) is newer than this program knows"
        ))
    }
    switch type {
    case .schoolRegistered: return .schoolRegistered(try .init(from: decoder))
    case .schoolJoinedGroup: return .schoolJoinedGroup(try .init(from: decoder))
    case .schoolLeftGroup: return .schoolLeftGroup(try .init(from: decoder))
    case .schoolDesignatedModel: return .schoolDesignatedModel(try .init(from: decoder))
    case .calendarPublished: return .calendarPublished(try .init(from: decoder))
    case .studentEnrolled: return .studentEnrolled(try .init(from: decoder))
    case .studentExited: return .studentExited(try .init(from: decoder))
    case .attendanceRecorded: return .attendanceRecorded(try .init(from: decoder))
    case .planAdopted: return .planAdopted(try .init(from: decoder))
    case .planGoalSet: return .planGoalSet(try .init(from: decoder))
    case .planProgressReported: return .planProgressReported(try .init(from: decoder))
    case .selfAssessmentSubmitted: return .selfAssessmentSubmitted(try .init(from: decoder))
    case .interventionDefined: return .interventionDefined(try .init(from: decoder))
    case .interventionStudentAssigned:
      return .interventionStudentAssigned(try .init(from: decoder))
    case .interventionSessionHeld: return .interventionSessionHeld(try .init(from: decoder))
    case .interventionEnded: return .interventionEnded(try .init(from: decoder))
    case .assessmentDefined: return .assessmentDefined(try .init(from: decoder))
    case .studentAssessed: return .studentAssessed(try .init(from: decoder))
    case .studentFlaggedAtRisk: return .studentFlaggedAtRisk(try .init(from: decoder))
    case .riskCleared: return .riskCleared(try .init(from: decoder))
    case .eventVoided: return .eventVoided(try .init(from: decoder))
    }
  }
}
