/// One record of a CSV file: its fields and the line it starts on.
struct CSVRow: Sendable, Equatable {
  /// The 1-based line of the file the record starts on; a quoted field with newlines makes
  /// a record span several lines.
  var line: Int
  var fields: [String]

  /// Whether every field is empty or blank, as spreadsheets write for an empty row.
  var isBlank: Bool {
    fields.allSatisfy { $0.allSatisfy(\.isWhitespace) }
  }
}

/// Splits CSV text into records, after RFC 4180 as spreadsheets write it: fields separated
/// by one separator character, records by CR LF, LF or CR, and fields in double quotes may
/// hold separators, newlines and doubled quotes (`""` for `"`).
///
/// A quote in the middle of an unquoted field is kept as text, as spreadsheets read it. A
/// quoted field still open at the end of the file is an error naming the line it opened on.
struct CSVTokenizer {
  /// The separator: `,`, `;` or a tab.
  let separator: Unicode.Scalar

  /// The records of `text`, blank ones included (callers decide what a blank row means).
  func rows(_ text: String) throws(CSVTokenizerError) -> [CSVRow] {
    var rows: [CSVRow] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var recordLine = 1
    var quoted = false
    var quoteOpenedOn = 0
    var afterClosingQuote = false
    var previousWasCR = false
    var fieldStarted = false

    func endField() {
      fields.append(String(field))
      field = String.UnicodeScalarView()
      afterClosingQuote = false
      fieldStarted = false
    }

    for scalar in text.unicodeScalars {
      if scalar == "\n" && previousWasCR {
        // The LF of a CR LF pair: the CR already ended the line.
        previousWasCR = false
        continue
      }
      previousWasCR = scalar == "\r"
      let isNewline = scalar == "\n" || scalar == "\r"
      if quoted {
        if scalar == "\"" {
          quoted = false
          afterClosingQuote = true
        } else {
          field.append(isNewline ? "\n" : scalar)
        }
        if isNewline { line += 1 }
        continue
      }
      if scalar == "\"" && afterClosingQuote {
        // `""` inside a quoted field: a literal quote, and the field goes on quoted.
        field.append("\"")
        quoted = true
        afterClosingQuote = false
      } else if scalar == "\"" && !fieldStarted {
        quoted = true
        quoteOpenedOn = line
        fieldStarted = true
      } else if scalar == separator {
        endField()
      } else if isNewline {
        endField()
        rows.append(CSVRow(line: recordLine, fields: fields))
        fields = []
        line += 1
        recordLine = line
      } else {
        field.append(scalar)
        fieldStarted = true
      }
    }
    if quoted {
      throw CSVTokenizerError(
        line: quoteOpenedOn, message: "a quoted field opened here is never closed")
    }
    if fieldStarted || !fields.isEmpty || !field.isEmpty {
      endField()
      rows.append(CSVRow(line: recordLine, fields: fields))
    }
    return rows
  }

  /// The separator a file uses, judged from its first line: whichever of comma, semicolon
  /// and tab occurs most often outside quotes (a comma when none does).
  static func detectSeparator(_ text: String) -> Unicode.Scalar {
    var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
    var quoted = false
    for scalar in text.unicodeScalars {
      if scalar == "\"" { quoted.toggle() }
      if quoted { continue }
      if scalar == "\n" || scalar == "\r" { break }
      if counts[scalar] != nil { counts[scalar, default: 0] += 1 }
    }
    let ordered: [Unicode.Scalar] = [",", ";", "\t"]
    return ordered.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }.flatMap {
      (counts[$0] ?? 0) > 0 ? $0 : nil
    } ?? ","
  }
}

/// A file that cannot be split into records.
struct CSVTokenizerError: Error, Sendable, Equatable {
  var line: Int
  var message: String
}
