import LedgerEvents

/// Intervention sessions: one row per session held (tutoring, a home visit, coaching, a PLC
/// meeting, a classroom observation), with the day, the kind, the minutes and, for a
/// session with a student, the student. A session is identified by its session id when the
/// file has one, else by its intervention, kind, day and student (`staff` for none).
enum CSVInterventionSessionRows {
  static func records(
    _ reader: inout CSVRowReader, school: String, context: CSVRowContext
  ) -> [CSVRecord.Partial] {
    let hasStudent = reader.text(.nationalId) != nil || reader.text(.studentNumber) != nil
    let student =
      hasStudent
      ? CSVStudentIdentity.key(&reader, school: school, pseudonyms: context.pseudonyms) : nil
    let date = reader.date(.date)
    let kind = reader.coded(.sessionKind, CSVValueTables.sessionKinds, what: "session kind")
    if reader.text(.sessionKind) == nil { reader.fail(.sessionKind, "is empty") }
    let minutes = reader.number(.minutes)
    if reader.text(.minutes) == nil {
      reader.fail(.minutes, "is empty; give the session's length in minutes")
    } else if let minutes, minutes != minutes.rounded() || minutes < 0 || minutes > 24 * 60 {
      reader.fail(.minutes, "\(minutes) is not a whole number of minutes within a day")
    }
    let intervention = reader.text(.intervention)
    let sessionId = reader.text(.sessionId)
    guard let date, let kind, let minutes, reader.errors.isEmpty else { return [] }

    let payload = InterventionSessionHeld(
      interventionId: intervention, kind: kind, date: date,
      studentKeys: student.map { [$0] } ?? [], dosageMinutes: Int(minutes))
    let key =
      sessionId.map { ["intervention-session", $0] }
      ?? ["intervention-session", intervention ?? "-", kind.rawValue, date, student ?? "staff"]
    return [
      CSVRecord.Partial(keyParts: key, occurredOn: date, payload: .interventionSessionHeld(payload))
    ]
  }
}
