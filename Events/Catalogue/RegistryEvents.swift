/// A school enters the programme. Its code is the stream name from then on.
public struct SchoolRegistered: Codable, Sendable, Equatable {
  /// The ministry's 10- or 8-digit code, or a foreign id such as an Ed-Fi `SchoolId`.
  public var schoolCode: String
  /// The school's name; schools repeat names, so nothing is ever keyed on it.
  public var name: String
  public var province: String?
  /// Level of education offered, e.g. `primary`, `lower-secondary`, `extended`.
  public var level: String?

  public init(schoolCode: String, name: String, province: String? = nil, level: String? = nil) {
    self.schoolCode = schoolCode
    self.name = name
    self.province = province
    self.level = level
  }
}

/// A school joins a support network or another grouping, from a date.
public struct SchoolJoinedGroup: Codable, Sendable, Equatable {
  public var groupId: String
  public var groupName: String?
  public var groupKind: GroupKind
  public var effectiveDate: String

  public init(groupId: String, groupName: String?, groupKind: GroupKind, effectiveDate: String) {
    self.groupId = groupId
    self.groupName = groupName
    self.groupKind = groupKind
    self.effectiveDate = effectiveDate
  }
}

/// A school leaves a grouping, from a date.
public struct SchoolLeftGroup: Codable, Sendable, Equatable {
  public var groupId: String
  public var groupKind: GroupKind
  public var effectiveDate: String

  public init(groupId: String, groupKind: GroupKind, effectiveDate: String) {
    self.groupId = groupId
    self.groupKind = groupKind
    self.effectiveDate = effectiveDate
  }
}

/// A school is designated a model (lead) school for an academic year.
public struct SchoolDesignatedModel: Codable, Sendable, Equatable {
  /// The academic year, named by the B.E. year it starts in (e.g. `2567`).
  public var academicYear: String
  public var effectiveDate: String

  public init(academicYear: String, effectiveDate: String) {
    self.academicYear = academicYear
    self.effectiveDate = effectiveDate
  }
}

/// One session (term, semester) of a school calendar.
public struct CalendarSession: Codable, Sendable, Equatable {
  public var name: String
  public var beginDate: String
  public var endDate: String
  /// How many instructional days the session has.
  public var instructionalDays: Int
  /// The instructional dates themselves, when the source lists them. Without them, enrolled
  /// days can be counted only for students enrolled for the whole session.
  public var instructionalDates: [String]?

  public init(
    name: String, beginDate: String, endDate: String, instructionalDays: Int,
    instructionalDates: [String]? = nil
  ) {
    self.name = name
    self.beginDate = beginDate
    self.endDate = endDate
    self.instructionalDays = instructionalDays
    self.instructionalDates = instructionalDates
  }
}

/// A school publishes (or republishes) its calendar for an academic year; a later
/// publication for the same year and session name replaces the earlier one.
public struct CalendarPublished: Codable, Sendable, Equatable {
  public var academicYear: String
  public var sessions: [CalendarSession]

  public init(academicYear: String, sessions: [CalendarSession]) {
    self.academicYear = academicYear
    self.sessions = sessions
  }
}
