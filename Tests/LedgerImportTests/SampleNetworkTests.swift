import Foundation
import LedgerEvents
import LedgerImport
import Testing

private let pseudonyms = PseudonymousKey(secret: Array(repeating: 7, count: 32))

/// Every event of a configuration, in the order generated.
private func generateAll(
  _ configuration: SampleNetwork.Configuration, batchSize: Int = 1_000
) -> [EventEnvelope] {
  var events: [EventEnvelope] = []
  SampleNetwork(configuration: configuration, pseudonyms: pseudonyms).generate(
    batchSize: batchSize
  ) { events += $0 }
  return events
}

/// The demo network, generated once for the tests that only read it.
private let demoEvents = generateAll(.demo)

/// Payloads of one type, picked out of a list of events.
private func payloads<T>(_ events: [EventEnvelope], _ pick: (EventPayload) -> T?) -> [T] {
  events.compactMap { pick($0.payload) }
}

@Suite("SampleNetwork")
struct SampleNetworkTests {
  @Test func sameConfigurationGivesSameEventsAndOtherSeedsDiffer() {
    var otherSeed = SampleNetwork.Configuration.demo
    otherSeed.seed += 1

    let again = generateAll(.demo, batchSize: 7)
    let other = generateAll(otherSeed)

    #expect(again == demoEvents)
    #expect(other != demoEvents)
  }

  @Test func everyEnvelopeValidatesAndIdsAreUnique() throws {
    for event in demoEvents {
      try event.validate()
      #expect(event.id == "sample/" + event.source.naturalKey)
      #expect(event.source.system == "sample-network")
    }
    #expect(Set(demoEvents.map(\.id)).count == demoEvents.count)
  }

  @Test("every demo event, as the log stores it, encodes to JSONEncoder's canonical bytes")
  func canonicalEncodingMatchesFoundation() throws {
    let foundation = JSONEncoder()
    foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    for (index, envelope) in demoEvents.enumerated() {
      let recorded = RecordedEvent(
        envelope: envelope, sequence: UInt64(index + 1), streamVersion: UInt64(index % 97 + 1),
        recordedAt: Timestamp(microseconds: 1_733_000_000_000_000 + Int64(index)))
      let bytes = try CanonicalJSON.encode(recorded)
      #expect(bytes == Array(try foundation.encode(recorded)), "\(envelope.id)")
      #expect(try CanonicalJSON.decode(RecordedEvent.self, from: bytes) == recorded)
    }
  }

  @Test func batchesAreFullExceptTheLast() {
    var sizes: [Int] = []
    SampleNetwork(configuration: .demo, pseudonyms: pseudonyms).generate(batchSize: 1_000) {
      sizes.append($0.count)
    }

    #expect(sizes.dropLast().allSatisfy { $0 == 1_000 })
    #expect(sizes.reduce(0, +) == demoEvents.count)
    #expect((sizes.last ?? 0) > 0 && (sizes.last ?? 0) <= 1_000)
  }

  @Test func demoHasTwentySchoolsInFourNetworksWithTwelveHundredStudents() {
    let network = SampleNetwork(configuration: .demo, pseudonyms: pseudonyms)
    let registered = payloads(demoEvents) {
      if case .schoolRegistered(let p) = $0 { p } else { nil }
    }
    let joinedAtStart = payloads(demoEvents) {
      if case .schoolJoinedGroup(let p) = $0, p.effectiveDate == "2024-05-16" { p } else { nil }
    }
    let enrolled = payloads(demoEvents) {
      if case .studentEnrolled(let p) = $0 { p } else { nil }
    }
    let models = demoEvents.filter { $0.type == .schoolDesignatedModel }

    #expect(network.schoolCodes.count == 20)
    #expect(registered.map(\.schoolCode) == network.schoolCodes)
    #expect(Set(network.schoolCodes).count == 20)
    for code in network.schoolCodes {
      let digits = code.utf8.allSatisfy { (48...57).contains($0) }
      #expect(code.count == 10 && code.hasPrefix("10") && digits)
    }
    #expect(joinedAtStart.count == 20)
    #expect(Set(joinedAtStart.map(\.groupId)) == ["net-01", "net-02", "net-03", "net-04"])
    // 20 schools × 60 students; 10% of 20 schools are model schools.
    #expect(enrolled.count == 1_200)
    #expect(Set(enrolled.map(\.studentKey)).count == 1_200)
    #expect(models.count == 2)
  }

  @Test func oneSchoolChangesNetworkWhenTermTwoOpens() {
    let left = demoEvents.filter { $0.type == .schoolLeftGroup }
    let joinedLater = demoEvents.filter {
      $0.id.contains("/joined/") && $0.occurredOn > "2024-05-16"
    }

    #expect(left.count == 1)
    #expect(joinedLater.count == 1)
    #expect(left.first?.stream == joinedLater.first?.stream)
    #expect(left.first?.occurredOn == "2024-11-01")
  }

  @Test func calendarListsTheWeekdaysOfBothTermsWithoutHolidays() throws {
    // Weekdays by month, counted on a wall calendar:
    // term 1 (Thu 2024-05-16 .. Fri 2024-10-11): May 12, Jun 20, Jul 23, Aug 22, Sep 21,
    //   Oct 9 = 107; term 2 (Fri 2024-11-01 .. Mon 2025-03-31): Nov 21, Dec 22, Jan 23,
    //   Feb 20, Mar 21 = 107.
    // Weekday holidays: term 1 22 May, 3 Jun, 22 Jul, 29 Jul, 12 Aug (5);
    //   term 2 5 Dec, 10 Dec, 31 Dec, 1 Jan, 12 Feb (5).
    let holidays: Set<String> = [
      "2024-05-22", "2024-06-03", "2024-07-22", "2024-07-29", "2024-08-12",
      "2024-12-05", "2024-12-10", "2024-12-31", "2025-01-01", "2025-02-12",
    ]
    let calendars = payloads(demoEvents) {
      if case .calendarPublished(let p) = $0 { p } else { nil }
    }
    let calendar = try #require(calendars.first)

    #expect(calendars.count == 20)
    #expect(calendar.academicYear == "2567")
    #expect(calendar.sessions.map(\.instructionalDays) == [107 - 5, 107 - 5])
    #expect(calendar.sessions.map(\.beginDate) == ["2024-05-16", "2024-11-01"])
    #expect(calendar.sessions.map(\.endDate) == ["2024-10-11", "2025-03-31"])
    for session in calendar.sessions {
      let dates = try #require(session.instructionalDates)
      #expect(dates == weekdays(from: session.beginDate, to: session.endDate, except: holidays))
    }
  }

  @Test func programmeScaleOneMatchesTheProgrammeAndSmallScalesAreComplete() throws {
    let full = SampleNetwork.Configuration.programme(scale: 1)
    // 727 × 0.01 = 7.27 schools, 11 × 0.01 = 0.11 networks (at least one), and
    // 174,364 × 0.01 = 1,743.64 students, rounded.
    let small = SampleNetwork.Configuration.programme(scale: 0.01)
    let events = generateAll(small)
    let enrolled = events.filter { $0.type == .studentEnrolled }

    #expect(full.schools == 727)
    #expect(full.networks == 11)
    #expect(full.studentCount == 174_364)
    #expect(small.schools == 7)
    #expect(small.networks == 1)
    #expect(events.filter { $0.type == .schoolRegistered }.count == 7)
    #expect(enrolled.count == 1_744)
    for event in events { try event.validate() }
    #expect(Set(events.map(\.id)).count == events.count)
  }

  @Test func schoolStreamsRunInDateOrderAndVoidsFollowTheirTargets() {
    var lastDate: [String: String] = [:]
    var seen: [String: EventEnvelope] = [:]
    var voided: Set<String> = []
    var voids = 0
    var reasserted = 0
    for event in demoEvents {
      #expect(event.occurredOn >= lastDate[event.stream, default: ""], "\(event.id)")
      lastDate[event.stream] = event.occurredOn
      if case .eventVoided(let void) = event.payload {
        voids += 1
        voided.insert(void.voidedEventId)
        let target = seen[void.voidedEventId]
        #expect(target?.type == .attendanceRecorded)
        #expect(target?.stream == event.stream)
        #expect((target?.occurredOn ?? "9999") < event.occurredOn)
      }
      if event.id.hasSuffix("/corrected") { reasserted += 1 }
      seen[event.id] = event
    }

    // About one correction per school, never two of the same record.
    #expect(voids >= 20 && voids <= 40)
    #expect(voided.count == voids)
    #expect(reasserted > 0 && reasserted <= voids)
  }

  @Test func nothingLooksLikeANationalId() throws {
    for event in demoEvents {
      let json = String(decoding: try CanonicalJSON.encode(event), as: UTF8.self)
      // A pseudonymous key is 32 hex digits, in which a run of 13 decimal digits is not rare
      // (about 1 key in 50); the keys are checked for their shape instead.
      let masked = json.replacing(/stu-[0-9a-f]{32}/, with: "stu-KEY")
      #expect(!PersonalData.looksLikeNationalId(masked), "\(event.id)")
    }
    for key in demoEvents.flatMap(\.payload.studentKeys) {
      #expect(PseudonymousKey.isWellFormed(key))
    }
  }

  @Test func thaiTextIsInNormalFormC() {
    let names = payloads(demoEvents) {
      switch $0 {
      case .schoolRegistered(let p): [p.name, p.province ?? ""]
      case .schoolJoinedGroup(let p): [p.groupName ?? ""]
      case .planAdopted(let p): [p.title ?? ""]
      default: nil
      }
    }.joined()

    for name in names {
      let normalised = name.precomposedStringWithCanonicalMapping
      #expect(Array(name.unicodeScalars) == Array(normalised.unicodeScalars))
      #expect(name.unicodeScalars.contains { (0x0E01...0x0E5B).contains($0.value) })
    }
  }
}

@Suite("SampleNetwork content")
struct SampleNetworkContentTests {
  /// The demo's instructional dates, in order, and the final attendance records: voided
  /// records dropped, re-asserted ones kept.
  private static func schoolDaysAndAttendance() -> ([String], [AttendanceRecorded]) {
    var dates: [String] = []
    var records: [String: AttendanceRecorded] = [:]
    for event in demoEvents {
      switch event.payload {
      case .calendarPublished(let p) where dates.isEmpty:
        dates = p.sessions.flatMap { $0.instructionalDates ?? [] }
      case .attendanceRecorded(let p): records[event.id] = p
      case .eventVoided(let p): records[p.voidedEventId] = nil
      default: break
      }
    }
    return (dates, Array(records.values))
  }

  /// Each student's entry date, and exit date for those who leave.
  private static func enrolmentDates() -> (entry: [String: String], exit: [String: String]) {
    var entry: [String: String] = [:]
    var exit: [String: String] = [:]
    for event in demoEvents {
      if case .studentEnrolled(let p) = event.payload { entry[p.studentKey] = p.entryDate }
      if case .studentExited(let p) = event.payload { exit[p.studentKey] = p.exitDate }
    }
    return (entry, exit)
  }

  @Test func attendanceFallsOnSchoolDaysWithinEachEnrolment() {
    let (dates, records) = Self.schoolDaysAndAttendance()
    let schoolDays = Set(dates)
    let (entry, exit) = Self.enrolmentDates()

    for record in records {
      #expect(schoolDays.contains(record.date))
      #expect(record.date >= entry[record.studentKey, default: "9999"])
      #expect(record.date <= exit[record.studentKey, default: "9999"])
      #expect(record.category != .present && record.category != .partial)
      #expect(record.duration == 1 || (record.category.isAbsence && record.duration == 0.5))
    }
    #expect(records.contains { $0.duration == 0.5 })
    #expect(Set(records.map(\.category)).count == 4)
  }

  @Test func studentsAreFlaggedOnTheirThirdAbsenceWithinTwentySchoolDays() {
    let (dates, records) = Self.schoolDaysAndAttendance()
    let dayIndex = Dictionary(uniqueKeysWithValues: dates.enumerated().map { ($1, $0) })
    var absences: [String: [Int]] = [:]
    for record in records where record.category.isAbsence {
      absences[record.studentKey, default: []].append(dayIndex[record.date] ?? -1)
    }
    var expected: [String: String] = [:]
    for (student, days) in absences {
      let sorted = days.sorted()
      // The third absence within 20 school days: that day and the 19 before it.
      if let third = (2..<max(sorted.count, 2)).first(where: { sorted[$0] - sorted[$0 - 2] <= 19 })
      {
        expected[student] = dates[sorted[third]]
      }
    }

    let flags = payloads(demoEvents) {
      if case .studentFlaggedAtRisk(let p) = $0 { p } else { nil }
    }
    #expect(Dictionary(uniqueKeysWithValues: flags.map { ($0.studentKey, $0.date) }) == expected)
    #expect(flags.allSatisfy { $0.rule == "absence-3-in-20-days" && $0.ruleVersion == 1 })
    #expect(flags.allSatisfy { $0.reasons == [.chronicAbsence] })
  }

  @Test func mostFlaggedStudentsGetAHomeVisitThreeToFifteenDaysLater() throws {
    var flagged: [String: Int] = [:]
    var firstVisit: [String: Int] = [:]
    for event in demoEvents {
      let day = try #require(LocalDate(event.occurredOn)).daysSinceEpoch
      switch event.payload {
      case .studentFlaggedAtRisk(let p): flagged[p.studentKey] = day
      case .interventionSessionHeld(let p) where p.kind == .homeVisit:
        #expect(p.studentKeys.count == 1)
        #expect((45...90).contains(p.dosageMinutes))
        for key in p.studentKeys where firstVisit[key] == nil { firstVisit[key] = day }
      default: break
      }
    }

    let visitedInTime = flagged.filter { key, day in
      firstVisit[key].map { (3...15).contains($0 - day) } ?? false
    }
    let share = Double(visitedInTime.count) / Double(flagged.count)
    #expect(Set(firstVisit.keys).isSubset(of: Set(flagged.keys)))
    #expect(visitedInTime.count == firstVisit.count)
    // 80% are visited; flags in the last two weeks of March leave no time for a visit.
    #expect(share > 0.7 && share < 0.9)
  }

  @Test func threeQuartersOfSchoolsMeetMoreThanHalfOfTheirGoals() {
    var goals: [String: [PlanGoal]] = [:]
    var latest: [String: [String: Double]] = [:]
    for event in demoEvents {
      if case .planAdopted(let p) = event.payload { goals[event.stream] = p.goals }
      if case .planProgressReported(let p) = event.payload {
        latest[event.stream, default: [:]][p.goalId] = p.value
      }
    }
    let improving = goals.filter { school, goals in
      let met = goals.filter { goal in
        guard let value = latest[school]?[goal.goalId] else { return false }
        return goal.target >= goal.baseline ? value >= goal.target : value <= goal.target
      }
      return met.count * 2 > goals.count
    }

    #expect(goals.count == 20)
    #expect(goals.values.allSatisfy { $0.count == 3 })
    // 75% of 20 schools.
    #expect(improving.count == 15)
    #expect(demoEvents.filter { $0.type == .selfAssessmentSubmitted }.count == 20)
  }

  @Test func scoresRiseBetweenJuneAndMarch() throws {
    var beginning: [String: Int] = [:]
    var gains: [String: [Int]] = [:]
    for event in demoEvents {
      guard case .studentAssessed(let p) = event.payload else { continue }
      let result = try #require(p.scores.first)
      let score = try #require(Int(result.value))
      #expect((0...100).contains(score))
      let pair = p.assessmentId + " " + p.studentKey
      if p.period == .beginningOfYear {
        #expect(p.administrationDate.hasPrefix("2024-06-"))
        beginning[pair] = score
      } else {
        #expect(p.period == .endOfYear && p.administrationDate.hasPrefix("2025-03-"))
        if let start = beginning[pair] { gains[p.assessmentId, default: []].append(score - start) }
      }
    }

    #expect(gains.keys.sorted() == ["tsqp-mathematics-2567", "tsqp-thai-reading-2567"])
    for (_, list) in gains {
      #expect(list.count > 1_000)
      #expect(list.reduce(0, +) > 0)
    }
  }

  @Test func aboutOneStudentInEightIsChronicallyAbsent() {
    let (dates, records) = Self.schoolDaysAndAttendance()
    let (entry, exit) = Self.enrolmentDates()
    var absent: [String: Double] = [:]
    for record in records where record.category.isAbsence {
      absent[record.studentKey, default: 0] += record.duration
    }

    var chronic = 0
    var enrolledTotal = 0
    for (student, first) in entry {
      let last = exit[student] ?? "9999"
      let enrolled = dates.filter { $0 >= first && $0 <= last }.count
      enrolledTotal += enrolled
      if absent[student, default: 0] * 10 >= Double(enrolled) { chronic += 1 }
    }
    let chronicShare = Double(chronic) / Double(entry.count)
    let absenceRate = absent.values.reduce(0, +) / Double(enrolledTotal)

    #expect(chronicShare > 0.08 && chronicShare < 0.18)
    #expect(absenceRate > 0.03 && absenceRate < 0.07)
  }
}

/// Weekdays from `first` to `last`, both included, minus `holidays`, counted with
/// Foundation's Gregorian calendar rather than the ledger's own date arithmetic.
private func weekdays(from first: String, to last: String, except holidays: Set<String>)
  -> [String]
{
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
  let formatter = DateFormatter()
  formatter.calendar = calendar
  formatter.timeZone = calendar.timeZone
  formatter.locale = Locale(identifier: "en_US_POSIX")
  formatter.dateFormat = "yyyy-MM-dd"
  guard var day = formatter.date(from: first), let end = formatter.date(from: last) else {
    return []
  }
  var dates: [String] = []
  while day <= end {
    let weekday = calendar.component(.weekday, from: day)  // 1 Sunday ... 7 Saturday
    let text = formatter.string(from: day)
    if weekday != 1 && weekday != 7 && !holidays.contains(text) { dates.append(text) }
    guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
    day = next
  }
  return dates
}
