import Foundation

/// A calendar date without time zone, in the proleptic Gregorian calendar, C.E. years.
///
/// Stored and printed as ISO `YYYY-MM-DD`. Thai documents' Buddhist Era years and Thai
/// digits are accepted by ``init(thai:)`` and produced by ``buddhistDescription``.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Parses strict ISO `YYYY-MM-DD`, rejecting dates that do not exist (2023-02-29).
  public init?(_ text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-")
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard byte >= 48, byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else {
      return nil
    }
    self.init(year: y, month: m, day: d)
  }

  /// Builds a date from parts, or nil when the parts name no real day.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...LocalDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date `days` after 1970-01-01 (negative: before).
  public init(daysSinceEpoch days: Int) {
    // Civil-from-days over 400-year eras of 146,097 days, with years starting in March so
    // that the leap day falls at the end of the year.
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let marchMonth = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
    month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Days since 1970-01-01.
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let marchMonth = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * marchMonth + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// ISO weekday: 1 Monday ... 7 Sunday.
  public var isoWeekday: Int {
    let d = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday
    return (d < 0 ? d + 7 : d) + 1
  }

  /// The date `count` days later (earlier when negative).
  public func adding(days count: Int) -> LocalDate {
    LocalDate(daysSinceEpoch: daysSinceEpoch + count)
  }

  public var description: String {
    let y = String(year)
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return String(repeating: "0", count: 4 - y.count) + y + "-" + m + "-" + d
  }

  /// The date with its year in the Buddhist Era (C.E. + 543), e.g. `2567-05-16`.
  public var buddhistDescription: String {
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(year + 543)-\(m)-\(d)"
  }

  public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

extension LocalDate {
  /// The Thai academic year a date falls in, named by the B.E. year it starts in.
  ///
  /// Term 1 usually opens in mid May, so dates from April on belong to the year that
  /// starts that calendar year. This is a naming convenience only: which days are
  /// instructional always comes from a published calendar.
  public var thaiAcademicYear: Int {
    (month >= 4 ? year : year - 1) + 543
  }

  /// Parses ISO dates and Thai forms: Thai digits (๐–๙) and Buddhist Era years (a year of
  /// 2400 or more is taken as B.E.), as `YYYY-MM-DD` or `D/M/YYYY`.
  public init?(thai text: String) {
    let western = String(
      text.unicodeScalars.map { scalar -> Character in
        if (0x0E50...0x0E59).contains(scalar.value),
          let digit = Unicode.Scalar(scalar.value - 0x0E50 + 48)
        {
          return Character(digit)
        }
        return Character(scalar)
      }
    ).trimmingCharacters(in: .whitespaces)
    var parts: [Int]
    if western.contains("/") {
      let pieces = western.split(separator: "/").map { Int($0) }
      guard pieces.count == 3, let d = pieces[0], let m = pieces[1], let y = pieces[2] else {
        return nil
      }
      parts = [y, m, d]
    } else {
      let pieces = western.split(separator: "-").map { Int($0) }
      guard pieces.count == 3, let y = pieces[0], let m = pieces[1], let d = pieces[2] else {
        return nil
      }
      parts = [y, m, d]
    }
    if parts[0] >= 2400 { parts[0] -= 543 }
    self.init(year: parts[0], month: parts[1], day: parts[2])
  }
}
