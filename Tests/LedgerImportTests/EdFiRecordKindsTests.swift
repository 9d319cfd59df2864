import Foundation
import LedgerEvents
import LedgerImport
import Testing

/// Records the Grand Bend sample lacks or has only once, written by hand.
final class EdFiRecordKindsTests {
  let scratch: EdFiScratch

  init() throws {
    scratch = try EdFiScratch()
  }

  deinit {
    scratch.remove()
  }

  private func read(
    _ root: String, _ body: String, context: inout ImportContext
  ) throws -> ParsedFile {
    let url = try scratch.write("in.xml", root: root, body: body)
    return try EdFiReader.read(url, displayName: "in.xml", context: &context)
  }

  private func errors(_ root: String, _ body: String) throws -> [ImportError] {
    var context = EdFiSamples.context()
    do {
      _ = try read(root, body, context: &context)
    } catch let failure as ImportFailure {
      return failure.errors
    }
    Issue.record("the read did not fail")
    return []
  }

  private static let intervention = """
    <Intervention>
      <InterventionClass>uri://ed-fi.org/InterventionClassDescriptor#Practice</InterventionClass>
      <DeliveryMethod>uri://ed-fi.org/DeliveryMethodDescriptor#Whole Class</DeliveryMethod>
      <BeginDate>2021-08-23</BeginDate>
      <EducationOrganizationReference><EducationOrganizationIdentity>
        <EducationOrganizationId>255901001</EducationOrganizationId>
      </EducationOrganizationIdentity></EducationOrganizationReference>
      <InterventionIdentificationCode>CC-9</InterventionIdentificationCode>
    </Intervention>

    """

  private static func interventionReference(_ code: String = "CC-9") -> String {
    """
    <InterventionReference><InterventionIdentity>
      <EducationOrganizationReference><EducationOrganizationIdentity>
        <EducationOrganizationId>255901001</EducationOrganizationId>
      </EducationOrganizationIdentity></EducationOrganizationReference>
      <InterventionIdentificationCode>\(code)</InterventionIdentificationCode>
    </InterventionIdentity></InterventionReference>
    """
  }

  private static func interventionAttendance(category: String, minutes: String) -> String {
    """
    <StudentInterventionAttendanceEvent>
      <AttendanceEvent>
        <EventDate>2021-09-06</EventDate>
        <AttendanceEventCategory>uri://ed-fi.org/AttendanceEventCategoryDescriptor#\(category)\
    </AttendanceEventCategory>
      </AttendanceEvent>
      <StudentReference><StudentIdentity><StudentUniqueId>604822</StudentUniqueId>\
    </StudentIdentity></StudentReference>
      \(interventionReference())
      <InterventionDuration>\(minutes)</InterventionDuration>
    </StudentInterventionAttendanceEvent>

    """
  }

  @Test func interventionAttendanceBecomesASessionWithItsMinutes() throws {
    var context = EdFiSamples.context()
    let parsed = try read(
      "InterchangeStudentIntervention",
      Self.intervention + Self.interventionAttendance(category: "In Attendance", minutes: "45")
        + Self.interventionAttendance(category: "Unexcused Absence", minutes: "45"),
      context: &context)
    let sessions = parsed.events.compactMap { e -> InterventionSessionHeld? in
      if case .interventionSessionHeld(let p) = e.envelope.payload { p } else { nil }
    }
    #expect(parsed.recordsRead == 3)
    #expect(
      sessions == [
        InterventionSessionHeld(
          interventionId: "CC-9", kind: .other, date: "2021-09-06",
          studentKeys: [EdFiSamples.studentKey("604822")], dosageMinutes: 45)
      ])
    #expect(parsed.events.allSatisfy { $0.envelope.stream == "255901001" })
  }

  @Test func anAssignmentToAnUndefinedInterventionIsAnError() throws {
    let body = """
      <StudentInterventionAssociation>
        <StudentReference><StudentIdentity><StudentUniqueId>604822</StudentUniqueId>\
      </StudentIdentity></StudentReference>
        \(Self.interventionReference("CC-404"))
      </StudentInterventionAssociation>

      """
    let found = try errors("InterchangeStudentIntervention", Self.intervention + body)
    #expect(found.map(\.field) == ["InterventionIdentificationCode"])
    #expect(found.first?.record == "StudentInterventionAssociation #1 (line 12)")
    #expect(found.first?.message.contains("CC-404") == true)
  }

  private static func result(school: String? = nil, scored: Bool = true) -> String {
    let reported =
      school.map {
        "<ReportedSchoolReference><SchoolIdentity><SchoolId>\($0)</SchoolId>"
          + "</SchoolIdentity></ReportedSchoolReference>"
      } ?? ""
    let score =
      scored
      ? "<ScoreResult><Result>31</Result><AssessmentReportingMethod>"
        + "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score"
        + "</AssessmentReportingMethod></ScoreResult>"
      : "<ReasonNotTested>uri://ed-fi.org/ReasonNotTestedDescriptor#Absent</ReasonNotTested>"
    return """
      <StudentAssessment>
        <StudentAssessmentIdentifier>R/1</StudentAssessmentIdentifier>
        <AdministrationDate>2022-05-02T09:30:00</AdministrationDate>
        \(score)
        <AssessmentPeriod>uri://ed-fi.org/AssessmentPeriodDescriptor#End of Year\
      </AssessmentPeriod>
        <StudentReference><StudentIdentity><StudentUniqueId>604999</StudentUniqueId>\
      </StudentIdentity></StudentReference>
        <AssessmentReference><AssessmentIdentity><AssessmentIdentifier>SA-1\
      </AssessmentIdentifier></AssessmentIdentity></AssessmentReference>
        \(reported)
      </StudentAssessment>

      """
  }

  @Test func aResultGoesToTheSchoolItReportsOrBecomesAGap() throws {
    var context = EdFiSamples.context()
    let reported = try read(
      "InterchangeStudentAssessment", Self.result(school: "255901044"), context: &context)
    let event = try #require(reported.events.first)
    #expect(event.envelope.stream == "255901044")
    #expect(event.envelope.occurredAt == "09:30:00")
    let key = EdFiSamples.studentKey("604999")
    #expect(event.envelope.id == "ed-fi/student-assessment/SA-1/\(key)/R%2F1")
    guard case .studentAssessed(let payload) = event.envelope.payload else {
      Issue.record("unexpected \(event.envelope.type)")
      return
    }
    #expect(payload.period == .endOfYear)

    let unknown = try read("InterchangeStudentAssessment", Self.result(), context: &context)
    #expect(unknown.events.isEmpty)
    #expect(unknown.gaps.map(\.kind) == [.assessmentWithoutSchool])
    #expect(unknown.gaps.first?.record == "StudentAssessment #1 (line 3)")

    context.studentSchools[key] = "255901107"
    let learnt = try read("InterchangeStudentAssessment", Self.result(), context: &context)
    #expect(learnt.events.map(\.envelope.stream) == ["255901107"])

    let notTested = try read(
      "InterchangeStudentAssessment", Self.result(scored: false), context: &context)
    #expect(notTested.recordsRead == 1)
    #expect(notTested.events.isEmpty)
    #expect(notTested.gaps.isEmpty)
  }

  private static func school(district: String) -> String {
    """
    <School id="SCOL_1">
      <NameOfInstitution>North School</NameOfInstitution>
      <SchoolId>0100001</SchoolId>
      \(district)
    </School>

    """
  }

  @Test func aDistrictIsFoundByReferenceOrByIdentity() throws {
    var context = EdFiSamples.context()
    let byIdentity = try read(
      "InterchangeEducationOrganization",
      Self.school(
        district: "<LocalEducationAgencyReference><LocalEducationAgencyIdentity>"
          + "<LocalEducationAgencyId>0100</LocalEducationAgencyId>"
          + "</LocalEducationAgencyIdentity></LocalEducationAgencyReference>"),
      context: &context)
    let joined = byIdentity.events.compactMap { e -> SchoolJoinedGroup? in
      if case .schoolJoinedGroup(let p) = e.envelope.payload { p } else { nil }
    }
    #expect(joined.map(\.groupId) == ["0100"])
    #expect(byIdentity.events.map(\.envelope.stream) == ["0100001", "0100001"])
    #expect(byIdentity.events.allSatisfy { $0.envelope.occurredOn == "1970-01-01" })

    let dangling = try errors(
      "InterchangeEducationOrganization",
      Self.school(district: "<LocalEducationAgencyReference ref=\"LEAG_9\"/>"))
    #expect(dangling.map(\.field) == ["LocalEducationAgencyReference"])
    #expect(dangling.first?.message.contains("LEAG_9") == true)
  }

  @Test func twoDifferentSessionsOfTheSameNameAreAnError() throws {
    func session(days: Int) -> String {
      """
      <Session>
        <SessionName>Term 1</SessionName><SchoolYear>2567</SchoolYear>
        <BeginDate>2024-05-16</BeginDate><EndDate>2024-10-10</EndDate>
        <TotalInstructionalDays>\(days)</TotalInstructionalDays>
        <SchoolReference><SchoolIdentity><SchoolId>1010720001</SchoolId></SchoolIdentity>\
      </SchoolReference>
      </Session>

      """
    }
    let found = try errors(
      "InterchangeEducationOrgCalendar", session(days: 100) + session(days: 99))
    #expect(found.map(\.record) == ["Session #2 (line 9)"])
    #expect(found.first?.message.contains("Session #1 (line 3)") == true)
  }

  @Test func anEmptyFileIsNotAnInterchange() throws {
    let url = try scratch.writeRaw("empty.xml", "")
    #expect(EdFiReader.interchange(of: url) == nil)
  }
}
