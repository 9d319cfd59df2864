import Foundation
import LedgerEvents
import LedgerImport
import Testing

/// The Grand Bend sample files, and plain string scanning over their raw text, so that
/// tests can compute expected values by a route other than the reader's.
enum EdFiSamples {
  /// `../shared/data/edfi-grand-bend` beside the package root.
  static let folder: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // LedgerImportTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root
    .appendingPathComponent("../shared/data/edfi-grand-bend")
    .standardizedFileURL

  static var available: Bool {
    FileManager.default.fileExists(
      atPath: folder.appendingPathComponent("StudentSchoolAttendance.xml").path)
  }

  static let unavailableReason: Comment =
    "the Ed-Fi Grand Bend sample is not at ../shared/data/edfi-grand-bend"

  static let pseudonyms = PseudonymousKey(secret: Array(repeating: 7, count: 32))

  static func context() -> ImportContext {
    ImportContext(pseudonyms: pseudonyms, actor: "importer:ed-fi", correlation: "test-run")
  }

  static func url(_ name: String) -> URL {
    folder.appendingPathComponent(name)
  }

  static func text(_ name: String) throws -> String {
    try String(contentsOf: url(name), encoding: .utf8)
  }

  static func read(_ name: String, context: inout ImportContext) throws -> ParsedFile {
    try EdFiReader.read(url(name), displayName: name, context: &context)
  }

  static func studentKey(_ id: String) -> String {
    pseudonyms.studentKey(system: "ed-fi", id: id)
  }

  /// Every XML file of the sample, in name order.
  static func xmlFiles() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".xml") }.sorted()
  }
}

/// Plain string scanning over XML text, independent of `XMLParser`.
enum RawXML {
  /// The contents of each `<tag …>…</tag>` in `text`, in order; elements of the same name
  /// must not nest.
  static func blocks(_ tag: String, in text: some StringProtocol) -> [Substring] {
    let whole = Substring(text)
    var found: [Substring] = []
    var rest = whole[...]
    while let open = rest.range(of: "<" + tag) {
      let after = open.upperBound
      guard after < rest.endIndex else { break }
      let next = rest[after]
      guard next == ">" || next == " " else {
        rest = rest[after...]
        continue
      }
      guard let startEnd = rest[after...].range(of: ">"),
        let close = rest[startEnd.upperBound...].range(of: "</" + tag + ">")
      else { break }
      found.append(rest[startEnd.upperBound..<close.lowerBound])
      rest = rest[close.upperBound...]
    }
    return found
  }

  /// The text of the first `<tag>…</tag>` in `text`.
  static func value(_ tag: String, in text: some StringProtocol) -> String? {
    values(tag, in: text).first
  }

  /// The text of every `<tag>…</tag>` in `text`, in order.
  static func values(_ tag: String, in text: some StringProtocol) -> [String] {
    blocks(tag, in: text).map { String($0) }
  }

  /// The value after `#` of a descriptor URI.
  static func descriptorValue(_ uri: String) -> String {
    uri.split(separator: "#").last.map(String.init) ?? uri
  }

  /// Top-level elements: start tags indented by exactly one tab, as the samples are laid
  /// out.
  static func topLevelCount(in text: String) -> Int {
    text.split(separator: "\n").filter { line in
      line.hasPrefix("\t<") && !line.hasPrefix("\t</") && !line.hasPrefix("\t\t")
    }.count
  }
}

/// Small interchange files written to a fresh temporary folder.
struct EdFiScratch {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("edfi-test-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  func remove() {
    try? FileManager.default.removeItem(at: folder)
  }

  /// Writes `body` inside an `Interchange…` root (line 1 the declaration, line 2 the root,
  /// the body from line 3) and returns its URL.
  func write(_ name: String, root: String, body: String) throws -> URL {
    let text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<\(root) xmlns=\"http://ed-fi.org/5.2.0\">\n" + body + "</\(root)>\n"
    return try writeRaw(name, text)
  }

  func writeRaw(_ name: String, _ text: String) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  /// One `StudentSchoolAttendanceEvent`; a nil field is left out.
  static func attendanceEvent(
    student: String = "604822", school: String = "255901001", date: String? = "2021-08-31",
    category: String? = "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence",
    duration: String? = "1"
  ) -> String {
    let date = date.map { "\t\t\t<EventDate>\($0)</EventDate>\n" } ?? ""
    let category =
      category.map { "\t\t\t<AttendanceEventCategory>\($0)</AttendanceEventCategory>\n" } ?? ""
    let duration = duration.map { "\t\t\t<EventDuration>\($0)</EventDuration>\n" } ?? ""
    return """
      \t<StudentSchoolAttendanceEvent>
      \t\t<AttendanceEvent>
      \(date)\(category)\t\t\t<AttendanceEventReason>Absent excused</AttendanceEventReason>
      \(duration)\t\t</AttendanceEvent>
      \t\t<StudentReference><StudentIdentity>
      \t\t\t<StudentUniqueId>\(student)</StudentUniqueId>
      \t\t</StudentIdentity></StudentReference>
      \t\t<SchoolReference><SchoolIdentity>
      \t\t\t<SchoolId>\(school)</SchoolId>
      \t\t</SchoolIdentity></SchoolReference>
      \t</StudentSchoolAttendanceEvent>

      """
  }
}
