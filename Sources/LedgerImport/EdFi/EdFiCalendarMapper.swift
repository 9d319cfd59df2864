import LedgerEvents

/// `InterchangeEducationOrgCalendar`: the `Session`s of each school and school year become
/// one ``CalendarPublished`` for that school-year, with each session's name, dates and
/// `TotalInstructionalDays`.
///
/// Instructional dates are left out (nil): Ed-Fi lists them as `CalendarDate` records, and
/// files such as Grand Bend's list only a couple for one student-specific calendar, far
/// from every school day. Without them, enrolled days can be counted only for students
/// enrolled for whole sessions. Grading periods and calendars are read and left alone.
struct EdFiCalendarMapper: EdFiRecordMapper {
  private struct SchoolYear: Hashable {
    var school: String
    var year: String
  }

  private struct ReadSession {
    var record: String
    var session: CalendarSession
  }

  private var order: [SchoolYear] = []
  private var sessions: [SchoolYear: [ReadSession]] = [:]

  mutating func map(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: inout ImportContext
  ) {
    guard record.element.name == "Session" else { return }
    var fields = EdFiFieldReader(record, file: output.file)
    let name = fields.required("SessionName")
    let year = fields.required("SchoolYear")
    let begin = fields.date("BeginDate")
    let end = fields.date("EndDate")
    let days = fields.integer("TotalInstructionalDays", in: 0...366)
    let school = fields.required("SchoolReference", "SchoolIdentity", "SchoolId")
    output.fail(fields.errors)
    guard fields.errors.isEmpty, let name, let year, let begin, let end, let days, let school
    else { return }

    let key = SchoolYear(school: school, year: year)
    let read = ReadSession(
      record: record.label,
      session: CalendarSession(
        name: name, beginDate: begin, endDate: end, instructionalDays: days))
    guard let known = sessions[key] else {
      order.append(key)
      sessions[key] = [read]
      return
    }
    if let same = known.first(where: { $0.session.name == name }) {
      if same.session != read.session {
        output.fail(
          record: record.label, field: "SessionName",
          "session '\(name)' of school \(school), \(year), is also \(same.record) with "
            + "different dates or days; the source must say which one holds")
      }
      return
    }
    sessions[key, default: []].append(read)
  }

  /// One calendar per school-year, its sessions in date order, dated at its first day.
  mutating func finish(into output: inout EdFiFileOutput, context: inout ImportContext) {
    for key in order {
      let read = (sessions[key] ?? []).sorted {
        ($0.session.beginDate, $0.session.name) < ($1.session.beginDate, $1.session.name)
      }
      guard let first = read.first else { continue }
      let calendar = CalendarPublished(academicYear: key.year, sessions: read.map(\.session))
      output.emit(
        EdFiNaturalKey("calendar", key.school, key.year), stream: key.school,
        occurredOn: first.session.beginDate, payload: .calendarPublished(calendar),
        record: read.map(\.record).joined(separator: ", "), context: context)
    }
  }
}
