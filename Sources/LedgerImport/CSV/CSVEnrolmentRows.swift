import LedgerEvents

/// Enrolment lists: one row per student enrolment, with grade level and entry date, and,
/// when the student has left, the exit date and type. An enrolment is identified by its
/// student and entry date, and its exit belongs to it: a corrected exit date is a
/// correction of that exit, not a second one.
enum CSVEnrolmentRows {
  static func records(
    _ reader: inout CSVRowReader, school: String, context: CSVRowContext
  ) -> [CSVRecord.Partial] {
    let student = CSVStudentIdentity.key(&reader, school: school, pseudonyms: context.pseudonyms)
    let grade = reader.required(.gradeLevel).map(ThaiDigits.westernised)
    let classroom = reader.text(.classroom).map(ThaiDigits.westernised)
    let entryDate = reader.date(.entryDate)
    let entryType = reader.text(.entryType)
    let exitDate = reader.date(.exitDate, required: false)
    let exitType = reader.coded(.exitType, CSVValueTables.exitTypes, what: "exit type")
    let exitReason = reader.text(.exitReason)
    if exitDate != nil && reader.text(.exitType) == nil {
      reader.fail(.exitType, "is empty, but the row has an exit date; say why the student left")
    }
    if exitDate == nil && reader.text(.exitDate) == nil && reader.text(.exitType) != nil {
      reader.fail(.exitDate, "is empty, but the row has an exit type")
    }
    if let entryDate, let exitDate, exitDate < entryDate {
      reader.fail(.exitDate, "\(exitDate) is before the entry date \(entryDate)")
    }
    guard let student, let grade, let entryDate else { return [] }

    var records = [
      CSVRecord.Partial(
        keyParts: ["enrolment", student, entryDate], occurredOn: entryDate,
        payload: .studentEnrolled(
          StudentEnrolled(
            studentKey: student, gradeLevel: grade, classroom: classroom, entryDate: entryDate,
            entryType: entryType)))
    ]
    if let exitDate, let exitType {
      records.append(
        CSVRecord.Partial(
          keyParts: ["exit", student, entryDate], occurredOn: exitDate,
          payload: .studentExited(
            StudentExited(
              studentKey: student, exitDate: exitDate, exitType: exitType,
              localReason: exitReason))))
    }
    return records
  }
}
