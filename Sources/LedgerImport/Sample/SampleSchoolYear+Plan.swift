import LedgerEvents

/// What a school's data says about its plan's indicators over a period.
struct SampleOutcome {
  /// ADA / ADM: (enrolled days − absent days) / enrolled days, over all students.
  var attendanceRate: Double
  /// Average end-of-year Thai reading score.
  var readingScore: Double
  /// Share of students absent on 10% or more of their enrolled days.
  var chronicAbsenceShare: Double
}

/// How one goal of a sample plan is measured, reported and set.
private struct GoalDesign {
  var id: String
  var indicator: String
  var higherIsBetter: Bool
  /// Values are reported to the nearest `1 / precision`.
  var precision: Double
  /// How far the year's value lies past a target it meets, or short of one it misses.
  var margin: ClosedRange<Double>
  /// How far the target lies past the baseline.
  var plannedGain: ClosedRange<Double>
  /// Where the indicator's values lie.
  var range: ClosedRange<Double>
}

extension SampleSchoolYear {
  /// The plan's goals, in the order of ``SampleOutcome``'s indicators.
  private static let goals = [
    GoalDesign(
      id: "attendance", indicator: "attendance-rate", higherIsBetter: true, precision: 10_000,
      margin: 0.003...0.012, plannedGain: 0.005...0.02, range: 0...1),
    GoalDesign(
      id: "reading", indicator: "reading-score", higherIsBetter: true, precision: 100,
      margin: 0.5...3, plannedGain: 2...6, range: 0...100),
    GoalDesign(
      id: "chronic-absence", indicator: "chronic-absence-share", higherIsBetter: false,
      precision: 10_000, margin: 0.01...0.04, plannedGain: 0.02...0.05, range: 0...1),
  ]

  /// Records one student's score on both instruments for a period.
  mutating func assess(_ index: Int, period: AssessmentPeriod, on day: Int) {
    let today = offset(of: day)
    let date = calendar.dayText[today]
    let student = students[index]
    let actor = homeroomTeachers[student.classroom]
    for (number, instrument) in SampleInstrument.all.enumerated() {
      let gain = period == .endOfYear ? student.gains[number] : 0
      let drawn = random.normal(mean: student.abilities[number] + gain, deviation: 4)
      let score = Int(min(max(drawn.rounded(), 0), 100))
      if period == .endOfYear && number == 0 { students[index].endOfYearReading = score }
      emit(
        school.code + "/assessed/" + instrument.assessmentId + "/" + period.rawValue + "/"
          + keys[index], on: today, actor: actor,
        .studentAssessed(
          StudentAssessed(
            assessmentId: instrument.assessmentId, studentKey: keys[index],
            administrationDate: date, period: period,
            scores: [
              ScoreResult(reportingMethod: SampleInstrument.reportingMethod, value: String(score))
            ],
            performanceLevel: SampleInstrument.performanceLevel(of: score))))
    }
  }

  /// Reports the attendance goals at the end of term 1; reading is measured only at the
  /// ends of the year.
  mutating func reportMidYearProgress(on day: Int) {
    let outcome = outcome(termOneOnly: true)
    let today = offset(of: day)
    report(goal: 0, value: outcome.attendanceRate, on: today)
    report(goal: 2, value: outcome.chronicAbsenceShare, on: today)
  }

  /// The school's indicators over the year, or over term 1.
  func outcome(termOneOnly: Bool = false) -> SampleOutcome {
    var enrolled = 0
    var absent = 0.0
    var measured = 0
    var chronic = 0
    var readingTotal = 0
    var readingCount = 0
    for student in students {
      let days = termOneOnly ? student.termOneEnrolledDays : student.enrolledDays
      let missed = termOneOnly ? student.termOneAbsentDays : student.absentDays
      if let score = student.endOfYearReading {
        readingTotal += score
        readingCount += 1
      }
      guard days > 0 else { continue }
      enrolled += days
      absent += missed
      measured += 1
      // Durations are halves and wholes, so ten times the absence is exact where 10% of the
      // days (0.1 × 30 = 3.0000000000000004) is not.
      if missed * 10 >= Double(days) { chronic += 1 }
    }
    return SampleOutcome(
      attendanceRate: enrolled == 0 ? 1 : (Double(enrolled) - absent) / Double(enrolled),
      readingScore: readingCount == 0 ? 0 : Double(readingTotal) / Double(readingCount),
      chronicAbsenceShare: measured == 0 ? 0 : Double(chronic) / Double(measured))
  }

  /// The year-end reports: progress on every goal, the self-assessment, and the end of both
  /// interventions, all on the last day of the year.
  mutating func closeYear(_ outcome: SampleOutcome) {
    let lastDay = calendar.lastOffset
    let date = calendar.dayText[lastDay]
    report(goal: 0, value: outcome.attendanceRate, on: lastDay)
    report(goal: 1, value: outcome.readingScore, on: lastDay)
    report(goal: 2, value: outcome.chronicAbsenceShare, on: lastDay)

    let rating =
      school.improves ? (school.isModel ? "exemplary" : "proficient") : "developing"
    emit(
      school.code + "/self-assessment/" + SampleCalendar.academicYear, on: lastDay,
      actor: schoolActor,
      .selfAssessmentSubmitted(
        SelfAssessmentSubmitted(
          planId: planId, academicYear: SampleCalendar.academicYear, rating: rating)))
    for interventionId in [tutoringId, homeVisitId] {
      emit(
        school.code + "/intervention/" + interventionId + "/ended", on: lastDay,
        actor: schoolActor,
        .interventionEnded(InterventionEnded(interventionId: interventionId, endDate: date)))
    }
  }

  private mutating func report(goal index: Int, value: Double, on today: Int) {
    let goal = Self.goals[index]
    let date = calendar.dayText[today]
    emit(
      school.code + "/plan/" + SampleCalendar.academicYear + "/progress/" + goal.id + "/"
        + date, on: today, actor: schoolActor,
      .planProgressReported(
        PlanProgressReported(
          planId: planId, goalId: goal.id, value: Self.rounded(value, goal.precision),
          asOf: date)))
  }

  /// The plan adopted on the first day, and the two interventions the school runs.
  ///
  /// Targets are set from the year's outcome, so that an improving school meets two or three
  /// of its goals and any other school at most one: the share of improving schools is then
  /// what the roster decided, however few schools there are.
  mutating func adoptPlanAndInterventions(_ outcome: SampleOutcome) {
    let metCount =
      school.improves ? (random.chance(0.5) ? 3 : 2) : (random.chance(0.6) ? 1 : 0)
    var order = [0, 1, 2]
    for position in order.indices.reversed() where position > 0 {
      order.swapAt(position, random.int(in: 0...position))
    }
    let met = Set(order.prefix(metCount))
    let values = [outcome.attendanceRate, outcome.readingScore, outcome.chronicAbsenceShare]
    let goals = Self.goals.indices.map { index in
      makeGoal(index, value: values[index], met: met.contains(index))
    }

    let firstDay = calendar.text(ofInstructionalDay: 0)
    opening.append(
      .sample(
        school.code + "/plan/" + SampleCalendar.academicYear, stream: school.code, on: firstDay,
        actor: schoolActor,
        .planAdopted(
          PlanAdopted(
            planId: planId, academicYear: SampleCalendar.academicYear,
            title: "แผนพัฒนาคุณภาพทั้งโรงเรียน ปีการศึกษา 2567", goals: goals))))
    let interventions = [
      InterventionDefined(
        interventionId: tutoringId, title: "สอนซ่อมเสริมกลุ่มเล็ก", interventionClass: .supplement,
        delivery: .smallGroup, diagnoses: ["chronic-absence", "learning-loss"],
        beginDate: firstDay),
      InterventionDefined(
        interventionId: homeVisitId, title: "เยี่ยมบ้านนักเรียน", interventionClass: .practice,
        delivery: .individual, diagnoses: ["dropout-risk"], beginDate: firstDay),
    ]
    for intervention in interventions {
      opening.append(
        .sample(
          school.code + "/intervention/" + intervention.interventionId, stream: school.code,
          on: firstDay, actor: schoolActor, .interventionDefined(intervention)))
    }
  }

  /// A goal whose target the reported `value` meets or misses by a margin, and whose
  /// baseline lies a planned gain behind the target.
  private mutating func makeGoal(_ index: Int, value: Double, met: Bool) -> PlanGoal {
    let goal = Self.goals[index]
    let reported = Self.rounded(value, goal.precision)
    let direction = goal.higherIsBetter ? 1.0 : -1.0
    let margin = random.double(in: goal.margin)
    let gain = random.double(in: goal.plannedGain)
    let rawTarget = met ? reported - direction * margin : reported + direction * margin
    let target = min(
      max(Self.rounded(rawTarget, goal.precision), goal.range.lowerBound), goal.range.upperBound)
    let baseline = min(
      max(Self.rounded(target - direction * gain, goal.precision), goal.range.lowerBound),
      goal.range.upperBound)
    return PlanGoal(goalId: goal.id, indicator: goal.indicator, baseline: baseline, target: target)
  }

  /// `value` to the nearest `1 / precision`. Dividing by a power of ten gives the double
  /// nearest the decimal, so reports read `0.9512`, not `0.9512000000000001`.
  static func rounded(_ value: Double, _ precision: Double) -> Double {
    (value * precision).rounded() / precision
  }
}
