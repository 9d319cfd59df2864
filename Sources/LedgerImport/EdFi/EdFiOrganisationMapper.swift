import LedgerEvents

/// `InterchangeEducationOrganization`: each `School` becomes ``SchoolRegistered``, and its
/// district (`LocalEducationAgencyReference`) a ``SchoolJoinedGroup`` of kind district.
///
/// State agencies, service centres, districts themselves, courses, programmes, class
/// periods, locations and the rest are read (and counted) but have no event: the catalogue
/// registers schools only, and knows a district only as a group a school belongs to.
struct EdFiOrganisationMapper: EdFiRecordMapper {
  /// A school read, waiting for the end of the file: its district may be defined later in
  /// the file, and its registration is dated by the whole file's dates.
  private struct PendingSchool {
    var record: String
    var schoolId: String
    var registered: SchoolRegistered
    var district: DistrictReference?
  }

  /// A school's district: by `ref` to an element `id` in this file, or by identity.
  private enum DistrictReference {
    case elementId(String, field: String)
    case districtId(String)
  }

  /// The registration date used when the file holds no date at all: the Unix epoch,
  /// deliberately artificial so that no one takes it for an opening date.
  static let undatedRegistration = "1970-01-01"

  private var schools: [PendingSchool] = []
  private var districtIdOfElement: [String: String] = [:]
  private var districtNames: [String: String] = [:]
  private var earliestDate: LocalDate?

  mutating func map(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: inout ImportContext
  ) {
    noteDates(in: record.element)
    switch record.element.name {
    case "LocalEducationAgency": noteDistrict(record)
    case "School": readSchool(record, into: &output)
    default: break
    }
  }

  /// Emits each school's registration and district membership.
  ///
  /// An Ed-Fi school record says nothing of when the school opened or joined its district;
  /// the file is a snapshot. Both facts are dated at the earliest date the file mentions
  /// (here a licence date, 2020-01-01), so that they come before every school-day fact
  /// read from the same snapshot (sessions here begin 2021-08-23). A re-export with an
  /// earlier date anywhere in it would date them differently, and the import would then
  /// stop on an id conflict rather than silently keep two versions.
  mutating func finish(into output: inout EdFiFileOutput, context: inout ImportContext) {
    let date = earliestDate?.description ?? Self.undatedRegistration
    for school in schools {
      context.schools.insert(school.schoolId)
      output.emit(
        EdFiNaturalKey("school", school.schoolId), stream: school.schoolId, occurredOn: date,
        payload: .schoolRegistered(school.registered), record: school.record,
        context: context)
      guard let reference = school.district else { continue }
      let districtId: String
      switch reference {
      case .districtId(let id):
        districtId = id
      case .elementId(let elementId, let field):
        guard let id = districtIdOfElement[elementId] else {
          output.fail(
            record: school.record, field: field,
            "refers to ref=\"\(elementId)\", which no LocalEducationAgency in this file has "
              + "as its id")
          continue
        }
        districtId = id
      }
      let joined = SchoolJoinedGroup(
        groupId: districtId, groupName: districtNames[districtId], groupKind: .district,
        effectiveDate: date)
      output.emit(
        EdFiNaturalKey("school", school.schoolId, "district", districtId),
        stream: school.schoolId, occurredOn: date, payload: .schoolJoinedGroup(joined),
        record: school.record, context: context)
    }
  }

  private mutating func noteDistrict(_ record: EdFiRecord) {
    guard let districtId = record.element.child("LocalEducationAgencyId")?.text,
      !districtId.isEmpty
    else { return }
    if let elementId = record.element.attributes["id"] {
      districtIdOfElement[elementId] = districtId
    }
    if let name = record.element.child("NameOfInstitution")?.text, !name.isEmpty {
      districtNames[districtId] = name
    }
  }

  private mutating func readSchool(_ record: EdFiRecord, into output: inout EdFiFileOutput) {
    var fields = EdFiFieldReader(record, file: output.file)
    let schoolId = fields.required("SchoolId")
    let name = fields.required("NameOfInstitution")
    var levels: [String] = []
    for category in record.element.children("SchoolCategory") {
      if let level = fields.descriptor(EdFiDescriptorTable.schoolLevel, in: category),
        !levels.contains(level)
      {
        levels.append(level)
      }
    }
    let province = self.province(of: record.element, fields: &fields)
    let district = districtReference(of: record.element, fields: &fields)

    output.fail(fields.errors)
    guard fields.errors.isEmpty, let schoolId, let name else { return }
    // A school offering several levels (rare) keeps them all, joined by "+".
    let registered = SchoolRegistered(
      schoolCode: schoolId, name: name, province: province,
      level: levels.isEmpty ? nil : levels.joined(separator: "+"))
    schools.append(
      PendingSchool(
        record: record.label, schoolId: schoolId, registered: registered, district: district))
  }

  /// The state of the school's physical address (else of its first address), as the
  /// descriptor's value (`TX`): a place, kept as written rather than mapped to a code.
  private func province(of school: EdFiElement, fields: inout EdFiFieldReader) -> String? {
    let addresses = school.children("Address")
    let physical = addresses.first { address in
      address.child("AddressType")?.text.hasSuffix("#Physical") == true
    }
    guard let state = (physical ?? addresses.first)?.child("StateAbbreviation"),
      !state.text.isEmpty
    else { return nil }
    do {
      return try EdFiDescriptorMap<String>.value(
        of: state.text, expecting: "StateAbbreviationDescriptor")
    } catch {
      fields.fail("StateAbbreviation", error.message)
      return nil
    }
  }

  private func districtReference(of school: EdFiElement, fields: inout EdFiFieldReader)
    -> DistrictReference?
  {
    let field = "LocalEducationAgencyReference"
    guard let reference = school.child(field) else { return nil }
    if let id = reference.element(at: ["LocalEducationAgencyIdentity", "LocalEducationAgencyId"])?
      .text, !id.isEmpty
    {
      return .districtId(id)
    }
    if let elementId = reference.attributes["ref"], !elementId.isEmpty {
      return .elementId(elementId, field: field)
    }
    fields.fail(field, "names neither a LocalEducationAgencyId nor a ref to one")
    return nil
  }

  private mutating func noteDates(in element: EdFiElement) {
    if element.name.hasSuffix("Date"), let date = LocalDate(element.text) {
      earliestDate = min(earliestDate ?? date, date)
    }
    for child in element.children { noteDates(in: child) }
  }
}
