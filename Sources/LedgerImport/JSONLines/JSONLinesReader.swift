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
    // A byte order mark, as some Windows editors write, is not part of the first line.
    let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
    for line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
      if trimmed.isEmpty || trimmed.allSatisfy({ $0 == UInt8(ascii: "\r") }) { continue }
      let record = "line \(lineNumber)"
      // Text is never repaired on the way in: a byte that is not UTF-8 would otherwise be
      // stored as U+FFFD, changing what the source said.
      if let offset = UTF8Scan(line).firstInvalidOffset {
        errors.append(
          ImportError(
            file: displayName, record: record, field: "-",
            message: "is not valid UTF-8 at byte \(offset + 1) of the line; save the file as "
              + "UTF-8 (JSON Lines is always UTF-8)"))
        continue
      }
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
      let expected = "\(type)".hasPrefix("KeyedDecodingContainer") ? "JSON object" : "\(type)"
      if context.codingPath.isEmpty {
        return ImportError(
          file: file, record: record, field: "-",
          message: "is not a JSON object; each line must be one event, {\"id\": ...}")
      }
      return ImportError(
        file: file, record: record, field: path(context.codingPath),
        message: "is not a \(expected)")
    case .valueNotFound(_, let context):
      return ImportError(
        file: file, record: record, field: path(context.codingPath), message: "is null")
    case .dataCorrupted(let context):
      let field = context.codingPath.isEmpty ? "-" : path(context.codingPath)
      return ImportError(
        file: file, record: record, field: field, message: plainWords(context.debugDescription))
    @unknown default:
      return ImportError(file: file, record: record, field: "-", message: "\(error)")
    }
  }

  /// Rewords the standard library's message for an unknown enumeration value
  /// ("Cannot initialize T from invalid String value v") in the user's terms.
  static func plainWords(_ message: String) -> String {
    let marker = " from invalid String value "
    guard message.hasPrefix("Cannot initialize "), let range = message.range(of: marker) else {
      return message
    }
    let type = message[message.index(message.startIndex, offsetBy: 18)..<range.lowerBound]
    let value = message[range.upperBound...]
    return "'\(value)' is not a known \(type) code (docs/FORMAT.md and Events/Catalogue list them)"
  }
}
