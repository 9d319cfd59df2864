import Foundation

/// How data is printed on stdout.
enum OutputFormat: String {
  case table, json, csv

  static func parse(_ text: String?) throws -> OutputFormat {
    guard let text else { return .table }
    guard let format = OutputFormat(rawValue: text) else {
      throw UsageError("--format must be table, json or csv, not '\(text)'")
    }
    return format
  }
}

/// A grid of text with fixed column order, printable in every format.
struct Grid {
  var columns: [String]
  var rows: [[String]]

  func render(_ format: OutputFormat) -> String {
    switch format {
    case .table: return table()
    case .csv:
      return ([columns] + rows).map { $0.map(csvField).joined(separator: ",") }
        .joined(separator: "\n") + "\n"
    case .json:
      let objects = rows.map { row in
        "{"
          + zip(columns, row).sorted { $0.0 < $1.0 }.map { "\(jsonString($0)):\(jsonString($1))" }
          .joined(separator: ",") + "}"
      }
      return "[" + objects.joined(separator: ",\n") + "]\n"
    }
  }

  private func table() -> String {
    // Control characters in stored text (a newline, a terminal escape) must not forge rows
    // or recolour an auditor's terminal: show them as visible escapes.
    let rows = rows.map { $0.map(Self.visible) }
    var widths = columns.map(displayWidth)
    for row in rows {
      for (index, cell) in row.enumerated() {
        widths[index] = max(widths[index], displayWidth(cell))
      }
    }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - displayWidth($0)) }
        .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(columns), rule] + rows.map(line)).joined(separator: "\n") + "\n"
  }

  static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    return text.unicodeScalars.map { scalar in
      isControl(scalar) ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }.joined()
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// Terminal columns a cell takes: Thai vowel and tone marks above and below the line take
  /// none, while SARA AM, which Swift counts inside its consonant's character, takes one.
  private func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .enclosingMark, .format: width
      default: width + 1
      }
    }
  }

  private func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  private func jsonString(_ text: String) -> String {
    let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}

/// JSON for data output: sorted keys, so the same data always prints the same bytes.
func prettyJSON<T: Encodable>(_ value: T) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
  return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}

/// Fixed-precision decimal text for tables and CSV.
func decimal(_ value: Double?, places: Int = 3) -> String {
  guard let value else { return "" }
  return String(format: "%.\(places)f", value)
}

/// Writes data to stdout.
func emit(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
}
