import LedgerEvents

/// `InterchangeStudentAssessment`: each `StudentAssessment` becomes a ``StudentAssessed``
/// on the student's school stream.
///
/// Grand Bend's results name no school, so the school is the `ReportedSchoolReference`
/// when given, else the one learnt from attendance read earlier in the run or from the
/// log. A result with no known school makes no event (every event belongs to a school)
/// and is reported as a gap. A record with no score and no performance level, such as a
/// student not tested (`ReasonNotTested`), is not a result and makes no event.
///
/// Objective-level results (`StudentObjectiveAssessment`) and item responses
/// (`StudentAssessmentItem`) are not imported: the indicators use whole-assessment scores.
struct EdFiStudentAssessmentMapper: EdFiRecordMapper {
  mutating func map(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: inout ImportContext
  ) {
    guard record.element.name == "StudentAssessment" else { return }
    let element = record.element
    var fields = EdFiFieldReader(record, file: output.file)
    let resultId = fields.required("StudentAssessmentIdentifier")
    let assessmentId = fields.required(
      "AssessmentReference", "AssessmentIdentity", "AssessmentIdentifier")
    let student = fields.required("StudentReference", "StudentIdentity", "StudentUniqueId")
    let administered = fields.dateTime("AdministrationDate")
    let scores = scoreResults(of: element, fields: &fields)
    // The catalogue keeps one performance level: the first listed.
    let level = fields.optionalDescriptor(
      EdFiDescriptorTable.performanceLevel, "PerformanceLevel", "PerformanceLevel")
    let period = self.period(of: element, fields: &fields)
    let reportedSchool = fields.optional("ReportedSchoolReference", "SchoolIdentity", "SchoolId")
    output.fail(fields.errors)
    guard fields.errors.isEmpty, let resultId, let assessmentId, let student,
      let administered
    else { return }
    guard !scores.isEmpty || level != nil else { return }

    let studentKey = context.pseudonyms.studentKey(system: EdFiReader.sourceSystem, id: student)
    guard let school = reportedSchool ?? context.school(ofStudent: studentKey) else {
      output.gap(
        .assessmentWithoutSchool, record: record.label,
        detail: "result of student \(studentKey) on assessment '\(assessmentId)' "
          + "(\(administered.date)) names no school, and none is known for the student; "
          + "not imported")
      return
    }
    let payload = StudentAssessed(
      assessmentId: assessmentId, studentKey: studentKey,
      administrationDate: administered.date, period: period, scores: scores,
      performanceLevel: level)
    output.emit(
      EdFiNaturalKey("student-assessment", assessmentId, studentKey, resultId),
      stream: school, occurredOn: administered.date, occurredAt: administered.time,
      payload: .studentAssessed(payload), record: record.label, context: context)
  }

  /// The record's own `ScoreResult`s, each as its reporting method's code and the result
  /// text as given.
  private func scoreResults(of element: EdFiElement, fields: inout EdFiFieldReader)
    -> [ScoreResult]
  {
    var scores: [ScoreResult] = []
    for score in element.children("ScoreResult") {
      let result = score.child("Result")?.text ?? ""
      guard let methodElement = score.child("AssessmentReportingMethod"), !result.isEmpty
      else {
        let missing = result.isEmpty ? "Result" : "AssessmentReportingMethod"
        fields.fail(missing, "is required but missing (ScoreResult/\(missing))")
        continue
      }
      if let method = fields.descriptor(EdFiDescriptorTable.reportingMethod, in: methodElement) {
        scores.append(ScoreResult(reportingMethod: method, value: result))
      }
    }
    return scores
  }

  /// The administration's period when the record gives one, as `AssessmentPeriod` (text or
  /// a nested descriptor). The period of the assessment's definition is in another file,
  /// which the context does not carry, so results without their own period have none.
  private func period(of element: EdFiElement, fields: inout EdFiFieldReader)
    -> AssessmentPeriod?
  {
    guard let holder = element.child("AssessmentPeriod") else { return nil }
    let descriptor = holder.text.isEmpty ? holder.child("AssessmentPeriod") : holder
    guard let descriptor, !descriptor.text.isEmpty else { return nil }
    return fields.descriptor(EdFiDescriptorTable.assessmentPeriod, in: descriptor)
  }
}
