import LedgerEvents

/// `InterchangeStudentAttendance`: each `StudentSchoolAttendanceEvent` becomes an
/// ``AttendanceRecorded`` on the school's stream, and the student's school is noted in the
/// context for the files read after this one (assessment results name no school).
///
/// Ed-Fi attendance is exception-based: absences, tardies and partial days, never a day
/// present. `EventDuration` is the share of the day (1, 0.5); absent, the event covers the
/// whole day (1). `SchoolAttendanceDuration` (minutes attended) is not used, because the
/// length of the school day is not in the file. Section and programme attendance events
/// (per class period or programme, not per school day) are read and left alone;
/// intervention attendance becomes intervention sessions, as in the intervention file.
struct EdFiAttendanceMapper: EdFiRecordMapper {
  private struct StudentAtSchool: Hashable {
    var school: String
    var student: String
  }

  private var studentsSeen: Set<StudentAtSchool> = []

  mutating func map(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: inout ImportContext
  ) {
    switch record.element.name {
    case "StudentSchoolAttendanceEvent":
      readSchoolAttendance(record, into: &output, context: &context)
    case "StudentInterventionAttendanceEvent":
      EdFiInterventionMapper.readInterventionAttendance(
        record, into: &output, context: context)
    default:
      break
    }
  }

  private mutating func readSchoolAttendance(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: inout ImportContext
  ) {
    var fields = EdFiFieldReader(record, file: output.file)
    let date = fields.date("AttendanceEvent", "EventDate")
    let category = fields.descriptor(
      EdFiDescriptorTable.attendanceCategory, "AttendanceEvent", "AttendanceEventCategory")
    let reason = fields.optional("AttendanceEvent", "AttendanceEventReason")
    let duration = fields.optionalDecimal("AttendanceEvent", "EventDuration") ?? 1
    if !(duration > 0 && duration <= 1) {
      fields.fail("EventDuration", "\(duration) is not a share of a school day in (0, 1]")
    }
    let arrival = arrivalTime(&fields)
    let student = fields.required("StudentReference", "StudentIdentity", "StudentUniqueId")
    let school = fields.required("SchoolReference", "SchoolIdentity", "SchoolId")
    output.fail(fields.errors)
    guard fields.errors.isEmpty, let date, let category, let student, let school else {
      return
    }

    let key = context.pseudonyms.studentKey(system: EdFiReader.sourceSystem, id: student)
    let payload = AttendanceRecorded(
      studentKey: key, date: date, category: category, duration: duration, reason: reason)
    output.emit(
      EdFiNaturalKey("attendance", school, key, date, category.rawValue), stream: school,
      occurredOn: date, occurredAt: arrival, payload: .attendanceRecorded(payload),
      record: record.label, context: context)
    context.studentSchools[key] = school

    // No StudentSchoolAssociation reaches the ledger from Ed-Fi files, so every student
    // with attendance lacks an enrolment: one gap per student and school, not per event.
    if studentsSeen.insert(StudentAtSchool(school: school, student: key)).inserted {
      output.gap(
        .attendanceWithoutEnrolment, record: record.label,
        detail: "student \(key) has attendance at school \(school) but no enrolment; "
          + "enrolled days cannot be counted from instructional days")
    }
  }

  /// The clock time a late student arrived (`ArrivalTime`), as the event's time of day.
  private func arrivalTime(_ fields: inout EdFiFieldReader) -> String? {
    guard let text = fields.optional("ArrivalTime") else { return nil }
    guard EdFiFieldReader.isClockTime(text) else {
      fields.fail("ArrivalTime", "'\(text)' is not a time of day HH:MM[:SS]")
      return nil
    }
    return text
  }
}
