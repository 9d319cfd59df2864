import LedgerEvents

/// One school of the sample network, as settled before its year is generated: who it is,
/// where, in which network, how many students, and how its year is meant to turn out.
struct SampleSchool: Sendable {
  /// Position in generation order, from 0.
  var index: Int
  /// The 10-digit ministry code, starting with the basic education commission's `10`.
  var code: String
  var name: String
  var province: String
  /// `primary`, `extended` (primary and lower secondary) or `secondary`.
  var level: String
  var gradeLevels: [String]
  var network: SampleNetworkGroup
  /// The network the school moves to when term 2 opens, for the one school that changes.
  var movesTo: SampleNetworkGroup?
  var isModel: Bool
  /// Whether the school meets more than half of its plan's goals by the end of the year.
  var improves: Bool
  var studentCount: Int
  /// Seed of the school's own generator, so that a school's year does not depend on others.
  var seed: UInt64
}

/// A support network: a university faculty or foundation coaching a cluster of schools.
struct SampleNetworkGroup: Sendable, Equatable {
  var id: String
  var name: String

  init(index: Int) {
    id = "net-" + SampleNames.padded(index + 1, width: 2)
    name = SampleNames.network(index)
  }
}

extension SampleSchool {
  /// Shares of the programme the generator aims at (DOMAIN.md): 10% of schools become model
  /// schools, and about three quarters improve, inside the realistic 60-85% band.
  static let modelShare = 0.10
  static let improvingShare = 0.75

  /// Settles every school of `configuration`, in generation order.
  static func roster(for configuration: SampleNetwork.Configuration) -> [SampleSchool] {
    let schoolCount = max(0, configuration.schools)
    let networkCount = max(1, min(configuration.networks, max(schoolCount, 1)))
    var random = SplitMix64(seed: configuration.seed, stream: 0)
    let sizes = studentCounts(
      total: configuration.studentCount, schools: schoolCount, using: &random)

    // Which schools improve, and which of those are model schools: a shuffled order decides,
    // so that the shares are exact however few schools there are.
    var order = Array(0..<schoolCount)
    for position in order.indices.reversed() where position > 0 {
      order.swapAt(position, random.int(in: 0...position))
    }
    let improvingCount = Int((Double(schoolCount) * improvingShare).rounded())
    let modelCount =
      schoolCount == 0 ? 0 : max(1, Int((Double(schoolCount) * modelShare).rounded()))
    let improving = Set(order.prefix(improvingCount))
    let models = Set(order.prefix(min(modelCount, improvingCount)))

    let networks = (0..<networkCount).map(SampleNetworkGroup.init(index:))
    let networkOf = { (school: Int) in school * networkCount / max(schoolCount, 1) }
    // The last school of the first network moves to the second one mid-year.
    let mover = networkCount >= 2 ? (0..<schoolCount).last { networkOf($0) == 0 } : nil

    return (0..<schoolCount).map { index in
      let network = networkOf(index)
      let provinceIndex =
        (network * 4 + random.int(in: 0...2)) % SampleNames.provinces.count
      let (level, grades) = levelAndGrades(using: &random)
      return SampleSchool(
        index: index,
        code: schoolCode(index: index, provinceIndex: provinceIndex),
        name: SampleNames.school(using: &random),
        province: SampleNames.provinces[provinceIndex],
        level: level,
        gradeLevels: grades,
        network: networks[network],
        movesTo: index == mover ? networks[1] : nil,
        isModel: models.contains(index),
        improves: improving.contains(index),
        studentCount: sizes[index],
        seed: random.next())
    }
  }

  /// Spreads `total` students over the schools with sizes from about 0.4 to 1.6 times the
  /// average, summing exactly to `total`: each school takes the students between its
  /// cumulative weight's share and the previous school's.
  private static func studentCounts(
    total: Int, schools: Int, using random: inout SplitMix64
  ) -> [Int] {
    let weights = (0..<schools).map { _ in random.int(in: 40...160) }
    let weightSum = max(weights.reduce(0, +), 1)
    var counts: [Int] = []
    counts.reserveCapacity(schools)
    var cumulative = 0
    var previous = 0
    for weight in weights {
      cumulative += weight
      let upTo = max(total, 0) * cumulative / weightSum
      counts.append(upTo - previous)
      previous = upTo
    }
    return counts
  }

  /// Small primary schools dominate the programme; some offer lower secondary too.
  private static func levelAndGrades(using random: inout SplitMix64) -> (String, [String]) {
    let primary = ["P1", "P2", "P3", "P4", "P5", "P6"]
    let roll = random.unit()
    if roll < 0.55 { return ("primary", primary) }
    if roll < 0.90 { return ("extended", primary + ["M1", "M2", "M3"]) }
    return ("secondary", ["M1", "M2", "M3", "M4", "M5", "M6"])
  }

  /// `10`, a two-digit area from the province, then six digits unique to the school:
  /// 7919 is prime to 10^6, so `7919 × (index + 1) mod 10^6` never repeats below a million
  /// schools while looking like the scattered serials of real codes.
  private static func schoolCode(index: Int, provinceIndex: Int) -> String {
    let serial = 7919 * (index + 1) % 1_000_000
    return "10" + SampleNames.padded(10 + provinceIndex, width: 2)
      + SampleNames.padded(serial, width: 6)
  }
}
