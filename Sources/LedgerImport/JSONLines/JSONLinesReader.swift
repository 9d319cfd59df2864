import Foundation
import LedgerEvents

/// Reads JSON Lines of catalogue events: one ``EventEnvelope`` object per line, in the
/// shape docs/FORMAT.md gives for records without the ledger-assigned fields.
///
/// Students must already be pseudonymous keys in such files; a national id or G-code in a
/// student field is refused.
public enum JSONLinesReader {
  /// Whether the file's name marks it as JSON Lines.
  public static func recognises(_ url: URL) -> Bool {
    ["jsonl", "ndjson"].contains(url.pathExtension.lowercased())
  }

  /// Parses and validates every line, reporting every bad line at once.
  public static func read(_ url: URL, displayName: String) throws -> ParsedFile {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ImportFailure(errors: [
        ImportError(
          file: displayName, record: "file", field: "-",
          message: "cannot read: \(error.localizedDescription)")
      ])
    }
    var events: [PendingEvent] = []
    var errors: [ImportError] = []
    var lineNumber = 0
    for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
      if trimmed.isEmpty || trimmed.allSatisfy({ $0 == UInt8(ascii: "\r") }) { continue }
      let record = "line \(lineNumber)"
      do {
        // Thai text is stored in NFC (DOMAIN.md); normalising the whole line normalises
        // every string in it, and leaves JSON syntax alone.
        let text = String(decoding: line, as: UTF8.self).precomposedStringWithCanonicalMapping
        let envelope = try CanonicalJSON.decode(EventEnvelope.self, from: Array(text.utf8))
        try envelope.validate()
        events.append(PendingEvent(envelope: envelope, record: record))
      } catch let error as ValidationError {
        errors += error.issues.map {
          ImportError(file: displayName, record: record, field: $0.field, message: $0.message)
        }
      } catch let error as DecodingError {
        errors.append(describe(error, file: displayName, record: record))
      } catch {
        errors.append(
          ImportError(file: displayName, record: record, field: "-", message: "\(error)"))
      }
    }
    if !errors.isEmpty { throw ImportFailure(errors: errors) }
    return ParsedFile(
      file: displayName, kind: "JSON Lines", recordsRead: events.count, events: events)
  }

  static func describe(_ error: DecodingError, file: String, record: String) -> ImportError {
    func path(_ codingPath: [any CodingKey]) -> String {
      codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        .replacingOccurrences(of: ".[", with: "[")
    }
    switch error {
    case .keyNotFound(let key, let context):
      let field = path(context.codingPath + [key])
      return ImportError(file: file, record: record, field: field, message: "is missing")
    case .typeMismatch(let type, let context):
      return ImportError(
        file: file, record: record, field: path(context.codingPath),
        message: "is not a \(type)")
    case .valueNotFound(_, let context):
      return ImportError(
        file: file, record: record, field: path(context.codingPath), message: "is null")
    case .dataCorrupted(let context):
      let field = context.codingPath.isEmpty ? "-" : path(context.codingPath)
      let message =
        context.codingPath.isEmpty ? "is not valid JSON" : context.debugDescription
      return ImportError(file: file, record: record, field: field, message: message)
    @unknown default:
      return ImportError(file: file, record: record, field: "-", message: "\(error)")
    }
  }
}
