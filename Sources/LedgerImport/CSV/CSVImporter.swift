import Foundation
import LedgerEvents
import LedgerStore

/// Imports one CSV file of one kind (docs/IMPORT-CSV.md): decodes it, reads every row,
/// compares the records with the log's live events of the same register, and appends the
/// new events and the voids of corrected and removed records in one transaction.
///
/// A file with any rejected row appends nothing (an ``ImportFailure`` naming line and
/// column of each), unless ``CSVImportRequest/skipBadRows`` is set: then the good rows are
/// appended and the rejected ones written to a file to fix and import again.
public struct CSVImporter {
  /// The `source.system` of every event this importer makes.
  public static let sourceSystem = "csv"

  let log: EventLog
  let pseudonyms: PseudonymousKey
  let actor: String
  let logger: Logger

  public init(log: EventLog, pseudonyms: PseudonymousKey, actor: String, logger: Logger) {
    self.log = log
    self.pseudonyms = pseudonyms
    self.actor = actor
    self.logger = logger
  }

  public func importFile(_ request: CSVImportRequest) throws -> CSVImportReport {
    let file = request.path
    let (text, detected) = try decode(request)
    let separator = CSVTokenizer.detectSeparator(text)
    let rows: [CSVRow]
    do {
      rows = try CSVTokenizer(separator: separator).rows(text).filter { !$0.isBlank }
    } catch {
      throw Self.fileFailure(file, record: "line \(error.line)", error.message)
    }
    guard let header = rows.first else {
      throw Self.fileFailure(file, record: "file", "has no heading row and no data")
    }
    let (columns, unknownHeadings) = try resolveColumns(header, request)
    let registerName = try Self.registerName(request)

    var report = CSVImportReport(
      file: file, encoding: detected.description, separator: Self.separatorName(separator),
      layout: columns.layout, register: registerName)
    report.dryRun = request.dryRun
    let read = readRows(Array(rows.dropFirst()), columns: columns, request: request)
    report.rows = rows.count - 1
    report.records = read.records.count
    report.rejected = read.rejected.flatMap(\.errors)
    report.rejectedRows = read.rejected.count
    report.warnings = unknownHeadings + read.warnings
    for warning in report.warnings { logger.warning(warning.description) }
    if !read.rejected.isEmpty && !request.skipBadRows {
      throw ImportFailure(errors: report.rejected)
    }

    let planner = CSVCorrectionPlanner(kind: request.kind, registerName: registerName, actor: actor)
    let plan = try planner.plan(
      read.records, file: file, removalChecked: read.rejected.isEmpty, log: log)
    report.registers = plan.outcomes
    report.events = plan.events.count
    report.voids = plan.events.filter { $0.envelope.type == .eventVoided }.count
    if request.dryRun { return report }

    if !plan.events.isEmpty {
      let outcome = try append(plan.events)
      report.appended = outcome.appendedCount
      report.alreadyPresent = outcome.results.count - outcome.appendedCount
    }
    let head = try log.head()
    report.head = LedgerHeadSummary(sequence: head.sequence, hash: ChainHash.hex(head.hash))
    if !read.rejected.isEmpty {
      let path = request.rejectsPath ?? CSVRejectsFile.defaultPath(for: file)
      let rejectedRows = read.rejected.map { rejection in
        (
          fields: rows[rejection.rowIndex + 1].fields,
          problems: rejection.errors.map { "\($0.field): \($0.message)" }
        )
      }
      do {
        try CSVRejectsFile.write(
          header: header.fields, rows: rejectedRows, separator: separator, encoding: detected,
          to: path)
      } catch {
        throw StoreError(
          .io, "the good rows were appended, but \(path) cannot be written: \(error)")
      }
      report.rejectsFile = path
    }
    return report
  }

  // MARK: - Steps

  private func decode(_ request: CSVImportRequest) throws -> (String, ThaiTextEncoding.Detected) {
    let file = request.path
    guard let data = FileManager.default.contents(atPath: file) else {
      throw Self.fileFailure(file, record: "file", "does not exist or cannot be read")
    }
    let bytes = Array(data)
    let detected: ThaiTextEncoding.Detected
    if let given = request.encoding {
      detected = ThaiTextEncoding.Detected(
        encoding: given, hadByteOrderMark: given == .utf8 && bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    } else if let found = ThaiTextEncoding.detect(bytes) {
      detected = found
    } else {
      throw Self.fileFailure(
        file, record: "file",
        "is neither UTF-8 nor TIS-620/Windows-874; give --encoding utf-8|tis-620|windows-874")
    }
    do {
      let text = try detected.encoding.decode(bytes)
      // Thai text is stored in NFC (DOMAIN.md); separators and quotes are unaffected.
      return (text.precomposedStringWithCanonicalMapping, detected)
    } catch {
      throw Self.fileFailure(file, record: "line \(error.line(in: bytes))", error.message)
    }
  }

  private func resolveColumns(_ header: CSVRow, _ request: CSVImportRequest) throws -> (
    columns: CSVColumns, unknown: [ImportError]
  ) {
    let resolved = CSVColumns.resolve(
      header: header.fields, kind: request.kind, mapping: request.mapping)
    var problems = resolved.problems
    let unknown = resolved.unknown.map {
      ImportError(
        file: request.path, record: "line \(header.line)", field: $0,
        message: "not a known heading; ignored (map it in a mapping file if it matters)")
    }
    problems += Self.missingFields(resolved.columns, request)
    guard problems.isEmpty else {
      throw ImportFailure(
        errors: problems.map {
          ImportError(
            file: request.path, record: "line \(header.line)", field: "heading", message: $0)
        })
    }
    return (resolved.columns, unknown)
  }

  /// Headings the kind cannot do without, each named with the headings that would do.
  private static func missingFields(_ columns: CSVColumns, _ request: CSVImportRequest)
    -> [String]
  {
    func has(_ field: CSVField) -> Bool {
      columns.index(of: field) != nil || request.mapping.defaults[field] != nil
    }
    func missing(_ field: CSVField) -> String {
      let names = (CSVHeaderAliases.table[field] ?? []).prefix(4).joined(separator: "', '")
      return "no \(field.rawValue) column (headed e.g. '\(names)', or map one)"
    }
    var needed: [CSVField]
    switch request.kind {
    case .attendance: needed = columns.layout == .wide ? [] : [.date, .mark]
    case .enrolment: needed = [.gradeLevel, .entryDate]
    case .assessment: needed = [.assessment, .date]
    case .interventionSession: needed = [.date, .sessionKind, .minutes]
    case .planProgress: needed = [.plan, .goal, .value, .date]
    }
    var problems = needed.filter { !has($0) }.map(missing)
    let needsStudent = [.attendance, .enrolment, .assessment].contains(request.kind)
    if needsStudent && !has(.nationalId) && !has(.studentNumber) {
      problems.append(
        "no student column (a national id such as 'เลขประจำตัวประชาชน' or a student number "
          + "such as 'เลขประจำตัวนักเรียน')")
    }
    if request.kind == .assessment && !has(.score) && !has(.performanceLevel) {
      problems.append(missing(.score))
    }
    if request.kind == .attendance && columns.layout == .wide && columns.days.isEmpty {
      problems.append("a wide register needs columns headed by dates")
    }
    if !has(.school) && request.school == nil {
      problems.append("no school column; give --school CODE")
    }
    return problems
  }

  private struct RowsRead {
    var records: [CSVRecord] = []
    var rejected: [(rowIndex: Int, errors: [ImportError])] = []
    var warnings: [ImportError] = []
  }

  private func readRows(_ rows: [CSVRow], columns: CSVColumns, request: CSVImportRequest)
    -> RowsRead
  {
    var marks = CSVValueTables.attendanceMarks
    for (mark, category) in request.mapping.marks {
      marks[mark] = AttendanceCategory(rawValue: category)
    }
    let context = CSVRowContext(
      kind: request.kind, school: request.school ?? request.mapping.defaults[.school],
      pseudonyms: pseudonyms, marks: marks)
    var result = RowsRead()
    var firstLineOfKey: [String: Int] = [:]
    for (index, row) in rows.enumerated() {
      var reader = CSVRowReader(
        row: row, columns: columns, defaults: request.mapping.defaults, file: request.path)
      let records = CSVRowMapper.records(&reader, rowIndex: index, context: context)
      for record in records {
        if let earlier = firstLineOfKey[record.naturalKey] {
          reader.fail(
            column: "row", "repeats the record of line \(earlier) (same \(record.keyParts[0]) key)")
        }
        validate(record, &reader)
      }
      result.warnings += reader.warnings
      if reader.errors.isEmpty {
        for record in records { firstLineOfKey[record.naturalKey] = row.line }
        result.records += records
      } else {
        result.rejected.append((index, reader.errors))
      }
    }
    return result
  }

  /// The catalogue's own checks (text in NFC, no national-id-like text, dates C.E.), so
  /// that a problem is reported against its row rather than failing the append.
  private func validate(_ record: CSVRecord, _ reader: inout CSVRowReader) {
    let envelope = EventEnvelope(
      id: "csv/check", stream: record.school, occurredOn: record.occurredOn, actor: actor,
      source: EventSource(system: Self.sourceSystem, naturalKey: record.naturalKey),
      payload: record.payload)
    do {
      try envelope.validate()
    } catch {
      for issue in error.issues {
        let field = Self.csvField(forEventField: issue.field)
        reader.fail(column: field.map { reader.label($0) } ?? issue.field, issue.message)
      }
    }
  }

  /// The CSV field an event field was read from, so that a refused value is named by its
  /// column and heading; nil for fields no column fills.
  static func csvField(forEventField path: String) -> CSVField? {
    var name = Substring(path)
    if name.hasPrefix("payload.") { name = name.dropFirst("payload.".count) }
    if let bracket = name.firstIndex(of: "[") { name = name[..<bracket] }
    let fields: [Substring: CSVField] = [
      "occurredOn": .date, "date": .date, "reason": .reason, "localReason": .exitReason,
      "gradeLevel": .gradeLevel, "classroom": .classroom, "entryType": .entryType,
      "entryDate": .entryDate, "exitDate": .exitDate, "assessmentId": .assessment,
      "performanceLevel": .performanceLevel, "scores.value": .score,
      "scores.reportingMethod": .reportingMethod,
    ]
    return fields[name]
  }

  private func append(_ events: [PendingEvent]) throws -> AppendOutcome {
    do {
      return try log.append(events.map(\.envelope))
    } catch let error as StoreError where error.code == .idConflict || error.code == .invalidEvent {
      let sources = events.filter { $0.envelope.id == error.eventId }
      throw ImportFailure(
        errors: sources.map {
          ImportError(file: $0.file, record: $0.record, field: "-", message: error.message)
        }.ifEmpty([
          ImportError(file: "(import)", record: "-", field: "-", message: error.message)
        ]))
    }
  }

  // MARK: - Names

  /// `--register`, else the file's base name without its extension, in NFC.
  static func registerName(_ request: CSVImportRequest) throws -> String {
    let name =
      (request.register
      ?? URL(fileURLWithPath: request.path).deletingPathExtension().lastPathComponent)
      .precomposedStringWithCanonicalMapping
    if name.isEmpty || name.contains("/")
      || name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
      || PersonalData.looksLikeNationalId(name)
    {
      throw fileFailure(
        request.path, record: "register",
        "'\(name)' cannot name a register; give --register NAME (no slashes, no ids)")
    }
    return name
  }

  static func separatorName(_ separator: Unicode.Scalar) -> String {
    switch separator {
    case ";": "semicolon"
    case "\t": "tab"
    default: "comma"
    }
  }

  static func fileFailure(_ file: String, record: String, _ message: String) -> ImportFailure {
    ImportFailure(errors: [ImportError(file: file, record: record, field: "-", message: message)])
  }
}

extension Array {
  fileprivate func ifEmpty(_ replacement: [Element]) -> [Element] {
    isEmpty ? replacement : self
  }
}
