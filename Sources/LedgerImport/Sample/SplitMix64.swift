/// A small, fast, seeded pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014).
///
/// The sample network must come out the same for the same seed on every platform and
/// toolchain, so it draws numbers only through the helpers below: the standard library's
/// `random(in:using:)` algorithms are not promised to stay the same between releases, and the
/// system generator is not seeded at all.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  /// A generator for one part of the data (one school, say), independent of its siblings:
  /// the same seed and stream always give the same numbers, whatever else was generated.
  init(seed: UInt64, stream: UInt64) {
    var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    state = mixer.next()
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in [0, 1) with 53 random bits.
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// True with probability `probability`.
  mutating func chance(_ probability: Double) -> Bool {
    unit() < probability
  }

  /// A whole number in `range`. Multiplying by the range's width (Lemire's method without the
  /// rejection step) leaves a bias below 2^-40 for the small ranges used here.
  mutating func int(in range: ClosedRange<Int>) -> Int {
    let width = UInt64(range.upperBound - range.lowerBound) + 1
    let high = next().multipliedFullWidth(by: width).high
    return range.lowerBound + Int(high)
  }

  /// A number in `range`, uniformly.
  mutating func double(in range: ClosedRange<Double>) -> Double {
    range.lowerBound + unit() * (range.upperBound - range.lowerBound)
  }

  /// A roughly normal number with the given mean and standard deviation. The sum of four
  /// uniforms (Irwin-Hall) avoids `log` and `cos`, whose last bits may differ between C
  /// libraries and would make scores differ between platforms.
  mutating func normal(mean: Double, deviation: Double) -> Double {
    let sum = unit() + unit() + unit() + unit()
    return mean + (sum - 2) * 1.732_050_807_568_877 * deviation
  }

  /// One element of a non-empty array.
  mutating func pick<Element>(_ elements: [Element]) -> Element {
    elements[int(in: 0...(elements.count - 1))]
  }
}
