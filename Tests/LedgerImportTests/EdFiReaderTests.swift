import Foundation
import LedgerEvents
import LedgerImport
import Testing

/// The Grand Bend sample read as it is. Expected values come from scanning the raw text.
@Suite(.enabled(if: EdFiSamples.available, EdFiSamples.unavailableReason))
struct EdFiReaderTests {
  @Test func recognisesEveryInterchangeByItsRootElement() throws {
    let expected: [(prefix: String, interchange: EdFiInterchange)] = [
      ("AssessmentMetadata-", .assessmentMetadata),
      ("EducationOrgCalendar", .educationOrgCalendar),
      ("EducationOrganization", .educationOrganization),
      ("StudentAssessment-", .studentAssessment),
      ("StudentIntervention", .studentIntervention),
      ("StudentSchoolAttendance", .studentAttendance),
      ("Student.xml", .student),
    ]
    let files = try EdFiSamples.xmlFiles()
    #expect(files.count == 9)
    for file in files {
      let match = try #require(expected.first { file.hasPrefix($0.prefix) })
      #expect(EdFiReader.interchange(of: EdFiSamples.url(file)) == match.interchange, "\(file)")
    }
    for other in ["README.md", "LICENSE", "NOTICES.md", "no-such-file.xml"] {
      #expect(EdFiReader.interchange(of: EdFiSamples.url(other)) == nil, "\(other)")
    }
  }

  @Test func attendanceCountsPerSchoolAndCategoryMatchTheRawFile() throws {
    let raw = try EdFiSamples.text("StudentSchoolAttendance.xml")
    let records = RawXML.blocks("StudentSchoolAttendanceEvent", in: raw)
    let categoryCodes = [
      "Excused Absence": "excused-absence", "Unexcused Absence": "unexcused-absence",
      "Tardy": "tardy", "Partial": "partial",
    ]
    var expectedCounts: [String: [String: Int]] = [:]
    var expectedStudents: [String: Set<String>] = [:]
    var expectedDays = 0.0
    for record in records {
      let school = try #require(RawXML.value("SchoolId", in: record))
      let category = RawXML.descriptorValue(
        try #require(RawXML.value("AttendanceEventCategory", in: record)))
      let code = try #require(categoryCodes[category])
      expectedCounts[school, default: [:]][code, default: 0] += 1
      expectedStudents[school, default: []].insert(
        try #require(RawXML.value("StudentUniqueId", in: record)))
      expectedDays += RawXML.value("EventDuration", in: record).flatMap(Double.init) ?? 1
    }

    var context = EdFiSamples.context()
    let parsed = try EdFiSamples.read("StudentSchoolAttendance.xml", context: &context)

    var counts: [String: [String: Int]] = [:]
    var days = 0.0
    for event in parsed.events {
      guard case .attendanceRecorded(let payload) = event.envelope.payload else {
        Issue.record("unexpected \(event.envelope.type)")
        continue
      }
      counts[event.envelope.stream, default: [:]][payload.category.rawValue, default: 0] += 1
      days += payload.duration
    }
    #expect(records.count == 1917)
    #expect(parsed.recordsRead == records.count)
    #expect(parsed.events.count == records.count)
    #expect(counts == expectedCounts)
    #expect(days == expectedDays)
    #expect(counts["255901107"]?["tardy"] == 66)
    #expect(counts["255901001"]?["partial"] == 1)

    let distinctPerSchool = expectedStudents.values.map(\.count).reduce(0, +)
    #expect(distinctPerSchool == 227)
    #expect(parsed.gaps.count == distinctPerSchool)
    #expect(parsed.gaps.allSatisfy { $0.kind == .attendanceWithoutEnrolment })
    for (school, students) in expectedStudents {
      for student in students {
        #expect(context.studentSchools[EdFiSamples.studentKey(student)] == school)
      }
    }
  }

  @Test func aStudentWithTwoEventsOnOneDayKeepsBoth() throws {
    var context = EdFiSamples.context()
    let parsed = try EdFiSamples.read("StudentSchoolAttendance.xml", context: &context)
    let key = EdFiSamples.studentKey("604822")
    let sameDay = parsed.events.compactMap { event -> AttendanceRecorded? in
      guard case .attendanceRecorded(let p) = event.envelope.payload,
        p.studentKey == key, p.date == "2021-12-15"
      else { return nil }
      return p
    }
    #expect(
      sameDay.map(\.category).sorted { $0.rawValue < $1.rawValue } == [
        .excusedAbsence, .partial,
      ])
    // The partial day has no EventDuration, so it counts as the whole day.
    #expect(sameDay.allSatisfy { $0.duration == 1 })
    let ids = parsed.events.map(\.envelope.id)
    #expect(
      ids.contains("ed-fi/attendance/255901001/\(key)/2021-12-15/partial"))
  }

  @Test func schoolsAreRegisteredWithTheirDistrict() throws {
    let raw = try EdFiSamples.text("EducationOrganization.xml")
    let schools = RawXML.blocks("School", in: raw)
    let district = try #require(RawXML.blocks("LocalEducationAgency", in: raw).first)
    let districtId = try #require(RawXML.value("LocalEducationAgencyId", in: district))
    let districtName = try #require(RawXML.value("NameOfInstitution", in: district))
    let earliest = try #require(
      raw.split(separator: "<").compactMap { piece -> String? in
        let parts = piece.split(separator: ">", maxSplits: 1)
        guard parts.count == 2, parts[0].hasSuffix("Date"), LocalDate(String(parts[1])) != nil
        else { return nil }
        return String(parts[1])
      }.min())

    var context = EdFiSamples.context()
    let parsed = try EdFiSamples.read("EducationOrganization.xml", context: &context)

    #expect(parsed.recordsRead == RawXML.topLevelCount(in: raw))
    #expect(parsed.events.count == schools.count * 2)
    for school in schools {
      let id = try #require(RawXML.value("SchoolId", in: school))
      let name = try #require(RawXML.value("NameOfInstitution", in: school))
      let events = parsed.events.map(\.envelope).filter { $0.stream == id }
      let registered = try #require(
        events.compactMap { e -> SchoolRegistered? in
          if case .schoolRegistered(let p) = e.payload { p } else { nil }
        }.first)
      #expect(registered.schoolCode == id)
      #expect(registered.name == name)
      #expect(registered.province == "TX")
      let joined = try #require(
        events.compactMap { e -> SchoolJoinedGroup? in
          if case .schoolJoinedGroup(let p) = e.payload { p } else { nil }
        }.first)
      #expect(joined.groupId == districtId)
      #expect(joined.groupName == districtName)
      #expect(joined.groupKind == .district)
      #expect(events.allSatisfy { $0.occurredOn == earliest })
    }
    let levels = parsed.events.compactMap { e -> String? in
      if case .schoolRegistered(let p) = e.envelope.payload { p.level } else { nil }
    }
    #expect(levels == ["upper-secondary", "lower-secondary", "primary"])
  }

  @Test func eachSchoolYearBecomesOneCalendar() throws {
    let raw = try EdFiSamples.text("EducationOrgCalendar.xml")
    let sessions = RawXML.blocks("Session", in: raw)
    var expected: [String: [CalendarSession]] = [:]
    for session in sessions {
      let school = try #require(RawXML.value("SchoolId", in: session))
      expected[school, default: []].append(
        CalendarSession(
          name: try #require(RawXML.value("SessionName", in: session)),
          beginDate: try #require(RawXML.value("BeginDate", in: session)),
          endDate: try #require(RawXML.value("EndDate", in: session)),
          instructionalDays: try #require(
            RawXML.value("TotalInstructionalDays", in: session).flatMap { Int($0) })))
    }

    var context = EdFiSamples.context()
    let parsed = try EdFiSamples.read("EducationOrgCalendar.xml", context: &context)

    #expect(parsed.recordsRead == RawXML.topLevelCount(in: raw))
    #expect(parsed.events.count == expected.count)
    for event in parsed.events {
      guard case .calendarPublished(let calendar) = event.envelope.payload else {
        Issue.record("unexpected \(event.envelope.type)")
        continue
      }
      let want = (expected[event.envelope.stream] ?? []).sorted { $0.beginDate < $1.beginDate }
      #expect(calendar.academicYear == "2021-2022")
      #expect(calendar.sessions == want)
      #expect(event.envelope.occurredOn == want.first?.beginDate)
      #expect(event.envelope.id == "ed-fi/calendar/\(event.envelope.stream)/2021-2022")
    }
    #expect(
      parsed.events.flatMap { e -> [Int] in
        if case .calendarPublished(let c) = e.envelope.payload {
          c.sessions.map(\.instructionalDays)
        } else {
          []
        }
      } == [81, 88, 81, 88, 81, 88])
  }

  @Test func readingTwiceGivesTheSameEvents() throws {
    var first = EdFiSamples.context()
    var second = EdFiSamples.context()
    let a = try EdFiSamples.read("StudentSchoolAttendance.xml", context: &first)
    let b = try EdFiSamples.read("StudentSchoolAttendance.xml", context: &second)
    #expect(a.events.map(\.envelope) == b.events.map(\.envelope))
  }
}
