/// A student enrols at a school.
public struct StudentEnrolled: Codable, Sendable, Equatable {
  /// Pseudonymous key; never a national id or a name.
  public var studentKey: String
  public var gradeLevel: String
  public var classroom: String?
  public var entryDate: String
  public var entryType: String?

  public init(
    studentKey: String, gradeLevel: String, classroom: String? = nil, entryDate: String,
    entryType: String? = nil
  ) {
    self.studentKey = studentKey
    self.gradeLevel = gradeLevel
    self.classroom = classroom
    self.entryDate = entryDate
    self.entryType = entryType
  }
}

/// A student leaves a school. The exit date is the last day enrolled.
public struct StudentExited: Codable, Sendable, Equatable {
  public var studentKey: String
  public var exitDate: String
  public var exitType: ExitType
  /// The school's own reason code, kept as given.
  public var localReason: String?

  public init(studentKey: String, exitDate: String, exitType: ExitType, localReason: String? = nil)
  {
    self.studentKey = studentKey
    self.exitDate = exitDate
    self.exitType = exitType
    self.localReason = localReason
  }
}

/// One student's attendance on one day. Sources that record exceptions only (as Ed-Fi
/// does) send no event for a day present.
public struct AttendanceRecorded: Codable, Sendable, Equatable {
  public var studentKey: String
  public var date: String
  public var category: AttendanceCategory
  /// Share of the day the category covers, in (0, 1]; 1 when the source gives none.
  public var duration: Double
  public var reason: String?

  public init(
    studentKey: String, date: String, category: AttendanceCategory, duration: Double = 1,
    reason: String? = nil
  ) {
    self.studentKey = studentKey
    self.date = date
    self.category = category
    self.duration = duration
    self.reason = reason
  }

  private enum CodingKeys: String, CodingKey {
    case studentKey, date, category, duration, reason
  }

  /// Reads a mark; a missing duration means the whole day, as DOMAIN.md says.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    studentKey = try container.decode(String.self, forKey: .studentKey)
    date = try container.decode(String.self, forKey: .date)
    category = try container.decode(AttendanceCategory.self, forKey: .category)
    duration = try container.decodeIfPresent(Double.self, forKey: .duration) ?? 1
    reason = try container.decodeIfPresent(String.self, forKey: .reason)
  }
}

/// A student is flagged for close care.
public struct StudentFlaggedAtRisk: Codable, Sendable, Equatable {
  public var studentKey: String
  public var reasons: [RiskReason]
  /// The rule that set the flag, and its version, so a flag can be explained later.
  public var rule: String
  public var ruleVersion: Int
  public var date: String

  public init(
    studentKey: String, reasons: [RiskReason], rule: String, ruleVersion: Int, date: String
  ) {
    self.studentKey = studentKey
    self.reasons = reasons
    self.rule = rule
    self.ruleVersion = ruleVersion
    self.date = date
  }
}

/// A student's risk flag is cleared.
public struct RiskCleared: Codable, Sendable, Equatable {
  public var studentKey: String
  public var rule: String
  public var date: String

  public init(studentKey: String, rule: String, date: String) {
    self.studentKey = studentKey
    self.rule = rule
    self.date = date
  }
}

/// An earlier event is withdrawn. Read models drop the voided event; timelines show both.
public struct EventVoided: Codable, Sendable, Equatable {
  public var voidedEventId: String
  public var reason: String

  public init(voidedEventId: String, reason: String) {
    self.voidedEventId = voidedEventId
    self.reason = reason
  }
}
