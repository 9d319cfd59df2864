import Foundation

/// A UTC instant with microsecond precision, stored as text `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
///
/// Fixed-width text sorts in time order and reads the same in every language, which
/// matters for auditors reading the log without this code.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// Microseconds since 1970-01-01T00:00:00Z.
  public var microseconds: Int64

  public init(microseconds: Int64) {
    self.microseconds = microseconds
  }

  public init(_ date: Date) {
    microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
  }

  /// Parses the stored form, or a shorter ISO form (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ`).
  public init?(parsing text: String) {
    let parts = text.split(separator: "T", maxSplits: 1)
    guard let day = parts.first, let days = LocalDate(String(day))?.daysSinceEpoch else {
      return nil
    }
    var micros = Int64(days) * 86_400_000_000
    if parts.count == 2 {
      var clock = parts[1]
      guard clock.hasSuffix("Z") else { return nil }
      clock.removeLast()
      let hms = clock.split(separator: ":")
      guard hms.count == 3, let h = Int64(hms[0]), let m = Int64(hms[1]), h < 24, m < 60 else {
        return nil
      }
      let secondParts = hms[2].split(separator: ".", maxSplits: 1)
      guard let s = Int64(secondParts[0]), s < 60 else { return nil }
      var fraction: Int64 = 0
      if secondParts.count == 2 {
        let digits = String(secondParts[1].prefix(6))
        guard let value = Int64(digits), secondParts[1].allSatisfy(\.isNumber) else { return nil }
        fraction = value * Int64(pow(10, Double(6 - digits.count)))
      }
      micros += ((h * 60 + m) * 60 + s) * 1_000_000 + fraction
    }
    microseconds = micros
  }

  public var description: String {
    let (days, micros) = microseconds.quotientAndRemainder(dividingBy: 86_400_000_000)
    let adjustedDays = micros < 0 ? days - 1 : days
    let dayMicros = micros < 0 ? micros + 86_400_000_000 : micros
    let date = LocalDate(daysSinceEpoch: Int(adjustedDays))
    let seconds = dayMicros / 1_000_000
    let fraction = dayMicros % 1_000_000
    return "\(date)T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):"
      + "\(pad(seconds % 60, 2)).\(pad(fraction, 6))Z"
  }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.microseconds < rhs.microseconds
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let parsed = Timestamp(parsing: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(text)' is not a UTC timestamp")
    }
    self = parsed
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

private func pad(_ value: Int64, _ width: Int) -> String {
  let digits = String(value)
  return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
