import Foundation
import LedgerImport
import LedgerStore

extension ImportCommand {
  static let csvHelp = """
    CSV registers and score sheets (docs/IMPORT-CSV.md):

      school-ledger import --format csv --kind KIND FILE [--school CODE]

    KIND is attendance, enrolment, assessment, intervention-session or plan-progress.
    Columns are found by their headings, Thai or English (วันที่/date, สถานะ/status,
    เลขประจำตัวประชาชน/national id, เลขประจำตัวนักเรียน/student id, ...); name columns are
    read and dropped, and student ids are turned into pseudonymous keys on the way in. An
    attendance file whose headings are dates is a wide register (one column per day).
    UTF-8 (with or without BOM) and TIS-620/Windows-874 are detected; comma, semicolon and
    tab separators too. Dates may be ISO or day/month/year, with B.E. or C.E. years and
    Thai digits.

    A file with any bad row appends nothing (exit 65, naming line, column and reason).

    Re-importing a register compares it with what the ledger holds from it: unchanged
    records append nothing; a changed record appends a void of its old event and the new
    event; a record the file no longer holds is voided as removed. A register is the
    school, the kind and the register name (--register, else the file's base name).

    --school CODE    school for rows without a school column
    --register NAME  the register's name (default: the file name without extension); give
                     the same name when a corrected file is saved under another name
    --mapping FILE   a JSON mapping file: other headings, marks, defaults, layout
    --encoding E     utf-8, tis-620 or windows-874, instead of detecting it
    --dry-run        read, check and compare, print the summary, write nothing
    --skip-bad-rows  append the good rows; write the bad ones, with an import-error
                     column, to NAME.rejected.csv beside the file (or --rejects PATH), to
                     fix and import again as they are. Nothing is voided as removed then.
    """

  static func runCSV(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws
    -> Int32
  {
    let kindText = try arguments.requiredOption(
      "kind", hint: "attendance|enrolment|assessment|intervention-session|plan-progress")
    guard let kind = CSVKind(rawValue: kindText) else {
      throw UsageError(
        "--kind must be one of "
          + CSVKind.allCases.map(\.rawValue).joined(separator: ", ") + ", not '\(kindText)'")
    }
    var encoding: ThaiTextEncoding?
    if let text = arguments.option("encoding") {
      guard let given = ThaiTextEncoding(rawValue: text.lowercased()) else {
        throw UsageError("--encoding must be utf-8, tis-620 or windows-874, not '\(text)'")
      }
      encoding = given
    }
    let mapping = try arguments.option("mapping").map(CSVMapping.load) ?? CSVMapping()
    var request = CSVImportRequest(
      path: "", kind: kind, school: arguments.option("school"),
      register: arguments.option("register"), encoding: encoding, mapping: mapping,
      skipBadRows: arguments.flag("skip-bad-rows"), rejectsPath: arguments.option("rejects"),
      dryRun: arguments.flag("dry-run"))
    if arguments.option("batch-size") != nil || !arguments.options("expect").isEmpty {
      throw UsageError("--batch-size and --expect are not for CSV files: a CSV import is one batch")
    }
    let positionals = arguments.takePositionals()
    try arguments.finish()
    guard positionals.count == 1, let path = positionals.first else {
      throw UsageError("name one CSV file to import (import CSV files one at a time)")
    }
    request.path = path

    let log = try environment.ledger.openLog()
    let importer = CSVImporter(
      log: log, pseudonyms: try environment.ledger.pseudonyms(), actor: "importer",
      logger: environment.logger)
    let report = try importer.importFile(request)
    if !report.rejected.isEmpty {
      environment.logger.warning(
        "rejected rows: \(report.rejectedRows)\n"
          + ImportFailure(errors: report.rejected).description)
    }
    emit(render(report))
    return ExitCode.ok
  }

  static func render(_ report: CSVImportReport) -> String {
    var lines = [
      "read     \(report.file) (CSV \(report.layout.rawValue), \(report.encoding), "
        + "\(report.separator)): \(report.rows) rows, \(report.records) records, "
        + "\(report.rejectedRows) rejected, \(report.warnings.count) warnings"
    ]
    for outcome in report.registers {
      let removed = outcome.removalChecked ? "\(outcome.removed) removed" : "removed not checked"
      lines.append(
        "register \(outcome.school) '\(outcome.register)': \(outcome.new) new, "
          + "\(outcome.unchanged) unchanged, \(outcome.corrected) corrected, \(removed)")
    }
    if let rejects = report.rejectsFile {
      lines.append("rejected rows written to \(rejects): fix them and import that file")
    }
    if report.dryRun {
      lines.append(
        "dry run: nothing written; would append \(report.events) events "
          + "(\(report.events - report.voids) new, \(report.voids) voids)")
    } else {
      lines.append(
        "summary: \(report.appended) appended (\(report.events - report.voids) events, "
          + "\(report.voids) voids), \(report.alreadyPresent) already present")
    }
    if let head = report.head {
      lines.append("log head: sequence \(head.sequence), hash \(head.hash)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
