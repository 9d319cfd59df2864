import LedgerEvents

/// One fact read from a CSV row, before it gets its event id: a row of a wide register
/// gives one per marked day, an enrolment row with an exit gives two.
struct CSVRecord: Sendable {
  /// The school stream it belongs to.
  var school: String
  /// Its identity within the school: the kind, then the source's identifying fields with
  /// students as pseudonymous keys, e.g. `attendance`, `stu-…`, `2024-06-03`.
  var keyParts: [String]
  var occurredOn: String
  var payload: EventPayload
  /// The line of the row it came from, and the row's index among the data rows.
  var line: Int
  var rowIndex: Int

  /// `school/kind/…`, each part with `%` and `/` escaped so parts cannot run together.
  var naturalKey: String {
    ([school] + keyParts).map { part in
      part.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    }.joined(separator: "/")
  }
}

/// What every row of one file shares while it is mapped.
struct CSVRowContext: Sendable {
  let kind: CSVKind
  /// The school from `--school` (or the mapping's default), for rows without a school cell.
  let school: String?
  let pseudonyms: PseudonymousKey
  /// The mark table with the mapping file's marks added.
  let marks: [String: AttendanceCategory]

  /// The row's school: its cell, else the one given for the file.
  func school(_ reader: inout CSVRowReader) -> String? {
    if let code = reader.text(.school) ?? school {
      return ThaiDigits.westernised(code)
    }
    reader.fail(column: "school", "no school code: add a school column or give --school")
    return nil
  }
}

/// Turns rows into records, one kind of file at a time.
enum CSVRowMapper {
  static func records(
    _ reader: inout CSVRowReader, rowIndex: Int, context: CSVRowContext
  ) -> [CSVRecord] {
    guard let school = context.school(&reader) else { return [] }
    var partial: [CSVRecord.Partial]
    switch context.kind {
    case .attendance:
      partial =
        reader.columns.layout == .wide
        ? CSVAttendanceRows.wide(&reader, school: school, context: context)
        : CSVAttendanceRows.long(&reader, school: school, context: context)
    case .enrolment: partial = CSVEnrolmentRows.records(&reader, school: school, context: context)
    case .assessment:
      partial = CSVAssessmentRows.records(&reader, school: school, context: context)
    case .interventionSession:
      partial = CSVInterventionSessionRows.records(&reader, school: school, context: context)
    case .planProgress: partial = CSVPlanProgressRows.records(&reader)
    }
    if !reader.errors.isEmpty { partial = [] }
    return partial.map {
      CSVRecord(
        school: school, keyParts: $0.keyParts, occurredOn: $0.occurredOn, payload: $0.payload,
        line: reader.row.line, rowIndex: rowIndex)
    }
  }
}

extension CSVRecord {
  /// What a per-kind reader gives for one fact of a row.
  struct Partial {
    var keyParts: [String]
    var occurredOn: String
    var payload: EventPayload
  }
}
