import Foundation
import LedgerEvents
import LedgerImport
import Testing

/// Small hand-written files that break one rule each; every failure names the file, the
/// record and the field.
final class EdFiMalformedTests {
  let scratch: EdFiScratch

  init() throws {
    scratch = try EdFiScratch()
  }

  deinit {
    scratch.remove()
  }

  private func readAttendance(_ body: String) throws -> ParsedFile {
    let url = try scratch.write("att.xml", root: "InterchangeStudentAttendance", body: body)
    var context = EdFiSamples.context()
    return try EdFiReader.read(url, displayName: "att.xml", context: &context)
  }

  private func failure(_ body: String) throws -> [ImportError] {
    do {
      _ = try readAttendance(body)
    } catch let failure as ImportFailure {
      return failure.errors
    }
    Issue.record("the read did not fail")
    return []
  }

  @Test func truncatedXMLNamesTheOpenRecordAndElement() throws {
    let whole = EdFiScratch.attendanceEvent() + EdFiScratch.attendanceEvent(date: "2021-09-01")
    let cut = whole.range(of: "<StudentReference>", options: .backwards)?.lowerBound
    let body = String(whole[..<(try #require(cut))])
    let url = try scratch.writeRaw(
      "cut.xml",
      "<?xml version=\"1.0\"?>\n<InterchangeStudentAttendance>\n" + body)
    var context = EdFiSamples.context()
    #expect {
      try EdFiReader.read(url, displayName: "cut.xml", context: &context)
    } throws: { error in
      guard let failure = error as? ImportFailure, let first = failure.errors.first else {
        return false
      }
      return failure.errors.count == 1 && first.file == "cut.xml"
        && first.record.hasPrefix("StudentSchoolAttendanceEvent #2 (line ")
        && first.field == "StudentSchoolAttendanceEvent" && first.message.contains("malformed")
    }
    #expect(context.studentSchools.isEmpty)
  }

  @Test func unknownDescriptorValueIsNamed() throws {
    let errors = try failure(
      EdFiScratch.attendanceEvent(
        category: "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Sick Day"))
    #expect(errors.count == 1)
    #expect(errors.first?.file == "att.xml")
    #expect(errors.first?.record == "StudentSchoolAttendanceEvent #1 (line 3)")
    #expect(errors.first?.field == "AttendanceEventCategory")
    #expect(errors.first?.message.contains("'Sick Day'") == true)
  }

  @Test func descriptorOfTheWrongKindIsRefused() throws {
    let errors = try failure(
      EdFiScratch.attendanceEvent(category: "uri://ed-fi.org/GradeLevelDescriptor#Tardy"))
    #expect(errors.map(\.field) == ["AttendanceEventCategory"])
    #expect(errors.first?.message.contains("GradeLevelDescriptor") == true)
  }

  @Test func missingEventDateIsNamed() throws {
    let errors = try failure(EdFiScratch.attendanceEvent(date: nil))
    #expect(errors.map(\.field) == ["EventDate"])
    #expect(errors.first?.record == "StudentSchoolAttendanceEvent #1 (line 3)")
    #expect(errors.first?.message.contains("missing") == true)
  }

  @Test func everyBadRecordIsReportedAtOnce() throws {
    let errors = try failure(
      EdFiScratch.attendanceEvent(date: "2021-02-30")
        + EdFiScratch.attendanceEvent(date: "31/08/2021", duration: "0"))
    #expect(errors.map(\.field) == ["EventDate", "EventDate", "EventDuration"])
    #expect(
      errors.map { String($0.record.prefix(31)) } == [
        "StudentSchoolAttendanceEvent #1", "StudentSchoolAttendanceEvent #2",
        "StudentSchoolAttendanceEvent #2",
      ])
    #expect(errors[0].message.contains("'2021-02-30'"))
  }

  @Test func identicalRecordsMakeOneEvent() throws {
    let parsed = try readAttendance(
      EdFiScratch.attendanceEvent() + EdFiScratch.attendanceEvent())
    #expect(parsed.recordsRead == 2)
    #expect(parsed.events.count == 1)
    #expect(parsed.gaps.count == 1)
  }

  @Test func sameKeyWithDifferentContentNamesBothRecords() throws {
    let errors = try failure(
      EdFiScratch.attendanceEvent() + EdFiScratch.attendanceEvent(duration: "0.5"))
    #expect(errors.count == 1)
    #expect(errors.first?.record.hasPrefix("StudentSchoolAttendanceEvent #2") == true)
    #expect(errors.first?.field == "payload.duration")
    #expect(errors.first?.message.contains("StudentSchoolAttendanceEvent #1 (line 3)") == true)
  }

  @Test func anEventIdNeverHoldsTheStudentUniqueId() throws {
    let parsed = try readAttendance(EdFiScratch.attendanceEvent(student: "604822"))
    let key = EdFiSamples.studentKey("604822")
    #expect(
      parsed.events.map(\.envelope.id) == [
        "ed-fi/attendance/255901001/\(key)/2021-08-31/excused-absence"
      ])
    #expect(parsed.events.allSatisfy { !$0.envelope.id.contains("604822") })
    #expect(parsed.gaps.allSatisfy { !$0.detail.contains("604822") })
  }

  @Test func aFileThatIsNotAnInterchangeIsRefused() throws {
    let url = try scratch.writeRaw("page.xml", "<html><body/></html>")
    #expect(EdFiReader.interchange(of: url) == nil)
    var context = EdFiSamples.context()
    #expect(throws: ImportFailure.self) {
      try EdFiReader.read(url, displayName: "page.xml", context: &context)
    }
  }
}
