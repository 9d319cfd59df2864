extension SampleNetwork {
  /// How big a sample network to generate, and from which seed.
  public struct Configuration: Sendable, Equatable {
    /// How many schools.
    public var schools: Int
    /// How many support networks the schools are spread over, in contiguous clusters.
    public var networks: Int
    /// Average students per school; school sizes vary from about 0.4 to 1.6 times this.
    public var studentsPerSchool: Int
    /// Students across all schools when that is not a multiple of `schools` (the programme's
    /// 174,364 over 727 schools); nil for `schools × studentsPerSchool`.
    public var totalStudents: Int?
    /// The seed every random choice derives from: the same configuration always gives the
    /// same events.
    public var seed: UInt64

    /// A configuration of `schools` schools in `networks` networks, with `studentsPerSchool`
    /// students on average, or `totalStudents` in all when given.
    public init(
      schools: Int, networks: Int, studentsPerSchool: Int, seed: UInt64,
      totalStudents: Int? = nil
    ) {
      self.schools = schools
      self.networks = networks
      self.studentsPerSchool = studentsPerSchool
      self.totalStudents = totalStudents
      self.seed = seed
    }

    /// Students across all schools.
    public var studentCount: Int {
      totalStudents ?? schools * studentsPerSchool
    }

    /// About 20 schools in 4 networks, ~60 students each.
    public static let demo = Configuration(
      schools: 20, networks: 4, studentsPerSchool: 60, seed: 2567)

    /// The programme's full year times `scale` (1.0 = 727 schools, 11 networks, 174,364
    /// students in total, spread over the schools). Counts are rounded, with at least one
    /// school and one network, and never more networks than schools.
    public static func programme(scale: Double) -> Configuration {
      let schools = max(1, Int((727 * scale).rounded()))
      let networks = min(schools, max(1, Int((11 * scale).rounded())))
      let students = max(0, Int((174_364 * scale).rounded()))
      return Configuration(
        schools: schools, networks: networks, studentsPerSchool: students / schools,
        seed: 2567, totalStudents: students)
    }
  }
}
