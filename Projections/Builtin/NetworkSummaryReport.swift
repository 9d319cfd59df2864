import LedgerEvents

/// One grouping's summary as of a date: its member schools, how many improve and how many
/// are model schools against the programme's targets, and totals over the members'
/// school-progress figures.
public struct NetworkSummaryRow: Codable, Sendable, Equatable {
  public var groupKind: GroupKind
  public var groupId: String
  /// The name given by the latest joining event of the grouping, if any gave one.
  public var name: String?
  /// The date membership and model designations are taken as of.
  public var asOf: String
  /// Codes of the member schools on `asOf`, sorted.
  public var members: [String]
  public var schools: Int
  /// Member schools whose plan goals met make them improving (school-progress `improving`).
  public var schoolsImproving: Int
  public var improvingShare: Double?
  public var improvingTarget: Double
  public var improvingTargetMet: Bool?
  /// Member schools with a model-school designation effective on or before `asOf`.
  public var modelSchools: Int
  public var modelShare: Double?
  public var modelTarget: Double
  public var modelTargetMet: Bool?
  public var studentsEnrolled: Int
  public var enrolledDays: Double
  public var absentDays: Double
  public var presentDays: Double
  /// Σ present days / Σ enrolled days over the members (their ADA / ADM).
  public var attendanceRate: Double?
  public var chronicAbsenceThreshold: Double
  public var chronicallyAbsent: Int
  public var dropouts: Int
  /// Σ dropouts / Σ students enrolled.
  public var dropoutRate: Double?
  public var flaggedStudents: Int
  public var flaggedWithSession: Int
  /// Σ flagged with a session / Σ flagged.
  public var careCoverage: Double?
  public var sessionsHeld: Int
  public var homeVisits: Int
  public var gaps: Gaps

  /// Data that makes the summary less than whole, counted so that it is seen.
  public struct Gaps: Codable, Sendable, Equatable {
    /// Member schools with no plan goals: they cannot count as improving.
    public var schoolsWithoutPlan = 0
    /// Member schools with no published calendar: no enrolled days can be counted.
    public var schoolsWithoutCalendar = 0
    /// The members' school-progress gaps, summed.
    public var studentsWithoutEnrolment = 0
    public var attendanceOutsideSessions = 0
    public var attendanceOutsideEnrolment = 0
    public var enrolmentsNotCountable = 0

    public init() {}
  }
}

/// Computes ``NetworkSummaryRow``s from the network-summary and school-progress read models.
public struct NetworkSummaryReport: Sendable {
  /// The programme's targets: 80% of schools improving, 10% model schools.
  public static let improvingTarget = 0.80
  public static let modelTarget = 0.10

  /// Membership and model designations are taken as of this date (`YYYY-MM-DD`).
  public var asOf: String
  /// The kind of grouping to summarise (support networks unless asked otherwise).
  public var kind: GroupKind
  /// One grouping only, when set.
  public var groupId: String?
  /// How the members' school-progress rows are computed (chronic threshold, goals needed).
  public var progress: SchoolProgressReport

  public init(
    asOf: String, kind: GroupKind = .network, groupId: String? = nil,
    progress: SchoolProgressReport = SchoolProgressReport()
  ) {
    self.asOf = asOf
    self.kind = kind
    self.groupId = groupId
    self.progress = progress
  }

  /// One row per grouping of `kind` named in any membership event, in id order; a grouping
  /// with no members on `asOf` has a row with 0 schools and empty shares.
  public func rows(_ reader: ReadModelReader) throws -> [NetworkSummaryRow] {
    let facts = try reader.rows(
      NetworkSummaryProjection().name, prefix: "school/", as: GroupMembershipFacts.self)
    let names = Self.names(facts.map(\.value))
    var members: [GroupKey: [String]] = [:]
    var modelSchools: Set<String> = []
    for (key, school) in facts {
      let code = String(key.dropFirst("school/".count))
      for change in school.changes.values where change.groupKind == kind {
        let group = GroupKey(kind: change.groupKind, id: change.groupId)
        if members[group] == nil { members[group] = [] }
      }
      for group in school.groups(asOf: asOf) where group.kind == kind {
        members[group, default: []].append(code)
      }
      if school.isModelSchool(asOf: asOf) { modelSchools.insert(code) }
    }
    let wanted = members.keys.filter { groupId == nil || $0.id == groupId }
    guard !wanted.isEmpty else { return [] }
    // Only the wanted groupings' members are computed: one network costs its own schools.
    let memberCodes = Set(wanted.flatMap { members[$0] ?? [] })
    let progressRows = Dictionary(
      try progress.rows(reader, schools: groupId == nil ? nil : memberCodes).map {
        ($0.schoolCode, $0)
      }, uniquingKeysWith: { $1 })
    return wanted.sorted().map { group in
      let codes = (members[group] ?? []).sorted()
      return row(
        group, name: names[group], members: codes.map { ($0, progressRows[$0]) },
        modelSchools: codes.filter(modelSchools.contains).count)
    }
  }

  func row(
    _ group: GroupKey, name: String?, members: [(code: String, row: SchoolProgressRow?)],
    modelSchools: Int
  ) -> NetworkSummaryRow {
    var summary = NetworkSummaryRow(
      groupKind: group.kind, groupId: group.id, name: name, asOf: asOf,
      members: members.map(\.code), schools: members.count, schoolsImproving: 0,
      improvingTarget: Self.improvingTarget, modelSchools: modelSchools,
      modelTarget: Self.modelTarget, studentsEnrolled: 0, enrolledDays: 0, absentDays: 0,
      presentDays: 0, chronicAbsenceThreshold: progress.chronicAbsenceThreshold,
      chronicallyAbsent: 0, dropouts: 0, flaggedStudents: 0, flaggedWithSession: 0,
      sessionsHeld: 0, homeVisits: 0, gaps: .init())
    // Members in code order, so that floating-point sums come out the same every run.
    for (_, school) in members {
      guard let school else {
        // A school known only from its membership events: no plan, no calendar, no data.
        summary.gaps.schoolsWithoutPlan += 1
        summary.gaps.schoolsWithoutCalendar += 1
        continue
      }
      if school.improving == true { summary.schoolsImproving += 1 }
      if school.planGoals == 0 { summary.gaps.schoolsWithoutPlan += 1 }
      if school.instructionalDays == 0 { summary.gaps.schoolsWithoutCalendar += 1 }
      summary.studentsEnrolled += school.studentsEnrolled
      summary.enrolledDays += school.enrolledDays
      summary.absentDays += school.absentDays
      summary.presentDays += school.presentDays
      summary.chronicallyAbsent += school.chronicallyAbsent
      summary.dropouts += school.dropouts
      summary.flaggedStudents += school.flaggedStudents
      summary.flaggedWithSession += school.flaggedWithSession
      summary.sessionsHeld += school.sessionsHeld
      summary.homeVisits += school.homeVisits
      summary.gaps.studentsWithoutEnrolment += school.gaps.studentsWithoutEnrolment
      summary.gaps.attendanceOutsideSessions += school.gaps.attendanceOutsideSessions
      summary.gaps.attendanceOutsideEnrolment += school.gaps.attendanceOutsideEnrolment
      summary.gaps.enrolmentsNotCountable += school.gaps.enrolmentsNotCountable
    }
    let schools = Double(summary.schools)
    summary.improvingShare = ratio(Double(summary.schoolsImproving), schools)
    summary.improvingTargetMet = summary.improvingShare.map { $0 >= Self.improvingTarget }
    summary.modelShare = ratio(Double(summary.modelSchools), schools)
    summary.modelTargetMet = summary.modelShare.map { $0 >= Self.modelTarget }
    summary.attendanceRate = ratio(summary.presentDays, summary.enrolledDays)
    summary.dropoutRate = ratio(Double(summary.dropouts), Double(summary.studentsEnrolled))
    summary.careCoverage = ratio(
      Double(summary.flaggedWithSession), Double(summary.flaggedStudents))
    return summary
  }
}

extension NetworkSummaryReport {
  /// The codes of the schools that belong to `group` on `date`, sorted.
  public static func members(_ reader: ReadModelReader, of group: GroupKey, asOf date: String)
    throws -> [String]
  {
    try reader.rows(
      NetworkSummaryProjection().name, prefix: "school/", as: GroupMembershipFacts.self
    ).filter { $0.value.groups(asOf: date).contains(group) }
      .map { String($0.key.dropFirst("school/".count)) }.sorted()
  }

  /// The name the latest joining event gave `group`, if any gave one.
  public static func name(_ reader: ReadModelReader, of group: GroupKey) throws -> String? {
    let facts = try reader.rows(
      NetworkSummaryProjection().name, prefix: "school/", as: GroupMembershipFacts.self)
    return names(facts.map(\.value))[group]
  }

  /// Every grouping's name from the latest joining event that gave one.
  static func names(_ schools: [GroupMembershipFacts]) -> [GroupKey: String] {
    var latest: [GroupKey: (sequence: UInt64, name: String)] = [:]
    for change in schools.flatMap(\.changes.values) where change.joined {
      guard let name = change.groupName else { continue }
      let group = GroupKey(kind: change.groupKind, id: change.groupId)
      if latest[group].map({ $0.sequence < change.sequence }) ?? true {
        latest[group] = (change.sequence, name)
      }
    }
    return latest.mapValues(\.name)
  }
}
