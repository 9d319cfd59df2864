import Foundation
import LedgerEvents
import LedgerImport
import Testing

/// Interventions, assessment definitions and results from the Grand Bend sample, checked
/// against values scanned from the raw text.
@Suite(.enabled(if: EdFiSamples.available, EdFiSamples.unavailableReason))
struct EdFiAssessmentTests {
  @Test func interventionIsDefinedAndItsStudentsAssigned() throws {
    let raw = try EdFiSamples.text("StudentIntervention.xml")
    let intervention = try #require(RawXML.blocks("Intervention", in: raw).first)
    let code = try #require(RawXML.value("InterventionIdentificationCode", in: intervention))
    let begin = try #require(RawXML.value("BeginDate", in: intervention))
    let title = try #require(RawXML.value("ShortDescription", in: raw))
    let students = RawXML.blocks("StudentInterventionAssociation", in: raw).compactMap {
      RawXML.value("StudentUniqueId", in: $0)
    }

    var context = EdFiSamples.context()
    let parsed = try EdFiSamples.read("StudentIntervention.xml", context: &context)

    #expect(parsed.recordsRead == RawXML.topLevelCount(in: raw))
    let defined = parsed.events.compactMap { e -> InterventionDefined? in
      if case .interventionDefined(let p) = e.envelope.payload { p } else { nil }
    }
    #expect(
      defined == [
        InterventionDefined(
          interventionId: code, title: title, interventionClass: .practice,
          delivery: .wholeClass, diagnoses: ["dropout-risk"], beginDate: begin)
      ])
    let assigned = parsed.events.compactMap { e -> InterventionStudentAssigned? in
      if case .interventionStudentAssigned(let p) = e.envelope.payload { p } else { nil }
    }
    #expect(students.count == 25)
    #expect(Set(assigned.map(\.studentKey)) == Set(students.map(EdFiSamples.studentKey)))
    #expect(assigned.count == students.count)
    #expect(assigned.allSatisfy { $0.interventionId == code && $0.beginDate == begin })
    #expect(parsed.events.allSatisfy { $0.envelope.stream == "255901001" })
    #expect(parsed.gaps.isEmpty)
  }

  @Test(arguments: [
    "AssessmentMetadata-Benchmarks-3rdGradeReading.xml", "AssessmentMetadata-StateAssessment.xml",
  ])
  func assessmentsAreDefinedOnTheProgrammeStream(file: String) throws {
    let raw = try EdFiSamples.text(file)
    let assessments = RawXML.blocks("Assessment", in: raw)

    var context = EdFiSamples.context()
    let parsed = try EdFiSamples.read(file, context: &context)

    #expect(parsed.recordsRead == RawXML.topLevelCount(in: raw))
    #expect(parsed.events.count == assessments.count)
    for (assessment, event) in zip(assessments, parsed.events) {
      guard case .assessmentDefined(let p) = event.envelope.payload else {
        Issue.record("unexpected \(event.envelope.type)")
        continue
      }
      let firstScore = try #require(RawXML.blocks("AssessmentScore", in: assessment).first)
      #expect(event.envelope.stream == EdFiReader.definitionStream)
      #expect(p.assessmentId == RawXML.value("AssessmentIdentifier", in: assessment))
      #expect(p.title == RawXML.value("AssessmentTitle", in: assessment))
      #expect(p.minimumScore == RawXML.value("MinimumScore", in: firstScore))
      #expect(p.maximumScore == RawXML.value("MaximumScore", in: firstScore))
      let method = RawXML.descriptorValue(
        try #require(RawXML.value("AssessmentReportingMethod", in: firstScore)))
      #expect(p.reportingMethod == code(method))
      #expect(event.envelope.occurredOn == RawXML.value("RevisionDate", in: assessment))
      let subject = RawXML.descriptorValue(
        try #require(RawXML.value("AcademicSubject", in: assessment)))
      #expect(p.subject == code(subject))
      let levels = RawXML.values("PerformanceLevel", in: assessment)
      #expect(p.performanceLevels.count == Set(levels).count)
      if !levels.isEmpty {
        #expect(p.performanceLevels == ["did-not-meet-standard", "met-standard", "advanced"])
      }
    }
  }

  /// The catalogue spelling of a plain Ed-Fi value: lowercase, words joined by hyphens.
  private func code(_ value: String) -> String {
    value.lowercased().split(separator: " ").joined(separator: "-")
  }

  @Test(arguments: [
    "StudentAssessment-Benchmarks-3rdGradeReading.xml", "StudentAssessment-StateAssessment.xml",
  ])
  func resultsGoToTheSchoolLearntFromAttendance(file: String) throws {
    let attendance = try EdFiSamples.text("StudentSchoolAttendance.xml")
    var schoolOf: [String: String] = [:]
    for record in RawXML.blocks("StudentSchoolAttendanceEvent", in: attendance) {
      if let student = RawXML.value("StudentUniqueId", in: record) {
        schoolOf[student] = RawXML.value("SchoolId", in: record)
      }
    }
    let raw = try EdFiSamples.text(file)
    var expectedPerSchool: [String: Int] = [:]
    var expectedGaps = 0
    var notTested = 0
    for record in RawXML.blocks("StudentAssessment", in: raw) {
      let student = try #require(RawXML.value("StudentUniqueId", in: record))
      guard record.contains("<ScoreResult>") || record.contains("<PerformanceLevel>") else {
        notTested += 1
        continue
      }
      if let school = schoolOf[student] {
        expectedPerSchool[school, default: 0] += 1
      } else {
        expectedGaps += 1
      }
    }

    var context = EdFiSamples.context()
    _ = try EdFiSamples.read("StudentSchoolAttendance.xml", context: &context)
    let parsed = try EdFiSamples.read(file, context: &context)

    var perSchool: [String: Int] = [:]
    for event in parsed.events {
      #expect(event.envelope.type == .studentAssessed)
      perSchool[event.envelope.stream, default: 0] += 1
    }
    #expect(perSchool == expectedPerSchool)
    #expect(parsed.gaps.count == expectedGaps)
    #expect(parsed.gaps.allSatisfy { $0.kind == .assessmentWithoutSchool })
    #expect(parsed.recordsRead == perSchool.values.reduce(0, +) + expectedGaps + notTested)
  }

  @Test func benchmarkResultsKeepTheirScoreAndTime() throws {
    let raw = try EdFiSamples.text("StudentAssessment-Benchmarks-3rdGradeReading.xml")
    let first = try #require(RawXML.blocks("StudentAssessment", in: raw).first)
    let student = try #require(RawXML.value("StudentUniqueId", in: first))
    let result = try #require(RawXML.value("Result", in: first))
    let administered = try #require(RawXML.value("AdministrationDate", in: first))

    var context = EdFiSamples.context()
    context.studentSchools[EdFiSamples.studentKey(student)] = "255901107"
    let parsed = try EdFiSamples.read(
      "StudentAssessment-Benchmarks-3rdGradeReading.xml", context: &context)

    let event = try #require(parsed.events.first)
    guard case .studentAssessed(let p) = event.envelope.payload else {
      Issue.record("unexpected \(event.envelope.type)")
      return
    }
    #expect(p.studentKey == EdFiSamples.studentKey(student))
    #expect(p.scores == [ScoreResult(reportingMethod: "raw-score", value: result)])
    #expect(p.administrationDate == String(administered.prefix(10)))
    #expect(event.envelope.occurredAt == String(administered.suffix(8)))
    #expect(p.period == nil)
    #expect(event.envelope.stream == "255901107")
  }
}
