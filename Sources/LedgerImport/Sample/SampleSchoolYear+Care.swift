import LedgerEvents

extension SampleSchoolYear {
  /// Share of flagged students who get a home visit, and of those, who get another.
  static let homeVisitShare = 0.8
  static let secondVisitShare = 0.3
  /// Share of flagged students also placed in small-group tutoring.
  static let tutoringShare = 0.5
  static let tutoringGroupSize = 5

  /// Flags a student under the absence rule and starts their care: assignment to home
  /// visits (and for some to tutoring), a first home visit 3 to 15 days later for most, and
  /// a second one later for some. Visits that would fall after the year are not held.
  mutating func flag(_ index: Int, on day: Int) {
    students[index].flaggedDay = day
    let today = offset(of: day)
    let date = calendar.dayText[today]
    emit(
      school.code + "/flagged/" + Self.absenceRule + "/" + keys[index], on: today,
      actor: schoolActor,
      .studentFlaggedAtRisk(
        StudentFlaggedAtRisk(
          studentKey: keys[index], reasons: [.chronicAbsence], rule: Self.absenceRule,
          ruleVersion: Self.absenceRuleVersion, date: date)))
    assign(index, to: homeVisitId, on: today)
    if random.chance(Self.tutoringShare) {
      assign(index, to: tutoringId, on: today)
      tutoringGroup.append(index)
    }

    guard random.chance(Self.homeVisitShare) else { return }
    let firstVisit = today + random.int(in: 3...15)
    visitHome(of: index, on: firstVisit)
    if random.chance(Self.secondVisitShare) {
      visitHome(of: index, on: firstVisit + random.int(in: 20...45))
    }
  }

  private mutating func assign(_ index: Int, to interventionId: String, on today: Int) {
    let key = keys[index]
    emit(
      school.code + "/assigned/" + interventionId + "/" + key, on: today, actor: schoolActor,
      .interventionStudentAssigned(
        InterventionStudentAssigned(
          interventionId: interventionId, studentKey: key, beginDate: calendar.dayText[today])))
  }

  /// A homeroom teacher's visit to the student's home, of 45 to 90 minutes.
  private mutating func visitHome(of index: Int, on visitDay: Int) {
    guard visitDay <= calendar.lastOffset else { return }
    let student = students[index]
    let date = calendar.dayText[visitDay]
    emit(
      school.code + "/home-visit/" + date + "/" + keys[index], on: visitDay,
      actor: homeroomTeachers[student.classroom],
      .interventionSessionHeld(
        InterventionSessionHeld(
          interventionId: homeVisitId, kind: .homeVisit, date: date,
          studentKeys: [keys[index]], dosageMinutes: random.int(in: 45...90))))
  }

  /// The week's tutoring: the students assigned so far who are still enrolled, in groups of
  /// at most five, an hour each.
  mutating func holdTutoring(on day: Int) {
    let present = tutoringGroup.filter { students[$0].isEnrolled(on: day) }
    guard !present.isEmpty else { return }
    let today = offset(of: day)
    let date = calendar.dayText[today]
    var group = 0
    for start in stride(from: 0, to: present.count, by: Self.tutoringGroupSize) {
      group += 1
      let members = present[start..<min(start + Self.tutoringGroupSize, present.count)]
      emit(
        school.code + "/tutoring/" + date + "/group-" + String(group), on: today,
        actor: tutorActor,
        .interventionSessionHeld(
          InterventionSessionHeld(
            interventionId: tutoringId, kind: .tutoring, date: date,
            studentKeys: members.map { keys[$0] }, dosageMinutes: 60)))
    }
  }
}
