import Foundation
import LedgerEvents

/// Reads the fields of one Ed-Fi record, collecting every problem rather than stopping at
/// the first, so that a user can fix a record in one pass.
///
/// Paths are element names below the record, e.g. `("AttendanceEvent", "EventDate")`;
/// errors name the last one, which is how Ed-Fi documentation names fields.
struct EdFiFieldReader {
  let record: EdFiRecord
  let file: String
  private(set) var errors: [ImportError] = []

  init(_ record: EdFiRecord, file: String) {
    self.record = record
    self.file = file
  }

  /// The record as errors and gaps name it.
  var label: String { record.label }

  mutating func fail(_ field: String, _ message: String) {
    errors.append(ImportError(file: file, record: label, field: field, message: message))
  }

  /// Trimmed text at `path`, or nil when the element is absent or empty.
  func optional(_ path: String...) -> String? {
    text(at: path)
  }

  /// Trimmed text at `path`; absent or empty is an error.
  mutating func required(_ path: String...) -> String? {
    requiredText(at: path)
  }

  /// An ISO `YYYY-MM-DD` date at `path`; absent or malformed is an error.
  mutating func date(_ path: String...) -> String? {
    guard let text = requiredText(at: path) else { return nil }
    return checkedDate(text, field: path.last ?? "-", at: path)
  }

  /// An ISO date at `path` when present; malformed is an error, absent is nil.
  mutating func optionalDate(_ path: String...) -> String? {
    guard let text = text(at: path) else { return nil }
    return checkedDate(text, field: path.last ?? "-", at: path)
  }

  /// An Ed-Fi date-time (`2021-09-28T15:00:00`) or date at `path`, split into the school
  /// day and the clock time as written. Ed-Fi date-times carry no zone and are taken as
  /// the school's local time; a zone, if written, is not applied.
  mutating func dateTime(_ path: String...) -> (date: String, time: String?)? {
    guard let text = requiredText(at: path) else { return nil }
    let field = path.last ?? "-"
    let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
    guard let day = parts.first, LocalDate(day) != nil else {
      fail(field, "'\(text)' is not an ISO date or date-time (YYYY-MM-DD[THH:MM:SS])")
      return nil
    }
    guard parts.count == 2 else { return (day, nil) }
    // The clock as written, before any fraction of a second or zone.
    let clock = String(parts[1].prefix { $0.isASCII && ($0.isNumber || $0 == ":") })
    guard Self.isClockTime(clock) else {
      fail(field, "'\(text)' does not have a time of day HH:MM[:SS] after the T")
      return nil
    }
    return (day, clock)
  }

  /// The catalogue code of the required descriptor at `path`.
  mutating func descriptor<Code>(_ map: EdFiDescriptorMap<Code>, _ path: String...) -> Code? {
    guard let text = requiredText(at: path) else { return nil }
    return code(map, text: text, field: path.last ?? "-")
  }

  /// The catalogue code of the descriptor at `path` when present; nil when absent.
  mutating func optionalDescriptor<Code>(_ map: EdFiDescriptorMap<Code>, _ path: String...)
    -> Code?
  {
    guard let text = text(at: path) else { return nil }
    return code(map, text: text, field: path.last ?? "-")
  }

  /// The catalogue code of a descriptor element already found (one of a repeated list).
  mutating func descriptor<Code>(_ map: EdFiDescriptorMap<Code>, in element: EdFiElement)
    -> Code?
  {
    code(map, text: element.text, field: element.name)
  }

  /// A whole number at `path`; absent or not a number is an error.
  mutating func integer(_ path: String..., in range: ClosedRange<Int>) -> Int? {
    guard let text = requiredText(at: path) else { return nil }
    guard let number = Int(text), range.contains(number) else {
      fail(path.last ?? "-", "'\(text)' is not a whole number in \(range)")
      return nil
    }
    return number
  }

  /// A decimal number at `path` when present; not a number is an error.
  mutating func optionalDecimal(_ path: String...) -> Double? {
    guard let text = text(at: path) else { return nil }
    guard let number = Double(text), number.isFinite else {
      fail(path.last ?? "-", "'\(text)' is not a number")
      return nil
    }
    return number
  }

  /// Whether `text` is a time of day `HH:MM` or `HH:MM:SS`.
  static func isClockTime(_ text: String) -> Bool {
    let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
    let limits = [24, 60, 60]
    guard pieces.count == 2 || pieces.count == 3 else { return false }
    return zip(pieces, limits).allSatisfy { piece, limit in
      piece.count == 2 && Int(piece).map { (0..<limit).contains($0) } == true
    }
  }

  // MARK: Helpers

  private func text(at path: [String]) -> String? {
    guard let element = record.element.element(at: path), !element.text.isEmpty else {
      return nil
    }
    return element.text
  }

  private mutating func requiredText(at path: [String]) -> String? {
    if let found = text(at: path) { return found }
    let location = path.joined(separator: "/")
    fail(path.last ?? "-", "is required but missing (\(location) in \(record.element.name))")
    return nil
  }

  private mutating func checkedDate(_ text: String, field: String, at path: [String])
    -> String?
  {
    guard LocalDate(text) != nil else {
      let line = record.element.element(at: path).map { " (line \($0.line))" } ?? ""
      fail(field, "'\(text)' is not an ISO date YYYY-MM-DD\(line)")
      return nil
    }
    return text
  }

  private mutating func code<Code>(_ map: EdFiDescriptorMap<Code>, text: String, field: String)
    -> Code?
  {
    do {
      return try map.code(for: text)
    } catch {
      fail(field, error.message)
      return nil
    }
  }
}
