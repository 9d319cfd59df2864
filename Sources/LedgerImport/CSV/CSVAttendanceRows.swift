import LedgerEvents

/// Attendance registers. Long: one row per student and day, with a date and a mark. Wide:
/// one row per student and one column per day, the heading being the date; an empty cell
/// records nothing for that day. Marks are read through ``CSVValueTables/attendanceMarks``
/// and the mapping file's marks; every mark, `present` included, becomes an event, since a
/// register that marks every day says more than one that marks exceptions.
enum CSVAttendanceRows {
  static func long(
    _ reader: inout CSVRowReader, school: String, context: CSVRowContext
  ) -> [CSVRecord.Partial] {
    let student = CSVStudentIdentity.key(&reader, school: school, pseudonyms: context.pseudonyms)
    let date = reader.date(.date)
    let category = mark(&reader, column: reader.label(.mark), text: reader.text(.mark), context)
    let duration = reader.number(.duration) ?? 1
    if !(duration > 0 && duration <= 1) {
      reader.fail(.duration, "\(duration) is not a share of a school day in (0, 1]")
    }
    let reason = reader.text(.reason)
    guard let student, let date, let category else { return [] }
    let payload = AttendanceRecorded(
      studentKey: student, date: date, category: category, duration: duration, reason: reason)
    return [
      CSVRecord.Partial(
        keyParts: ["attendance", student, date], occurredOn: date,
        payload: .attendanceRecorded(payload))
    ]
  }

  static func wide(
    _ reader: inout CSVRowReader, school: String, context: CSVRowContext
  ) -> [CSVRecord.Partial] {
    let student = CSVStudentIdentity.key(&reader, school: school, pseudonyms: context.pseudonyms)
    var marks: [(date: String, category: AttendanceCategory)] = []
    for (index, day) in reader.columns.days {
      guard let text = reader.cell(index) else { continue }
      let column = reader.columns.label(index)
      if let category = mark(&reader, column: column, text: text, context) {
        marks.append((day.description, category))
      }
    }
    guard let student else { return [] }
    return marks.map { date, category in
      CSVRecord.Partial(
        keyParts: ["attendance", student, date], occurredOn: date,
        payload: .attendanceRecorded(
          AttendanceRecorded(studentKey: student, date: date, category: category)))
    }
  }

  private static func mark(
    _ reader: inout CSVRowReader, column: String, text: String?, _ context: CSVRowContext
  ) -> AttendanceCategory? {
    guard let text else {
      reader.fail(column: column, "no attendance mark")
      return nil
    }
    guard let category = context.marks[CSVValueTables.lookupKey(text)] else {
      reader.fail(
        column: column,
        "'\(text)' is not an attendance mark; use one of มา ขาด ลา ป่วย สาย กลับก่อน, "
          + "present absent leave late, / x (or add it to a mapping file's marks)")
      return nil
    }
    return category
  }
}
