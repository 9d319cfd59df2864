import Foundation

/// Writes the rejected rows of a file back out in the file's own shape, its heading row
/// and separator and encoding, with one more column, `import-error`, saying what is wrong.
/// The user fixes the rows and imports the file as it is; the importer ignores the
/// `import-error` column.
enum CSVRejectsFile {
  /// `register.csv` → `register.rejected.csv`, beside the input.
  static func defaultPath(for input: String) -> String {
    let url = URL(fileURLWithPath: input)
    let base = url.deletingPathExtension().lastPathComponent
    let ext = url.pathExtension.isEmpty ? "csv" : url.pathExtension
    return url.deletingLastPathComponent().appendingPathComponent("\(base).rejected.\(ext)").path
  }

  static func write(
    header: [String], rows: [(fields: [String], problems: [String])], separator: Unicode.Scalar,
    encoding: ThaiTextEncoding.Detected, to path: String
  ) throws {
    let hadColumn = header.last.map { CSVHeaderAliases.normalise($0) == "import-error" } ?? false
    var lines = [(hadColumn ? header.dropLast() : header[...]) + ["import-error"]]
    for row in rows {
      var fields = row.fields
      if hadColumn, fields.count == header.count { fields.removeLast() }
      fields += Array(repeating: "", count: max(0, header.count - fields.count))
      lines.append(fields[...] + [row.problems.joined(separator: "; ")])
    }
    let text =
      lines.map { $0.map { quoted($0, separator) }.joined(separator: String(separator)) }
      .joined(separator: "\r\n") + "\r\n"
    var bytes = encoding.hadByteOrderMark ? [UInt8]([0xEF, 0xBB, 0xBF]) : []
    bytes += try encoding.encoding.encode(text)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  private static func quoted(_ field: String, _ separator: Unicode.Scalar) -> String {
    let special = field.unicodeScalars.contains {
      $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r"
    }
    guard special else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
