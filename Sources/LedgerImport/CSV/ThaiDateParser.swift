import Foundation
import LedgerEvents

/// Reads the dates Thai school files hold into ISO C.E. dates.
///
/// Accepted: ISO `YYYY-MM-DD`; day first `D/M/YYYY` (also with `-` or `.`); and a day, a
/// month name and a year (`3 มิ.ย. 2567`, `3 มิถุนายน 2567`, `3 Jun 2024`). Digits may be
/// Thai. The era is recognised by the year's value: 2400 or more is the Buddhist Era
/// (C.E. + 543), below that C.E. Two-digit years are refused, since `67` could be B.E. 2567
/// or C.E. 2067; month-first (American) dates are not read, so `6/3/2024` is 6 March.
enum ThaiDateParser {
  /// The year from which a year is taken as B.E.: B.E. 2400 is C.E. 1857, before any
  /// record this ledger keeps, and C.E. 2400 is far ahead.
  static let buddhistEraThreshold = 2400

  /// The ISO date `text` names, or why it names none.
  static func parse(_ text: String) -> Result<LocalDate, DateProblem> {
    let western = ThaiDigits.westernised(text).trimmingCharacters(in: .whitespaces)
    guard !western.isEmpty else { return .failure(DateProblem("is empty")) }
    let parts: (year: Int, month: Int, day: Int)
    if let numeric = numericParts(western) {
      parts = numeric
    } else if let named = namedMonthParts(western) {
      parts = named
    } else {
      return .failure(
        DateProblem("'\(text)' is not a date (ISO 2024-06-03, or 3/6/2567 day first)"))
    }
    guard parts.year >= 1000 else {
      return .failure(
        DateProblem("'\(text)' has a short year; write it in full (2567 B.E. or 2024 C.E.)"))
    }
    let year = parts.year >= buddhistEraThreshold ? parts.year - 543 : parts.year
    guard let date = LocalDate(year: year, month: parts.month, day: parts.day) else {
      return .failure(DateProblem("'\(text)' names no real day"))
    }
    return .success(date)
  }

  private static func numericParts(_ text: String) -> (year: Int, month: Int, day: Int)? {
    for separator: Character in ["-", "/", "."] where text.contains(separator) {
      let pieces = text.split(separator: separator, omittingEmptySubsequences: false)
      guard pieces.count == 3, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
        let first = Int(pieces[0]), let second = Int(pieces[1]), let third = Int(pieces[2])
      else { return nil }
      // Year first only as ISO (four digits first); otherwise the day comes first.
      if pieces[0].count == 4 { return (first, second, third) }
      return (third, second, first)
    }
    return nil
  }

  private static func namedMonthParts(_ text: String) -> (year: Int, month: Int, day: Int)? {
    let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
    guard words.count == 3 || words.count == 4, let day = Int(words[0]),
      let year = Int(words[words.count - 1])
    else { return nil }
    let monthWords = words[1..<(words.count - 1)].joined(separator: " ")
    // "พ.ศ." (B.E.) or "ค.ศ." (C.E.) may stand before the year; the year's value decides.
    let monthName =
      words.count == 4 && ["พ.ศ.", "ค.ศ."].contains(words[2]) ? words[1] : monthWords
    guard let month = monthNumber(monthName) else { return nil }
    return (year, month, day)
  }

  static func monthNumber(_ name: String) -> Int? {
    let key = name.lowercased().precomposedStringWithCanonicalMapping
    for (index, names) in monthNames.enumerated() where names.contains(key) {
      return index + 1
    }
    return nil
  }

  /// Month names, January first: Thai full and abbreviated, English full and abbreviated.
  static let monthNames: [Set<String>] = [
    ["มกราคม", "ม.ค.", "มค", "january", "jan"],
    ["กุมภาพันธ์", "ก.พ.", "กพ", "february", "feb"],
    ["มีนาคม", "มี.ค.", "มีค", "march", "mar"],
    ["เมษายน", "เม.ย.", "เมย", "april", "apr"],
    ["พฤษภาคม", "พ.ค.", "พค", "may"],
    ["มิถุนายน", "มิ.ย.", "มิย", "june", "jun"],
    ["กรกฎาคม", "ก.ค.", "กค", "july", "jul"],
    ["สิงหาคม", "ส.ค.", "สค", "august", "aug"],
    ["กันยายน", "ก.ย.", "กย", "september", "sep", "sept"],
    ["ตุลาคม", "ต.ค.", "ตค", "october", "oct"],
    ["พฤศจิกายน", "พ.ย.", "พย", "november", "nov"],
    ["ธันวาคม", "ธ.ค.", "ธค", "december", "dec"],
  ].map { Set($0.map { $0.precomposedStringWithCanonicalMapping }) }
}

/// Why a text is not a date, said so a user can fix the cell.
struct DateProblem: Error, Sendable, Equatable, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
