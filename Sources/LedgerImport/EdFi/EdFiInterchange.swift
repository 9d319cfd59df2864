/// The Ed-Fi bulk XML interchanges this ledger recognises, named after their root elements
/// without the `Interchange` prefix.
public enum EdFiInterchange: String, CaseIterable, Sendable {
  /// Schools, districts and other organisations (`InterchangeEducationOrganization`).
  case educationOrganization
  /// Sessions, grading periods and calendar dates (`InterchangeEducationOrgCalendar`).
  case educationOrgCalendar
  /// Student school attendance events (`InterchangeStudentAttendance`).
  case studentAttendance
  /// Interventions and the students assigned to them (`InterchangeStudentIntervention`).
  case studentIntervention
  /// Assessment definitions (`InterchangeAssessmentMetadata`).
  case assessmentMetadata
  /// Student assessment results (`InterchangeStudentAssessment`).
  case studentAssessment
  /// Student identities (`InterchangeStudent`): recognised so that a folder import does not
  /// reject it, and never imported, since it holds names and birth dates.
  case student

  /// The interchange's root element name, e.g. `InterchangeStudentAttendance`.
  public var rootElement: String {
    switch self {
    case .educationOrganization: "InterchangeEducationOrganization"
    case .educationOrgCalendar: "InterchangeEducationOrgCalendar"
    case .studentAttendance: "InterchangeStudentAttendance"
    case .studentIntervention: "InterchangeStudentIntervention"
    case .assessmentMetadata: "InterchangeAssessmentMetadata"
    case .studentAssessment: "InterchangeStudentAssessment"
    case .student: "InterchangeStudent"
    }
  }

  /// The interchange whose root element is `name` (namespace prefix already removed).
  public init?(rootElement name: String) {
    guard let match = Self.allCases.first(where: { $0.rootElement == name }) else {
      return nil
    }
    self = match
  }

  /// Where files of this interchange come in an import run: organisations, calendar,
  /// attendance, interventions, assessment metadata, student assessments.
  ///
  /// Attendance must come before student assessments, because assessment results carry no
  /// school and find it through the attendance read earlier in the same run. Identities
  /// come first only because nothing is imported from them, so their place does not
  /// matter. All values stay below the JSON Lines reader's 100, so that hand-written
  /// events can refer to what Ed-Fi files registered.
  public var importOrder: Int {
    switch self {
    case .student: 0
    case .educationOrganization: 10
    case .educationOrgCalendar: 20
    case .studentAttendance: 30
    case .studentIntervention: 40
    case .assessmentMetadata: 50
    case .studentAssessment: 60
    }
  }

  /// How the file is described in import summaries.
  public var kind: String {
    switch self {
    case .student: "Ed-Fi Student (identities: not imported)"
    default: "Ed-Fi " + String(rootElement.dropFirst("Interchange".count))
    }
  }
}
