import LedgerEvents

/// Generates one school's year: enrolments, then the school days in order, each with its
/// attendance exceptions, care, sessions and assessments, then the year-end reports.
///
/// Events are collected in one bucket per calendar day, because some are decided before
/// their day comes (a home visit a week after a flag, a correction weeks after a record);
/// reading the buckets in order gives the school's events in date order. Only one school's
/// year is held at a time.
struct SampleSchoolYear {
  let school: SampleSchool
  let calendar: SampleCalendar
  var random: SplitMix64

  /// Events dated the first school day that must come before everything else: enrolments,
  /// the plan and the interventions.
  var opening: [EventEnvelope] = []
  /// Events by calendar day offset (see ``SampleCalendar/dayText``).
  var days: [[EventEnvelope]]

  var students: [SampleStudent] = []
  /// Each student's pseudonymous key, by the same index; the source id it is made from is
  /// never stored.
  var keys: [String] = []
  var classrooms: [String] = []
  /// The homeroom teacher of each classroom, who records its attendance.
  var homeroomTeachers: [String] = []
  /// Students assigned to tutoring, in the order they were assigned.
  var tutoringGroup: [Int] = []
  /// Instructional days whose first attendance record is later corrected.
  var correctionDays: [Int] = []
  /// Days of the beginning- and end-of-year assessments.
  var assessmentDays: (beginning: Int, end: Int) = (0, 0)

  let schoolActor: String
  let tutorActor: String
  let homeVisitId: String
  let tutoringId: String
  let planId: String

  init(school: SampleSchool, calendar: SampleCalendar) {
    self.school = school
    self.calendar = calendar
    random = SplitMix64(seed: school.seed)
    days = Array(repeating: [], count: calendar.dayText.count)
    schoolActor = "school:" + school.code
    tutorActor = "teacher:" + school.code + "-tutor"
    homeVisitId = school.code + "-home-visit-" + SampleCalendar.academicYear
    tutoringId = school.code + "-tutoring-" + SampleCalendar.academicYear
    planId = school.code + "-plan-" + SampleCalendar.academicYear
  }

  /// The school's events in log order, as chunks to be read one after another.
  mutating func generate(pseudonyms: PseudonymousKey) -> [[EventEnvelope]] {
    enrolStudents(pseudonyms: pseudonyms)
    scheduleYear()

    for day in 0..<calendar.instructionalDayCount {
      runSchoolDay(day)
    }

    let yearOutcome = outcome()
    closeYear(yearOutcome)
    adoptPlanAndInterventions(yearOutcome)
    return [opening] + days
  }

  /// Adds an event to the bucket of calendar day `offset`.
  mutating func emit(_ naturalKey: String, on offset: Int, actor: String, _ payload: EventPayload) {
    days[offset].append(
      .sample(
        naturalKey, stream: school.code, on: calendar.dayText[offset], actor: actor, payload))
  }

  /// The calendar day offset of instructional day `day`.
  func offset(of day: Int) -> Int {
    calendar.instructionalOffsets[day]
  }

  // MARK: - Enrolment

  /// Makes the school's students and their enrolment events: most at the start of the year,
  /// a few arriving later; a few leave before the end (transfers, more rarely dropouts).
  private mutating func enrolStudents(pseudonyms: PseudonymousKey) {
    let count = school.studentCount
    let lastDay = calendar.instructionalDayCount - 1
    let grades = (0..<count).map { _ in random.int(in: 0...(school.gradeLevels.count - 1)) }
    let sections = makeClassrooms(grades: grades)

    students.reserveCapacity(count)
    keys.reserveCapacity(count)
    for number in 0..<count {
      let sourceId =
        "S" + SampleNames.padded(school.index + 1, width: 4) + "-"
        + SampleNames.padded(number + 1, width: 5)
      let key = pseudonyms.studentKey(system: EventEnvelope.sampleSystem, id: sourceId)
      let arrivesLate = random.chance(0.02) && lastDay > 60
      let entryDay = arrivesLate ? random.int(in: 20...(lastDay - 40)) : 0
      let isChronic = random.chance(0.12)
      let exit = plannedExit(entryDay: entryDay, lastDay: lastDay, isChronic: isChronic)
      let student = SampleStudent(
        grade: grades[number], classroom: sections[number], entryDay: entryDay,
        exit: exit, isChronicallyAbsent: isChronic, using: &random)
      students.append(student)
      keys.append(key)

      let enrolment = EventPayload.studentEnrolled(
        StudentEnrolled(
          studentKey: key, gradeLevel: school.gradeLevels[student.grade],
          classroom: classrooms[student.classroom],
          entryDate: calendar.text(ofInstructionalDay: entryDay),
          entryType: arrivesLate ? "transfer-in" : "continuing"))
      let naturalKey = school.code + "/enrolled/" + key
      if arrivesLate {
        emit(naturalKey, on: offset(of: entryDay), actor: schoolActor, enrolment)
      } else {
        opening.append(
          .sample(
            naturalKey, stream: school.code, on: calendar.text(ofInstructionalDay: 0),
            actor: schoolActor, enrolment))
      }
    }
  }

  /// Whether and when a student leaves early; the chronically absent drop out far more often.
  private mutating func plannedExit(
    entryDay: Int, lastDay: Int, isChronic: Bool
  ) -> (day: Int, type: ExitType)? {
    let roll = random.unit()
    let dropout = isChronic ? 0.06 : 0.004
    let type: ExitType
    if roll < dropout {
      type = .dropout
    } else if roll < dropout + 0.02 {
      type = .transferred
    } else {
      return nil
    }
    guard entryDay + 10 <= lastDay - 5 else { return nil }
    return (random.int(in: (entryDay + 10)...(lastDay - 5)), type)
  }

  /// Splits each grade into rooms of at most 35 (`P3/1`, `P3/2`) and gives each room a
  /// homeroom teacher; returns each student's room.
  private mutating func makeClassrooms(grades: [Int]) -> [Int] {
    var perGrade = [Int](repeating: 0, count: school.gradeLevels.count)
    for grade in grades { perGrade[grade] += 1 }

    var firstRoom: [Int] = []
    for (grade, name) in school.gradeLevels.enumerated() {
      firstRoom.append(classrooms.count)
      let rooms = max(1, (perGrade[grade] + 34) / 35)
      for room in 1...rooms {
        classrooms.append(name + "/" + String(room))
        homeroomTeachers.append(
          "teacher:" + school.code + "-t" + SampleNames.padded(homeroomTeachers.count + 1, width: 2)
        )
      }
    }

    var seen = [Int](repeating: 0, count: school.gradeLevels.count)
    return grades.map { grade in
      let rooms = max(1, (perGrade[grade] + 34) / 35)
      defer { seen[grade] += 1 }
      return firstRoom[grade] + seen[grade] % rooms
    }
  }

  /// Fixes the school's own dates: its assessment days and the days of its corrections.
  private mutating func scheduleYear() {
    let lastDay = calendar.instructionalDayCount - 1
    let beginning = calendar.instructionalDay(onOrAfter: SampleCalendar.date(2024, 6, 10))
    let end = calendar.instructionalDay(onOrAfter: SampleCalendar.date(2025, 3, 3))
    assessmentDays = (
      min(beginning + random.int(in: 0...4), lastDay), min(end + random.int(in: 0...9), lastDay)
    )

    guard lastDay > 40 else { return }
    var chosen: Set<Int> = [random.int(in: 10...(lastDay - 30))]
    if random.chance(0.25) { chosen.insert(random.int(in: 10...(lastDay - 30))) }
    correctionDays = chosen.sorted()
  }
}
