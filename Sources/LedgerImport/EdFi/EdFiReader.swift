import Foundation
import LedgerEvents

/// Reads Ed-Fi bulk XML interchange files (Data Standard 5.x, as in the Grand Bend sample)
/// into catalogue events.
///
/// Files are streamed with Foundation's `XMLParser`, one top-level record at a time. Every
/// top-level element counts as a record read, whether or not the catalogue has an event
/// for it (a `Course` is read and left alone). Every problem in a file is collected before
/// the read fails, so that one run shows them all.
public enum EdFiReader {
  /// The source system named in every event's `source.system` and at the front of its id.
  public static let sourceSystem = "ed-fi"

  /// The stream assessment definitions are written to.
  ///
  /// An assessment is defined once for every school that gives it, so it belongs to no
  /// school stream; results (``StudentAssessed``) go to each student's school and refer to
  /// the definition by id. The importer's student-to-school lookup skips this stream.
  public static let definitionStream = "programme"

  /// Which interchange a file holds, by its root element (`InterchangeStudentAttendance`
  /// and the others of ``EdFiInterchange``), or nil when it is not an Ed-Fi interchange.
  /// Reads only the first few kilobytes of the file.
  public static func interchange(of url: URL) -> EdFiInterchange? {
    EdFiRecordParser.rootElement(of: url).flatMap(EdFiInterchange.init(rootElement:))
  }

  /// Whether the file's prolog (its first 64 KiB) declares a DTD.
  static func declaresDocumentType(_ url: URL) -> Bool {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 64 * 1024)) ?? Data()
    return head.range(of: Data("<!DOCTYPE".utf8)) != nil
  }

  /// Reads one file into events.
  ///
  /// Throws ``ImportFailure`` with every error found (file, record such as
  /// `StudentSchoolAttendanceEvent #34 (line 210)`, field, message) for malformed XML, a
  /// missing required field, a bad date or a descriptor value missing from
  /// `EdFiDescriptorTable`. Data gaps (attendance without enrolment, a result whose
  /// student has no known school) are returned in ``ParsedFile/gaps`` instead. `context`
  /// is updated (students' schools learnt from attendance) only when the read succeeds.
  public static func read(_ url: URL, displayName: String, context: inout ImportContext)
    throws -> ParsedFile
  {
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw ImportFailure(errors: [
        ImportError(
          file: displayName, record: "file", field: "-",
          message: "cannot be opened for reading")
      ])
    }
    if declaresDocumentType(url) {
      throw ImportFailure(errors: [
        ImportError(
          file: displayName, record: "prolog", field: "<!DOCTYPE>",
          message: "declares a document type; Ed-Fi interchanges have none, and entities "
            + "declared there could hide or multiply text, so the file is refused")
      ])
    }
    guard let interchange = interchange(of: url) else {
      throw ImportFailure(errors: [
        ImportError(
          file: displayName, record: "file", field: "-",
          message: "is not an Ed-Fi interchange: its root element is not one of "
            + EdFiInterchange.allCases.map(\.rootElement).joined(separator: ", "))
      ])
    }

    var mapper = makeMapper(for: interchange)
    var output = EdFiFileOutput(file: displayName)
    var working = context
    let parser = EdFiRecordParser(retainsText: interchange != .student) { record in
      mapper.map(record, into: &output, context: &working)
    }
    parser.parse(url)
    if let failure = parser.failure {
      output.fail(record: failure.record, field: failure.field, failure.message)
    } else {
      mapper.finish(into: &output, context: &working)
    }

    if !output.errors.isEmpty { throw ImportFailure(errors: output.errors) }
    context = working
    return ParsedFile(
      file: displayName, kind: interchange.kind, recordsRead: parser.recordCount,
      events: output.events, gaps: output.gaps)
  }

  private static func makeMapper(for interchange: EdFiInterchange) -> any EdFiRecordMapper {
    switch interchange {
    case .educationOrganization: EdFiOrganisationMapper()
    case .educationOrgCalendar: EdFiCalendarMapper()
    case .studentAttendance: EdFiAttendanceMapper()
    case .studentIntervention: EdFiInterventionMapper()
    case .assessmentMetadata: EdFiAssessmentMetadataMapper()
    case .studentAssessment: EdFiStudentAssessmentMapper()
    case .student: EdFiIdentityMapper()
    }
  }
}
