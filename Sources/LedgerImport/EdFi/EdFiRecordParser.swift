import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Streams an Ed-Fi interchange through Foundation's `XMLParser` (libxml2's SAX parser) and
/// hands each top-level record to a closure as soon as its end tag is read, so that memory
/// holds one record at a time, never the whole file.
final class EdFiRecordParser: NSObject, XMLParserDelegate {
  /// Where and why the XML could not be read.
  struct Failure: Sendable {
    /// The record being read when the XML broke, or `line N` between records.
    var record: String
    /// The innermost element open at that point, or `-`.
    var field: String
    var message: String
  }

  /// The root element's local name, once seen.
  private(set) var rootName: String?
  /// Records handed on so far.
  private(set) var recordCount = 0
  /// The first XML error met; parsing stops there.
  private(set) var failure: Failure?

  private let retainsText: Bool
  private let onRecord: (EdFiRecord) -> Void
  /// The open elements of the current record, outermost first.
  private var open: [EdFiElement] = []
  private var ordinals: [String: Int] = [:]
  private var currentOrdinal = 0

  /// A parser that calls `onRecord` for each record. With `retainsText` false, character
  /// data is dropped as it is read (for files whose content must not be kept at all).
  init(retainsText: Bool = true, onRecord: @escaping (EdFiRecord) -> Void) {
    self.retainsText = retainsText
    self.onRecord = onRecord
  }

  /// Reads the whole file at `url`, streaming it from disk.
  func parse(_ url: URL) {
    guard let stream = InputStream(url: url), FileManager.default.isReadableFile(atPath: url.path)
    else {
      failure = Failure(record: "file", field: "-", message: "cannot be opened for reading")
      return
    }
    let parser = XMLParser(stream: stream)
    parser.shouldProcessNamespaces = false
    parser.shouldResolveExternalEntities = false
    parser.delegate = self
    // In stream mode corelibs-foundation's parse() can report success after a fatal error
    // (a truncated file, for one), so the delegate's error callback is what counts.
    _ = parser.parse()
    if failure == nil, rootName == nil {
      failure = Failure(record: "file", field: "-", message: "holds no XML element")
    }
  }

  /// The local name of the file's root element, read from its first few kilobytes only.
  static func rootElement(of url: URL, peekBytes: Int = 8192) -> String? {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
    defer { try? handle.close() }
    guard let prefix = try? handle.read(upToCount: peekBytes), !prefix.isEmpty else {
      return nil
    }
    let sniffer = RootSniffer()
    let parser = XMLParser(data: prefix)
    parser.shouldResolveExternalEntities = false
    parser.delegate = sniffer
    _ = parser.parse()
    return sniffer.root
  }

  /// `ed:School` and `School` alike become `School`.
  static func localName(_ qualified: String) -> String {
    guard let colon = qualified.lastIndex(of: ":") else { return qualified }
    return String(qualified[qualified.index(after: colon)...])
  }

  // MARK: XMLParserDelegate

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    guard failure == nil else { return }
    let name = Self.localName(elementName)
    guard rootName != nil else {
      rootName = name
      return
    }
    if open.isEmpty {
      currentOrdinal = ordinals[name, default: 0] + 1
      ordinals[name] = currentOrdinal
    }
    open.append(EdFiElement(name: name, attributes: attributeDict, line: parser.lineNumber))
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    guard failure == nil, var element = open.popLast() else { return }
    // Thai text is stored in NFC (DOMAIN.md), so equal text is equal bytes in the log.
    element.text =
      element.text.trimmingCharacters(in: .whitespacesAndNewlines)
      .precomposedStringWithCanonicalMapping
    if open.isEmpty {
      recordCount += 1
      onRecord(EdFiRecord(element: element, ordinal: currentOrdinal))
    } else {
      open[open.count - 1].children.append(element)
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    guard retainsText, failure == nil, !open.isEmpty else { return }
    open[open.count - 1].text += string
  }

  func parser(_ parser: XMLParser, foundCDATA block: Data) {
    guard retainsText, failure == nil, !open.isEmpty else { return }
    open[open.count - 1].text += String(decoding: block, as: UTF8.self)
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
    guard failure == nil else { return }
    let record =
      open.first.map {
        EdFiRecord.label($0.name, ordinal: currentOrdinal, line: $0.line)
      } ?? "line \(parser.lineNumber)"
    let code = (parseError as NSError).code
    failure = Failure(
      record: record, field: open.last?.name ?? "-",
      message: "malformed XML at line \(parser.lineNumber), column \(parser.columnNumber): "
        + Self.describe(code))
    parser.abortParsing()
  }

  private static func describe(_ code: Int) -> String {
    switch XMLParser.ErrorCode(rawValue: code) {
    case .prematureDocumentEndError:
      "the file ends before its elements are closed (truncated?)"
    case .tagNameMismatchError: "an end tag does not match the element it closes"
    case .documentStartError, .emptyDocumentError: "this is not an XML document"
    case .invalidCharacterError: "a character that XML does not allow"
    default: libxml2Description(code)
    }
  }

  /// libxml2's own codes (xmlParserErrors), which Foundation passes through on Linux.
  private static func libxml2Description(_ code: Int) -> String {
    let text: String
    switch code {
    case 4: text = "the document is empty"
    case 5: text = "extra content after the document's end"
    case 26, 27: text = "an entity that is not declared"
    case 76: text = "an end tag does not match the element it closes (truncated?)"
    case 77: text = "the file ends inside a tag (truncated?)"
    case 89: text = "entities that refer to themselves (an entity loop)"
    default: text = "not well-formed"
    }
    return text + " (libxml2 error \(code))"
  }
}

/// Stops the parser at the first element and remembers its name.
private final class RootSniffer: NSObject, XMLParserDelegate {
  var root: String?

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    root = EdFiRecordParser.localName(elementName)
    parser.abortParsing()
  }
}
