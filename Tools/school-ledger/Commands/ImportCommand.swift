import Foundation
import LedgerImport
import LedgerStore

enum ImportCommand: LedgerCommand {
  static let name = "import"
  static let summary = "append events from JSON Lines or Ed-Fi XML files and folders"
  static let help = """
    Usage: school-ledger import PATH... [--ledger PATH]

    Each PATH is a file or a folder. In a folder every file the ledger recognises is
    imported and every other file is listed as skipped, with why. Recognised: JSON Lines
    of catalogue events (.jsonl, .ndjson) and Ed-Fi XML interchanges (organisations,
    calendar, attendance, interventions, assessment metadata and results; Student.xml is
    recognised and its identities are never imported).

    All files are read and checked before anything is written, and the events are
    appended in one transaction: a bad record anywhere (exit 65, naming file, record and
    field) leaves the log exactly as it was. Event ids come from the sources' natural keys,
    so importing the same files again appends nothing. Prints a summary on stdout.
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    try arguments.finish()
    guard !arguments.positionals.isEmpty else {
      throw UsageError("name at least one file or folder to import")
    }
    let log = try environment.ledger.openLog()
    let importer = Importer(
      log: log, pseudonyms: try environment.ledger.pseudonyms(), actor: "importer",
      logger: environment.logger)
    let summary = try importer.importPaths(arguments.positionals)
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
