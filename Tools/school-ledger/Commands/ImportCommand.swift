import Foundation
import LedgerImport
import LedgerStore

enum ImportCommand: LedgerCommand {
  static let name = "import"
  static let summary = "append events from JSON Lines, Ed-Fi XML or CSV registers"
  static let flags: Set<String> = ["dry-run", "skip-bad-rows"]
  static let help = """
    Usage: school-ledger import PATH... [--batch-size N] [--expect STREAM=VERSION]...
           school-ledger import --format csv --kind KIND FILE [--school CODE] [options]

    Each PATH is a file or a folder. In a folder every file the ledger recognises is
    imported and every other file is listed as skipped, with why. Recognised: JSON Lines
    of catalogue events (.jsonl, .ndjson) and Ed-Fi XML interchanges (organisations,
    calendar, attendance, interventions, assessment metadata and results; Student.xml is
    recognised and its identities are never imported).

    All files are read and checked before anything is written, and the events are
    appended in one transaction: a bad record anywhere (exit 65, naming file, record and
    field) leaves the log exactly as it was. Event ids come from the sources' natural keys,
    so importing the same files again appends nothing. Prints a summary on stdout.

    --batch-size N   commit every N events instead of all at once (still only after every
                     file was checked). A crash then keeps the batches already committed,
                     and running the same import again completes it without duplicates.
    --expect STREAM=VERSION
                     refuse to write unless school STREAM is at VERSION (a number, `none`
                     for a stream with no events yet, or `any`); exit 75 on a mismatch,
                     with nothing written. Repeat for several streams. A re-run whose
                     events are all stored already succeeds whatever it expected.

    \(csvHelp)
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    if let format = arguments.option("format") {
      guard format == "csv" else {
        throw UsageError(
          "--format takes csv; JSON Lines and Ed-Fi XML files are recognised without it")
      }
      return try runCSV(&arguments, environment)
    }
    for name in ["kind", "school", "register", "encoding", "mapping", "rejects"]
    where arguments.option(name) != nil {
      throw UsageError("--\(name) is for CSV files: add --format csv --kind KIND")
    }
    if arguments.flag("dry-run") || arguments.flag("skip-bad-rows") {
      throw UsageError("--dry-run and --skip-bad-rows are for CSV files: add --format csv")
    }
    var options = ImportOptions()
    if let text = arguments.option("batch-size") {
      guard let size = Int(text), size > 0 else {
        throw UsageError("--batch-size must be a positive number of events, not '\(text)'")
      }
      options.batchSize = size
    }
    for text in arguments.options("expect") {
      let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty else {
        throw UsageError("--expect takes STREAM=VERSION (a number, none or any), not '\(text)'")
      }
      switch parts[1] {
      case "any": options.expectations[parts[0]] = .any
      case "none": options.expectations[parts[0]] = .noStream
      default:
        guard let version = UInt64(parts[1]) else {
          throw UsageError("--expect \(parts[0])= needs a number, none or any")
        }
        options.expectations[parts[0]] = .exactly(version)
      }
    }
    let positionals = arguments.takePositionals()
    try arguments.finish()
    guard !positionals.isEmpty else {
      throw UsageError("name at least one file or folder to import")
    }
    let log = try environment.ledger.openLog()
    let importer = Importer(
      log: log, pseudonyms: try environment.ledger.pseudonyms(), actor: "importer",
      logger: environment.logger)
    let summary = try importer.importPaths(positionals, options: options)
    emit(render(summary))
    return ExitCode.ok
  }

  static func render(_ summary: ImportSummary) -> String {
    var lines: [String] = []
    for file in summary.files {
      lines.append(
        "read     \(file.file) (\(file.kind)): \(file.recordsRead) records, "
          + "\(file.events) events, \(file.gaps) gaps")
    }
    for skipped in summary.skipped {
      lines.append("skipped  \(skipped.file): \(skipped.reason)")
    }
    lines.append(
      "summary: \(summary.recordsRead) records read, \(summary.eventsProduced) events, "
        + "\(summary.appended) appended, \(summary.alreadyPresent) already present, "
        + "\(summary.gaps.filter { $0.kind == .assessmentWithoutSchool }.count) set aside "
        + "as gaps (not appended)")
    let gapsByKind = Dictionary(grouping: summary.gaps, by: \.kind)
    for kind in DataGapKind.allCases {
      guard let gaps = gapsByKind[kind] else { continue }
      lines.append("gap: \(gaps.count) x \(kind.rawValue)")
      for gap in gaps.prefix(5) {
        lines.append("  \(gap.file): \(gap.record): \(gap.detail)")
      }
      if gaps.count > 5 { lines.append("  ... and \(gaps.count - 5) more") }
    }
    if let head = summary.head {
      lines.append("log head: sequence \(head.sequence), hash \(ChainHash.hex(head.hash))")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
