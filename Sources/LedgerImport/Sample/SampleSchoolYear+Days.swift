import LedgerEvents

extension SampleSchoolYear {
  /// Rule that flags a student for close care on their third absence within 20 school days.
  static let absenceRule = "absence-3-in-20-days"
  static let absenceRuleVersion = 1

  /// Generates one school day: the network change if it is that day, each enrolled
  /// student's attendance exception and what follows from it, the day's assessments and
  /// sessions, and the corrections due.
  mutating func runSchoolDay(_ day: Int) {
    let today = offset(of: day)
    if let target = school.movesTo, day > 0, calendar.isTermOne[day - 1], !calendar.isTermOne[day] {
      changeNetwork(to: target, on: today)
    }

    // Where the day's first attendance record sits in its bucket, should a correction be due.
    var firstRecord: Int?
    for index in students.indices {
      // Fields are read one by one: the loop runs for every student on every school day, and
      // reading them so never copies the whole student.
      guard students[index].entryDay <= day, day <= students[index].lastDay else { continue }
      if let position = recordAttendance(of: index, on: day), firstRecord == nil {
        firstRecord = position
      }
      if day == assessmentDays.beginning { assess(index, period: .beginningOfYear, on: day) }
      if day == assessmentDays.end { assess(index, period: .endOfYear, on: day) }
      if day == students[index].lastDay { recordExit(of: index, on: day) }
    }

    if let first = correctionDays.first, first <= day, let firstRecord,
      case .attendanceRecorded(let record) = days[today][firstRecord].payload
    {
      correctionDays.removeFirst()
      scheduleCorrection(of: days[today][firstRecord], record: record, after: day)
    }
    if calendar.isTutoringDay[day] { holdTutoring(on: day) }
    if calendar.isMeetingDay[day] {
      emit(
        school.code + "/plc/" + calendar.dayText[today], on: today, actor: schoolActor,
        .interventionSessionHeld(
          InterventionSessionHeld(
            interventionId: nil, kind: .plcMeeting, date: calendar.dayText[today],
            studentKeys: [], dosageMinutes: 90)))
    }
    if calendar.isCoachingDay[day] {
      let network =
        day > calendar.lastDayOfTermOne ? (school.movesTo ?? school.network) : school.network
      emit(
        school.code + "/coaching/" + calendar.dayText[today], on: today,
        actor: "network:" + network.id,
        .interventionSessionHeld(
          InterventionSessionHeld(
            interventionId: nil, kind: .coaching, date: calendar.dayText[today],
            studentKeys: [], dosageMinutes: 120)))
    }
    if day == calendar.lastDayOfTermOne { reportMidYearProgress(on: day) }
  }

  /// Draws the student's attendance for the day and records only exceptions (absence,
  /// half-day absence, tardy, early departure); returns where the record sits in the day's
  /// bucket when there is one.
  private mutating func recordAttendance(of index: Int, on day: Int) -> Int? {
    let isTermOne = calendar.isTermOne[day]
    students[index].enrolledDays += 1
    if isTermOne { students[index].termOneEnrolledDays += 1 }

    let absenceRate = students[index].absenceRate
    let tardyRate = students[index].isChronicallyAbsent ? 0.04 : 0.02
    let date = calendar.text(ofInstructionalDay: day)
    let roll = random.unit()
    let record: AttendanceRecorded
    if roll < absenceRate {
      record = absence(of: index, on: date)
      students[index].absentDays += record.duration
      if isTermOne { students[index].termOneAbsentDays += record.duration }
    } else if roll < absenceRate + tardyRate {
      record = AttendanceRecorded(
        studentKey: keys[index], date: date, category: .tardy,
        reason: random.chance(0.5) ? "transport" : nil)
    } else if roll < absenceRate + tardyRate + 0.005 {
      record = AttendanceRecorded(
        studentKey: keys[index], date: date, category: .earlyDeparture,
        reason: random.pick(Self.earlyDepartureReasons))
    } else {
      return nil
    }

    let today = offset(of: day)
    let position = days[today].count
    days[today].append(
      .sample(
        "\(school.code)/attendance/\(date)/\(keys[index])", stream: school.code, on: date,
        actor: homeroomTeachers[students[index].classroom], .attendanceRecorded(record)))
    if record.category.isAbsence, students[index].recordAbsence(on: day),
      students[index].flaggedDay == nil
    {
      flag(index, on: day)
    }
    return position
  }

  static let excusedReasons = ["sick", "sick", "family-event", "religious-observance"]
  static let unexcusedReasons = ["no-notice", "helping-family-work", "no-transport"]
  static let earlyDepartureReasons = ["sick-sent-home", "family-pickup"]

  private mutating func absence(of index: Int, on date: String) -> AttendanceRecorded {
    let excused = random.chance(students[index].isChronicallyAbsent ? 0.4 : 0.65)
    return AttendanceRecorded(
      studentKey: keys[index], date: date,
      category: excused ? .excusedAbsence : .unexcusedAbsence,
      duration: random.chance(0.15) ? 0.5 : 1,
      reason: random.pick(excused ? Self.excusedReasons : Self.unexcusedReasons))
  }

  private mutating func recordExit(of index: Int, on day: Int) {
    guard let type = students[index].exitType else { return }
    emit(
      school.code + "/exited/" + keys[index], on: offset(of: day), actor: schoolActor,
      .studentExited(
        StudentExited(
          studentKey: keys[index], exitDate: calendar.text(ofInstructionalDay: day),
          exitType: type,
          localReason: type == .dropout ? "family-hardship" : "moved-with-family")))
  }

  private mutating func changeNetwork(to target: SampleNetworkGroup, on today: Int) {
    let date = calendar.dayText[today]
    emit(
      school.code + "/left/" + school.network.id + "/" + date, on: today, actor: schoolActor,
      .schoolLeftGroup(
        SchoolLeftGroup(groupId: school.network.id, groupKind: .network, effectiveDate: date)))
    emit(
      school.code + "/joined/" + target.id + "/" + date, on: today, actor: schoolActor,
      .schoolJoinedGroup(
        SchoolJoinedGroup(
          groupId: target.id, groupName: target.name, groupKind: .network, effectiveDate: date))
    )
  }

  /// Withdraws an attendance record some school days later. A tardy or early departure
  /// turns out to be wrong and is only voided; an absence was recorded under the wrong
  /// category and is asserted again with the right one, for the same date and duration, so
  /// that corrections never change a student's absent days or flags.
  ///
  /// Both events are dated the day of the correction, since the log's school streams run in
  /// date order; the re-asserted record keeps the original school day in its `date`.
  private mutating func scheduleCorrection(
    of event: EventEnvelope, record: AttendanceRecorded, after day: Int
  ) {
    let lastDay = calendar.instructionalDayCount - 1
    guard day < lastDay else { return }
    let correctionDay = offset(of: min(day + random.int(in: 5...20), lastDay))
    let base = school.code + "/attendance/" + record.date + "/" + record.studentKey
    let reason: String
    switch record.category {
    case .unexcusedAbsence: reason = "ผู้ปกครองส่งใบลาภายหลัง แก้เป็นลาโดยมีเหตุผล"
    case .excusedAbsence: reason = "ไม่มีใบลา แก้เป็นขาดเรียนโดยไม่แจ้ง"
    case .earlyDeparture: reason = "บันทึกผิด นักเรียนอยู่เรียนจนเลิกเรียน"
    default: reason = "บันทึกผิด นักเรียนมาเรียนตรงเวลา"
    }
    emit(
      base + "/voided", on: correctionDay, actor: schoolActor,
      .eventVoided(EventVoided(voidedEventId: event.id, reason: reason)))

    guard record.category.isAbsence else { return }
    var corrected = record
    corrected.category =
      record.category == .excusedAbsence ? .unexcusedAbsence : .excusedAbsence
    corrected.reason =
      corrected.category == .excusedAbsence ? "parent-note-late" : "no-notice"
    emit(base + "/corrected", on: correctionDay, actor: event.actor, .attendanceRecorded(corrected))
  }
}
