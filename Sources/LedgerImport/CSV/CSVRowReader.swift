import Foundation
import LedgerEvents

/// Reads one data row's fields by meaning, collecting every problem with the column it is
/// in, so that a row is reported whole and a user can fix it in one pass.
struct CSVRowReader {
  let row: CSVRow
  let columns: CSVColumns
  let defaults: [CSVField: String]
  let file: String
  private(set) var errors: [ImportError] = []
  private(set) var warnings: [ImportError] = []

  init(row: CSVRow, columns: CSVColumns, defaults: [CSVField: String], file: String) {
    self.row = row
    self.columns = columns
    self.defaults = defaults
    self.file = file
  }

  /// The cell at `index`, trimmed, its line breaks and tabs read as spaces (the log keeps
  /// no control characters); nil when blank or missing from a short row.
  func cell(_ index: Int) -> String? {
    guard index < row.fields.count else { return nil }
    let text = row.fields[index]
      .split(whereSeparator: { $0.isNewline || $0 == "\t" })
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
      .joined(separator: " ")
    return text.isEmpty ? nil : text
  }

  /// The field's text: its cell, or the mapping file's default when the column is absent
  /// or the cell blank.
  func text(_ field: CSVField) -> String? {
    if let index = columns.index(of: field), let value = cell(index) { return value }
    return defaults[field]
  }

  /// Where `field` was read from, for messages.
  func label(_ field: CSVField) -> String {
    if let index = columns.index(of: field) { return columns.label(index) }
    return defaults[field] != nil ? "mapping default \(field.rawValue)" : field.rawValue
  }

  mutating func required(_ field: CSVField) -> String? {
    guard let value = text(field) else {
      fail(field, "is empty; \(field.rawValue) is required")
      return nil
    }
    return value
  }

  /// The field as an ISO date, from any form ``ThaiDateParser`` reads.
  mutating func date(_ field: CSVField, required: Bool = true) -> String? {
    guard let value = required ? self.required(field) : text(field) else { return nil }
    switch ThaiDateParser.parse(value) {
    case .success(let date): return date.description
    case .failure(let problem):
      fail(field, problem.description)
      return nil
    }
  }

  /// The field as a number, Thai digits allowed.
  mutating func number(_ field: CSVField) -> Double? {
    guard let value = text(field) else { return nil }
    guard let number = Self.number(value) else {
      fail(field, "'\(value)' is not a number")
      return nil
    }
    return number
  }

  /// The field looked up in a table of words; nil and an error naming the value when the
  /// table has no such word.
  mutating func coded<Code>(_ field: CSVField, _ table: [String: Code], what: String) -> Code? {
    guard let value = text(field) else { return nil }
    guard let code = table[CSVValueTables.lookupKey(value)] else {
      fail(field, "'\(value)' is not a known \(what)")
      return nil
    }
    return code
  }

  mutating func fail(_ field: CSVField, _ message: String) {
    fail(column: label(field), message)
  }

  mutating func fail(column: String, _ message: String) {
    errors.append(
      ImportError(file: file, record: "line \(row.line)", field: column, message: message))
  }

  mutating func warn(_ field: CSVField, _ message: String) {
    warnings.append(
      ImportError(file: file, record: "line \(row.line)", field: label(field), message: message))
  }

  /// A decimal number written with Western or Thai digits, e.g. `17.5` or `๑๗.๕`.
  static func number(_ text: String) -> Double? {
    let western = ThaiDigits.westernised(text).trimmingCharacters(in: .whitespaces)
    guard !western.isEmpty,
      western.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
      let value = Double(western), value.isFinite
    else { return nil }
    return value
  }
}
