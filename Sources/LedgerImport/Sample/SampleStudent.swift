import LedgerEvents

/// One student of a sample school: who they are for the year, and the running counts the
/// generator keeps while walking through the school days.
///
/// The generator reads every student on every school day (35 million times at full scale),
/// so the type holds no references: copying it is a plain memory copy with no reference
/// counting. The student's pseudonymous key is kept beside it, in the school's list of keys.
struct SampleStudent {
  /// Index into the school's grade levels and into its classrooms.
  let grade: Int
  let classroom: Int
  /// First and last instructional day enrolled (indices into the calendar's days); the last
  /// is `Int.max` for a student who stays.
  let entryDay: Int
  let lastDay: Int
  /// Why the student leaves on ``lastDay``, or nil for a student who stays.
  let exitType: ExitType?
  /// Chance of an absence on a school day: about 3% for most students, 15-25% for the
  /// chronically absent.
  let absenceRate: Double
  let isChronicallyAbsent: Bool
  /// Beginning-of-year ability and gain over the year, in score points, by instrument (in
  /// the order of ``SampleInstrument/all``).
  let abilities: SIMD2<Double>
  let gains: SIMD2<Double>

  /// The two most recent days with an absence, for the three-in-twenty-days rule.
  var lastAbsenceDay = Int.min / 2
  var previousAbsenceDay = Int.min / 2
  var flaggedDay: Int?
  var enrolledDays = 0
  var absentDays = 0.0
  var termOneEnrolledDays = 0
  var termOneAbsentDays = 0.0
  /// End-of-year reading score, for the school's reading goal.
  var endOfYearReading: Int?

  init(
    grade: Int, classroom: Int, entryDay: Int, exit: (day: Int, type: ExitType)?,
    isChronicallyAbsent: Bool, using random: inout SplitMix64
  ) {
    self.grade = grade
    self.classroom = classroom
    self.entryDay = entryDay
    self.lastDay = exit?.day ?? Int.max
    self.exitType = exit?.type
    self.isChronicallyAbsent = isChronicallyAbsent
    absenceRate =
      isChronicallyAbsent
      ? random.double(in: 0.15...0.25) : random.double(in: 0.005...0.055)
    let missedLearning = isChronicallyAbsent ? 4.0 : 0
    let (reading, mathematics) = (SampleInstrument.reading, SampleInstrument.mathematics)
    abilities = SIMD2(
      random.normal(mean: reading.meanScore, deviation: reading.spread),
      random.normal(mean: mathematics.meanScore, deviation: mathematics.spread))
    gains = SIMD2(
      random.normal(mean: reading.meanGain - missedLearning, deviation: 5),
      random.normal(mean: mathematics.meanGain - missedLearning, deviation: 5))
  }

  /// Whether the student is enrolled on instructional day `day`.
  func isEnrolled(on day: Int) -> Bool {
    day >= entryDay && day <= lastDay
  }

  /// Counts an absence on `day` and tells whether it is the third within 20 instructional
  /// days (that day and the 19 before it), which is when rule `absence-3-in-20-days` fires.
  mutating func recordAbsence(on day: Int) -> Bool {
    let reachesThree = previousAbsenceDay >= day - 19
    previousAbsenceDay = lastAbsenceDay
    lastAbsenceDay = day
    return reachesThree
  }
}
