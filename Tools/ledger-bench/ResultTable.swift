import Foundation

/// One measured figure: the ledger's value and, where one exists, each baseline's value
/// for the same work on the same events.
struct Figure {
  var name: String
  var unit: String
  var ledger: Double?
  var rawLMDB: Double?
  var sqliteNormal: Double?
  var sqliteFull: Double?
  /// Digits after the decimal point when printed.
  var digits = 0

  /// The ledger's value divided by a baseline's.
  func ratio(_ baseline: Double?) -> Double? {
    guard let ledger, let baseline, baseline > 0 else { return nil }
    return ledger / baseline
  }
}

/// The figures of one run, printed as an aligned text table.
struct ResultTable {
  var figures: [Figure] = []

  /// Names of every figure a complete run prints, in order; the smoke test checks them.
  static let columns = [
    "figure", "unit", "ledger", "raw LMDB", "SQLite NORMAL", "SQLite FULL", "÷raw", "÷NORMAL",
    "÷FULL",
  ]

  mutating func add(_ figure: Figure) {
    figures.append(figure)
  }

  /// The table's lines.
  func render() -> [String] {
    let rows = figures.map { figure -> [String] in
      [
        figure.name, figure.unit, Self.number(figure.ledger, figure.digits),
        Self.number(figure.rawLMDB, figure.digits), Self.number(figure.sqliteNormal, figure.digits),
        Self.number(figure.sqliteFull, figure.digits), Self.ratio(figure.ratio(figure.rawLMDB)),
        Self.ratio(figure.ratio(figure.sqliteNormal)), Self.ratio(figure.ratio(figure.sqliteFull)),
      ]
    }
    return TextTable.lines(header: Self.columns, rows: rows, rightAligned: Set(2..<9))
  }

  static func number(_ value: Double?, _ digits: Int) -> String {
    guard let value else { return "-" }
    if digits == 0 { return grouped(Int(value.rounded())) }
    return String(format: "%.\(digits)f", value)
  }

  static func ratio(_ value: Double?) -> String {
    guard let value else { return "" }
    return value >= 10 ? String(format: "%.0f", value) : String(format: "%.2f", value)
  }

  /// A whole number with thousands separated by commas.
  static func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return (value < 0 ? "-" : "") + out
  }
}

/// Plain aligned columns separated by two spaces, with a dashed rule under the header.
enum TextTable {
  static func lines(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
    var widths = header.map(\.count)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        let pad = String(repeating: " ", count: widths[index] - cell.count)
        return rightAligned.contains(index) ? pad + cell : cell + pad
      }.joined(separator: "  ").replacingOccurrences(
        of: "\\s+$", with: "", options: .regularExpression)
    }
    return [line(header), line(widths.map { String(repeating: "-", count: $0) })]
      + rows.map(line)
  }
}
