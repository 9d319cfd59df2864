import LedgerEvents

/// Score sheets: one row per student result, naming the assessment and the day it was
/// given (in columns, or once for the file in a mapping file's defaults). A result is
/// identified by its assessment, student and day. The reporting method is `raw-score`
/// unless the file says otherwise.
enum CSVAssessmentRows {
  static func records(
    _ reader: inout CSVRowReader, school: String, context: CSVRowContext
  ) -> [CSVRecord.Partial] {
    let student = CSVStudentIdentity.key(&reader, school: school, pseudonyms: context.pseudonyms)
    let assessment = reader.required(.assessment)
    let date = reader.date(.date)
    let period = reader.coded(.period, CSVValueTables.assessmentPeriods, what: "period")
    let method = reader.text(.reportingMethod) ?? "raw-score"
    let level = reader.text(.performanceLevel)
    var score = reader.text(.score).map(ThaiDigits.westernised)
    if let text = score, CSVRowReader.number(text) == nil,
      text.contains(where: \.isNumber)
    {
      reader.fail(.score, "'\(text)' is not a number")
      score = nil
    }
    if reader.text(.score) == nil && level == nil {
      reader.fail(.score, "is empty, and there is no performance level either")
    }
    guard let student, let assessment, let date, reader.errors.isEmpty else { return [] }

    let result = StudentAssessed(
      assessmentId: assessment, studentKey: student, administrationDate: date, period: period,
      scores: score.map { [ScoreResult(reportingMethod: method, value: $0)] } ?? [],
      performanceLevel: level)
    return [
      CSVRecord.Partial(
        keyParts: ["assessment", assessment, student, date], occurredOn: date,
        payload: .studentAssessed(result))
    ]
  }
}
