/// Durations of repeated operations, summarised by nearest-rank percentiles.
struct LatencySamples {
  private(set) var nanoseconds: [UInt64] = []

  /// Records one operation's duration.
  mutating func add(_ duration: UInt64) {
    nanoseconds.append(duration)
  }

  var count: Int { nanoseconds.count }

  /// The smallest sample at or above fraction `p` of the samples (nearest rank), in
  /// milliseconds; nil without samples.
  func percentile(_ p: Double) -> Double? {
    guard !nanoseconds.isEmpty else { return nil }
    let sorted = nanoseconds.sorted()
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    let index = min(max(rank, 1), sorted.count) - 1
    return Double(sorted[index]) / 1e6
  }

  var p50: Double? { percentile(0.50) }
  var p99: Double? { percentile(0.99) }
}

/// A deterministic source of sample choices (xorshift64*), so that two runs at one scale
/// query the same schools.
struct SampleChooser {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
  }

  /// A number in `0..<bound`.
  mutating func index(below bound: Int) -> Int {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    let value = state &* 0x2545_F491_4F6C_DD1D
    return Int(value % UInt64(max(bound, 1)))
  }
}
