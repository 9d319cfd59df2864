import LedgerEvents

/// `InterchangeAssessmentMetadata`: each `Assessment` becomes an ``AssessmentDefined`` on
/// the ``EdFiReader/definitionStream`` stream.
///
/// The id is `AssessmentIdentifier` alone, which results refer to. Ed-Fi keys an
/// assessment by identifier and `Namespace` together; should two namespaces ever define
/// the same identifier differently, their events share an id and the import stops on the
/// conflict instead of merging them.
///
/// `ObjectiveAssessment` (sub-scores per learning standard) and `AssessmentItem` records
/// are read and left alone: the catalogue's indicators use whole-assessment scores.
struct EdFiAssessmentMetadataMapper: EdFiRecordMapper {
  /// The date a definition is filed under when the assessment has neither a
  /// `RevisionDate` nor an `AssessmentPeriod`: the Unix epoch, deliberately artificial.
  static let undatedDefinition = "1970-01-01"

  mutating func map(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: inout ImportContext
  ) {
    guard record.element.name == "Assessment" else { return }
    let element = record.element
    var fields = EdFiFieldReader(record, file: output.file)
    let assessmentId = fields.required("AssessmentIdentifier")
    let title = fields.required("AssessmentTitle")
    // Ed-Fi allows several subjects; the catalogue keeps one, the first listed. The others
    // are still checked against the table so that a bad value is reported.
    let subject = fields.descriptor(EdFiDescriptorTable.academicSubject, "AcademicSubject")
    for extra in element.children("AcademicSubject").dropFirst() {
      _ = fields.descriptor(EdFiDescriptorTable.academicSubject, in: extra)
    }
    var grades: [String] = []
    for grade in element.children("AssessedGradeLevel") {
      if let code = fields.descriptor(EdFiDescriptorTable.gradeLevel, in: grade),
        !grades.contains(code)
      {
        grades.append(code)
      }
    }
    // The catalogue holds one score range: the first AssessmentScore listed (raw score in
    // Grand Bend). Other ranges, such as the vertical scale, are not kept.
    let method = fields.optionalDescriptor(
      EdFiDescriptorTable.reportingMethod, "AssessmentScore", "AssessmentReportingMethod")
    let minimum = fields.optional("AssessmentScore", "MinimumScore")
    let maximum = fields.optional("AssessmentScore", "MaximumScore")
    let levels = performanceLevels(of: element, fields: &fields)
    let revised = fields.optionalDate("RevisionDate")
    let periodBegin = fields.optionalDate("AssessmentPeriod", "BeginDate")
    output.fail(fields.errors)
    guard fields.errors.isEmpty, let assessmentId, let title, let subject else { return }

    let payload = AssessmentDefined(
      assessmentId: assessmentId, title: title, subject: subject, gradeLevels: grades,
      minimumScore: minimum, maximumScore: maximum, reportingMethod: method,
      performanceLevels: levels)
    output.emit(
      EdFiNaturalKey("assessment", assessmentId), stream: EdFiReader.definitionStream,
      occurredOn: revised ?? periodBegin ?? Self.undatedDefinition,
      payload: .assessmentDefined(payload), record: record.label, context: context)
  }

  /// Performance level codes from lowest to highest, ordered by each level's
  /// `MinimumScore` (Ed-Fi lists them in no particular order: Grand Bend puts "Advanced"
  /// before "Met Standard"); levels without a numeric minimum keep their place at the end.
  private func performanceLevels(of assessment: EdFiElement, fields: inout EdFiFieldReader)
    -> [String]
  {
    var levels: [(code: String, minimum: Double?, position: Int)] = []
    for (position, level) in assessment.children("AssessmentPerformanceLevel").enumerated() {
      guard let descriptor = level.child("PerformanceLevel") else {
        fields.fail("PerformanceLevel", "is required but missing (AssessmentPerformanceLevel)")
        continue
      }
      guard let code = fields.descriptor(EdFiDescriptorTable.performanceLevel, in: descriptor)
      else { continue }
      let minimum = level.child("MinimumScore").flatMap { Double($0.text) }
      levels.append((code, minimum, position))
    }
    let ordered = levels.sorted { a, b in
      switch (a.minimum, b.minimum) {
      case (let x?, let y?) where x != y: x < y
      case (.some, .none): true
      case (.none, .some): false
      default: a.position < b.position
      }
    }
    var codes: [String] = []
    for level in ordered where !codes.contains(level.code) { codes.append(level.code) }
    return codes
  }
}
