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
    if let stored = Self.parseStoredForm(text) {
      self = stored
      return
    }
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

  /// The stored form, `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
  public var description: String {
    let (days, micros) = microseconds.quotientAndRemainder(dividingBy: 86_400_000_000)
    let adjustedDays = micros < 0 ? days - 1 : days
    let dayMicros = micros < 0 ? micros + 86_400_000_000 : micros
    let date = LocalDate(daysSinceEpoch: Int(adjustedDays))
    let seconds = Int(dayMicros / 1_000_000)
    // Written digit by digit: this runs for every event appended and read.
    return String(unsafeUninitializedCapacity: 27) { buffer in
      var end = 0
      func put(_ value: Int, width: Int, then separator: Character) {
        var rest = value
        for position in stride(from: end + width - 1, through: end, by: -1) {
          buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
          rest /= 10
        }
        buffer[end + width] = separator.asciiValue ?? 0
        end += width + 1
      }
      put(date.year, width: 4, then: "-")
      put(date.month, width: 2, then: "-")
      put(date.day, width: 2, then: "T")
      put(seconds / 3600, width: 2, then: ":")
      put(seconds / 60 % 60, width: 2, then: ":")
      put(seconds % 60, width: 2, then: ".")
      put(Int(dayMicros % 1_000_000), width: 6, then: "Z")
      return end
    }
  }

  /// Reads exactly `YYYY-MM-DDTHH:MM:SS.ffffffZ`, the form every record stores, without
  /// the general parser's splitting; nil for any other text.
  private static func parseStoredForm(_ text: String) -> Timestamp? {
    var text = text
    return text.withUTF8 { bytes -> Timestamp? in
      guard bytes.count == 27, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
        bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
        bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
        bytes[26] == UInt8(ascii: "Z")
      else { return nil }
      func number(_ start: Int, _ width: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<(start + width)] {
          let digit = byte &- UInt8(ascii: "0")
          guard digit < 10 else { return nil }
          value = value * 10 + Int(digit)
        }
        return value
      }
      guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
        let date = LocalDate(year: year, month: month, day: day),
        let hours = number(11, 2), hours < 24, let minutes = number(14, 2), minutes < 60,
        let seconds = number(17, 2), seconds < 60, let fraction = number(20, 6)
      else { return nil }
      let dayMicros = Int64((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + Int64(fraction)
      return Timestamp(microseconds: Int64(date.daysSinceEpoch) * 86_400_000_000 + dayMicros)
    }
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
