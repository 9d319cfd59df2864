import LedgerEvents

/// `InterchangeStudentIntervention`: each `Intervention` becomes ``InterventionDefined``,
/// each `StudentInterventionAssociation` an ``InterventionStudentAssigned``, and each
/// `StudentInterventionAttendanceEvent` (none in Grand Bend) an ``InterventionSessionHeld``.
///
/// Events go to the stream of the organisation the intervention names. Ed-Fi lets that be
/// a district as well as a school, and the file does not say which it is; Grand Bend's
/// names its high school (255901001). A district-level intervention would get a stream of
/// its own, outside every school's counts, and should be split per school at the source.
///
/// Prescriptions, studies, education content and prescription associations are read and
/// left alone (content only lends its description as the intervention's title). An
/// association's `Dosage` is the minutes the student was assigned, not a session held, and
/// the catalogue has no place for it, so it is not imported.
struct EdFiInterventionMapper: EdFiRecordMapper {
  private struct InterventionKey: Hashable {
    var organisation: String
    var code: String
  }

  private struct Definition {
    var record: String
    var key: InterventionKey
    var contentId: String?
    var payload: InterventionDefined
  }

  private struct Assignment {
    var record: String
    var key: InterventionKey
    var studentKey: String
  }

  private var contentTitles: [String: String] = [:]
  private var definitions: [Definition] = []
  private var assignments: [Assignment] = []

  mutating func map(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: inout ImportContext
  ) {
    let element = record.element
    switch element.name {
    case "EducationContent":
      if let id = element.child("ContentIdentifier")?.text,
        let title = element.element(at: ["LearningResource", "ShortDescription"])?.text,
        !id.isEmpty, !title.isEmpty
      {
        contentTitles[id] = title
      }
    case "Intervention":
      readIntervention(record, into: &output)
    case "StudentInterventionAssociation":
      readAssociation(record, into: &output, context: context)
    case "StudentInterventionAttendanceEvent":
      Self.readInterventionAttendance(record, into: &output, context: context)
    default:
      break
    }
  }

  /// Definitions first, then assignments, which take their begin date from the definition:
  /// an Ed-Fi association carries no date of its own.
  mutating func finish(into output: inout EdFiFileOutput, context: inout ImportContext) {
    var beginDates: [InterventionKey: String] = [:]
    for definition in definitions {
      var payload = definition.payload
      payload.title = definition.contentId.flatMap { contentTitles[$0] }
      beginDates[definition.key] = payload.beginDate
      output.emit(
        EdFiNaturalKey("intervention", definition.key.organisation, definition.key.code),
        stream: definition.key.organisation, occurredOn: payload.beginDate,
        payload: .interventionDefined(payload), record: definition.record, context: context)
    }
    for assignment in assignments {
      let key = assignment.key
      guard let begin = beginDates[key] else {
        output.fail(
          record: assignment.record, field: "InterventionIdentificationCode",
          "intervention '\(key.code)' of \(key.organisation) is not defined in this file, "
            + "and the association has no date of its own to begin on")
        continue
      }
      let payload = InterventionStudentAssigned(
        interventionId: key.code, studentKey: assignment.studentKey, beginDate: begin)
      output.emit(
        EdFiNaturalKey(
          "intervention", key.organisation, key.code, "student", assignment.studentKey),
        stream: key.organisation, occurredOn: begin,
        payload: .interventionStudentAssigned(payload), record: assignment.record,
        context: context)
      // An assignment at a school places the student there, which lets later files (results
      // that name no school) find it; attendance, read earlier, takes precedence.
      if context.isSchool(key.organisation) && context.studentSchools[assignment.studentKey] == nil
      {
        context.studentSchools[assignment.studentKey] = key.organisation
      }
    }
  }

  private mutating func readIntervention(
    _ record: EdFiRecord, into output: inout EdFiFileOutput
  ) {
    var fields = EdFiFieldReader(record, file: output.file)
    let code = fields.required("InterventionIdentificationCode")
    let organisation = fields.required(
      "EducationOrganizationReference", "EducationOrganizationIdentity",
      "EducationOrganizationId")
    let interventionClass = fields.descriptor(
      EdFiDescriptorTable.interventionClass, "InterventionClass")
    let delivery = fields.descriptor(EdFiDescriptorTable.deliveryMethod, "DeliveryMethod")
    var diagnoses: [String] = []
    for diagnosis in record.element.children("Diagnosis") {
      if let code = fields.descriptor(EdFiDescriptorTable.diagnosis, in: diagnosis),
        !diagnoses.contains(code)
      {
        diagnoses.append(code)
      }
    }
    let begin = fields.date("BeginDate")
    let end = fields.optionalDate("EndDate")
    let contentId = fields.optional(
      "EducationContentSource", "EducationContentReference", "EducationContentIdentity",
      "ContentIdentifier")
    output.fail(fields.errors)
    guard fields.errors.isEmpty, let code, let organisation, let interventionClass,
      let delivery, let begin
    else { return }

    let payload = InterventionDefined(
      interventionId: code, interventionClass: interventionClass, delivery: delivery,
      diagnoses: diagnoses, beginDate: begin, endDate: end)
    definitions.append(
      Definition(
        record: record.label, key: InterventionKey(organisation: organisation, code: code),
        contentId: contentId, payload: payload))
  }

  private mutating func readAssociation(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: ImportContext
  ) {
    var fields = EdFiFieldReader(record, file: output.file)
    let student = fields.required("StudentReference", "StudentIdentity", "StudentUniqueId")
    let key = Self.interventionReference(&fields)
    output.fail(fields.errors)
    guard fields.errors.isEmpty, let student, let key else { return }
    let studentKey = context.pseudonyms.studentKey(system: EdFiReader.sourceSystem, id: student)
    assignments.append(Assignment(record: record.label, key: key, studentKey: studentKey))
  }

  /// A student's attendance at an intervention session, as a session held with that
  /// student. An absence means the student was not there, so it makes no event. Ed-Fi
  /// does not say what kind of session it was (``SessionKind/other``), and a missing
  /// `InterventionDuration` gives a dosage of 0 minutes, which undercounts visibly rather
  /// than inventing a length.
  static func readInterventionAttendance(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: ImportContext
  ) {
    var fields = EdFiFieldReader(record, file: output.file)
    let date = fields.date("AttendanceEvent", "EventDate")
    let category = fields.descriptor(
      EdFiDescriptorTable.attendanceCategory, "AttendanceEvent", "AttendanceEventCategory")
    let student = fields.required("StudentReference", "StudentIdentity", "StudentUniqueId")
    let key = interventionReference(&fields)
    var minutes = 0
    if fields.optional("InterventionDuration") != nil {
      minutes = fields.integer("InterventionDuration", in: 0...(24 * 60)) ?? 0
    }
    output.fail(fields.errors)
    guard fields.errors.isEmpty, let date, let category, let student, let key,
      !category.isAbsence
    else { return }

    let studentKey = context.pseudonyms.studentKey(system: EdFiReader.sourceSystem, id: student)
    let payload = InterventionSessionHeld(
      interventionId: key.code, kind: .other, date: date, studentKeys: [studentKey],
      dosageMinutes: minutes)
    output.emit(
      EdFiNaturalKey(
        "intervention", key.organisation, key.code, "session", date, studentKey),
      stream: key.organisation, occurredOn: date, payload: .interventionSessionHeld(payload),
      record: record.label, context: context)
  }

  private static func interventionReference(_ fields: inout EdFiFieldReader)
    -> InterventionKey?
  {
    let identity = ["InterventionReference", "InterventionIdentity"]
    let code = fields.required(identity[0], identity[1], "InterventionIdentificationCode")
    let organisation = fields.required(
      identity[0], identity[1], "EducationOrganizationReference",
      "EducationOrganizationIdentity", "EducationOrganizationId")
    guard let code, let organisation else { return nil }
    return InterventionKey(organisation: organisation, code: code)
  }
}
