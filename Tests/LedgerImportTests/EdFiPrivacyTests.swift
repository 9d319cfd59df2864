import Foundation
import LedgerEvents
import LedgerImport
import Testing

/// The whole Grand Bend folder read as one import run would: identities never reach an
/// event, and every event passes the catalogue's validation.
@Suite(.enabled(if: EdFiSamples.available, EdFiSamples.unavailableReason))
struct EdFiPrivacyTests {
  /// Reads every sample file in import order through one context.
  static func readFolder() throws -> [ParsedFile] {
    var context = EdFiSamples.context()
    let files = try EdFiSamples.xmlFiles().sorted { a, b in
      let orderA = EdFiReader.interchange(of: EdFiSamples.url(a))?.importOrder ?? 0
      let orderB = EdFiReader.interchange(of: EdFiSamples.url(b))?.importOrder ?? 0
      return (orderA, a) < (orderB, b)
    }
    return try files.map { try EdFiSamples.read($0, context: &context) }
  }

  @Test func studentIdentitiesYieldNoEvents() throws {
    let raw = try EdFiSamples.text("Student.xml")
    var context = EdFiSamples.context()
    let parsed = try EdFiSamples.read("Student.xml", context: &context)
    #expect(parsed.events.isEmpty)
    #expect(parsed.gaps.isEmpty)
    #expect(parsed.recordsRead == RawXML.topLevelCount(in: raw))
    #expect(parsed.kind.contains("not imported"))
    #expect(context.studentSchools.isEmpty)
  }

  @Test func noNameOrStudentIdFromTheIdentityFileReachesAnEvent() throws {
    let identities = try EdFiSamples.text("Student.xml")
    var names: Set<String> = []
    for tag in [
      "FirstName", "MiddleName", "LastSurname", "PreferredFirstName", "PreferredLastSurname",
      "GenerationCodeSuffix",
    ] {
      for value in RawXML.values(tag, in: identities) {
        names.formUnion(value.split(separator: " ").map(String.init))
      }
    }
    let ids = Set(RawXML.values("StudentUniqueId", in: identities))
    // Words that the other files use for other things ("Weeks" in an assessment title,
    // "Sandra" as an author) may appear; a name from the identity file alone may not.
    var otherWords: Set<String> = []
    for file in try EdFiSamples.xmlFiles() where file != "Student.xml" {
      otherWords.formUnion(try words(in: EdFiSamples.text(file)))
    }
    let privateNames = names.subtracting(otherWords)
    #expect(privateNames.count > 1000)

    var tokens: Set<String> = []
    for parsed in try Self.readFolder() {
      for event in parsed.events {
        let json = String(decoding: try CanonicalJSON.encode(event.envelope), as: UTF8.self)
        tokens.formUnion(words(in: json))
      }
    }
    #expect(tokens.intersection(privateNames).isEmpty)
    #expect(tokens.intersection(ids).isEmpty)
  }

  @Test func everyEventValidatesAndHasAUniqueId() throws {
    var ids: Set<String> = []
    var total = 0
    for parsed in try Self.readFolder() {
      for event in parsed.events {
        #expect(throws: Never.self) { try event.envelope.validate() }
        #expect(event.envelope.source.system == "ed-fi")
        #expect(event.envelope.id == "ed-fi/" + event.envelope.source.naturalKey)
        #expect(event.envelope.actor == "importer:ed-fi")
        #expect(event.envelope.correlation == "test-run")
        ids.insert(event.envelope.id)
        total += 1
      }
    }
    #expect(ids.count == total)
  }

  private func words(in text: String) -> Set<String> {
    Set(
      text.split { !($0.isLetter || $0.isNumber) }.map(String.init))
  }
}
