import Foundation
import LedgerEvents
import LedgerStore

/// A file that an import looked at and left alone, and why.
public struct SkippedFile: Sendable, Equatable {
  public var file: String
  public var reason: String
}

/// What one import run did.
public struct ImportSummary: Sendable {
  /// Each file read, in the order read.
  public var files: [ParsedFileSummary] = []
  public var skipped: [SkippedFile] = []
  public var recordsRead = 0
  public var eventsProduced = 0
  public var appended = 0
  public var alreadyPresent = 0
  /// Gaps in the data, reported, never hidden.
  public var gaps: [DataGap] = []
  /// The log head after the run.
  public var head: LogHead?
}

/// One file's line in the summary.
public struct ParsedFileSummary: Sendable {
  public var file: String
  public var kind: String
  public var recordsRead: Int
  public var events: Int
  public var gaps: Int
}

/// How an import commits.
public struct ImportOptions: Sendable {
  /// Events per transaction; nil commits the whole import in one.
  public var batchSize: Int?
  /// Versions that streams must be at before the import writes to them.
  public var expectations: [String: ExpectedVersion]

  public init(batchSize: Int? = nil, expectations: [String: ExpectedVersion] = [:]) {
    self.batchSize = batchSize
    self.expectations = expectations
  }
}

/// Imports files and folders into the log as one all-or-nothing batch.
///
/// Every file is read and validated before anything is written; any bad record fails the
/// whole run with every error found, and the log is left exactly as it was. Event ids come
/// from the sources' natural keys, so importing the same files again appends nothing.
public struct Importer {
  let log: EventLog
  let pseudonyms: PseudonymousKey
  let logger: Logger
  let actor: String

  public init(log: EventLog, pseudonyms: PseudonymousKey, actor: String, logger: Logger) {
    self.log = log
    self.pseudonyms = pseudonyms
    self.actor = actor
    self.logger = logger
  }

  /// Imports `paths`, each a file or a folder (read one level deep, in name order).
  public func importPaths(_ paths: [String], options: ImportOptions = ImportOptions()) throws
    -> ImportSummary
  {
    var summary = ImportSummary()
    let plan = try planFiles(paths, summary: &summary)
    let studentSchools = StudentSchoolLookup(log: log)
    var context = ImportContext(
      pseudonyms: pseudonyms, actor: actor,
      knownStudentSchool: { studentSchools.school(of: $0) },
      knownSchool: { studentSchools.isSchool($0) })
    var pending: [PendingEvent] = []
    var errors: [ImportError] = []
    for file in plan {
      logger.info("reading \(file.displayName)")
      do {
        let parsed = try file.read(&context)
        pending += parsed.events.map { event in
          var located = event
          located.file = parsed.file
          return located
        }
        summary.files.append(
          ParsedFileSummary(
            file: parsed.file, kind: parsed.kind, recordsRead: parsed.recordsRead,
            events: parsed.events.count, gaps: parsed.gaps.count))
        summary.recordsRead += parsed.recordsRead
        summary.gaps += parsed.gaps
      } catch let failure as ImportFailure {
        errors += failure.errors
      }
    }
    if !errors.isEmpty { throw ImportFailure(errors: errors) }

    summary.eventsProduced = pending.count
    try append(pending, options: options, into: &summary)
    return summary
  }

  /// Appends in one transaction, or in transactions of `batchSize` events when set: then a
  /// crash keeps whole batches, and running the same import again completes it, since the
  /// batches already stored are recognised by their ids.
  private func append(
    _ pending: [PendingEvent], options: ImportOptions, into summary: inout ImportSummary
  ) throws {
    let size = options.batchSize ?? max(pending.count, 1)
    var start = 0
    repeat {
      let batch = pending[start..<min(start + size, pending.count)]
      let outcome: AppendOutcome
      do {
        outcome = try log.append(batch.map(\.envelope), expectations: options.expectations)
      } catch let error as StoreError
        where error.code == .idConflict || error.code == .invalidEvent
      {
        // Name every input record that carries the event, so the user can find them all.
        let sources = pending.filter { $0.envelope.id == error.eventId }
        throw ImportFailure(
          errors: sources.isEmpty
            ? [ImportError(file: "(import)", record: "-", field: "id", message: error.message)]
            : sources.map {
              ImportError(
                file: $0.file, record: $0.record,
                field: error.code == .idConflict
                  ? "id" : $0.envelope.type == .eventVoided ? "payload.voidedEventId" : "-",
                message: error.message)
            })
      }
      summary.appended += outcome.appendedCount
      summary.alreadyPresent += outcome.results.count - outcome.appendedCount
      summary.head = outcome.head
      start += size
      if start < pending.count {
        logger.info("committed \(start) of \(pending.count) events")
      }
    } while start < pending.count
  }

  private func planFiles(_ paths: [String], summary: inout ImportSummary) throws -> [PlannedFile] {
    var planned: [PlannedFile] = []
    var errors: [ImportError] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        errors.append(
          ImportError(file: path, record: "file", field: "-", message: "does not exist"))
        continue
      }
      if isDirectory.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
          let full = (path as NSString).appendingPathComponent(name)
          switch PlannedFile.recognise(full) {
          case .success(let file): planned.append(file)
          case .failure(let why):
            summary.skipped.append(SkippedFile(file: full, reason: why.description))
          }
        }
      } else {
        switch PlannedFile.recognise(path) {
        case .success(let file): planned.append(file)
        case .failure(let why):
          errors.append(
            ImportError(file: path, record: "file", field: "-", message: why.description))
        }
      }
    }
    if !errors.isEmpty { throw ImportFailure(errors: errors) }
    return planned.sorted { ($0.order, $0.displayName) < ($1.order, $1.displayName) }
  }
}

/// A file the import will read, with the reader that understands it.
struct PlannedFile {
  let displayName: String
  let order: Int
  let read: (inout ImportContext) throws -> ParsedFile

  static func recognise(_ path: String) -> Result<PlannedFile, NotRecognisedReason> {
    let url = URL(fileURLWithPath: path)
    if JSONLinesReader.recognises(url) {
      return .success(
        PlannedFile(displayName: path, order: 100) { _ in
          try JSONLinesReader.read(url, displayName: path)
        })
    }
    if url.pathExtension.lowercased() == "xml" {
      guard let interchange = EdFiReader.interchange(of: url) else {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return .failure(
          NotRecognisedReason(
            size == 0
              ? "an empty file, though named .xml"
              : "named .xml, but not an Ed-Fi interchange (no Interchange* root element)"))
      }
      return .success(
        PlannedFile(displayName: path, order: interchange.importOrder) { context in
          try EdFiReader.read(url, displayName: path, context: &context)
        })
    }
    if ["csv", "tsv"].contains(url.pathExtension.lowercased()) {
      return .failure(
        NotRecognisedReason(
          "a CSV file: import it on its own with --format csv --kind KIND (see import --help)"))
    }
    return .failure(
      NotRecognisedReason(
        "not a format this ledger imports (JSON Lines .jsonl/.ndjson, Ed-Fi XML)"))
  }
}

/// Why a file was not recognised.
struct NotRecognisedReason: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Finds a student's school from events already in the log, via the student index.
struct StudentSchoolLookup: Sendable {
  let log: EventLog

  func school(of studentKey: String) -> String? {
    try? log.read { reader in
      for sequence in try reader.sequences(forStudent: studentKey) {
        if let event = try reader.event(at: sequence), event.stream != "programme" {
          return event.stream
        }
      }
      return nil
    }
  }

  /// Whether the log holds a registration for `code`.
  func isSchool(_ code: String) -> Bool {
    (try? log.read { reader in
      for sequence in try reader.sequences(inStream: code).prefix(64) {
        if try reader.event(at: sequence)?.type == .schoolRegistered { return true }
      }
      return false
    }) ?? false
  }
}
