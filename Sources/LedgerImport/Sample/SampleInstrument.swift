import LedgerEvents

/// An assessment instrument the programme gives every school at the beginning and the end
/// of the year, with the score distribution the generator draws from.
struct SampleInstrument: Sendable {
  var assessmentId: String
  var title: String
  var subject: String
  /// Average beginning-of-year score and the spread of students' abilities around it.
  var meanScore: Double
  var spread: Double
  /// Average gain over the year for a student who attends; chronic absentees gain less.
  var meanGain: Double

  /// The stream that holds the programme's own definitions, which are not facts of any one
  /// school.
  static let programmeStream = "programme"
  static let reportingMethod = "raw-score"
  static let performanceLevels = ["below-basic", "basic", "proficient", "advanced"]

  static let reading = SampleInstrument(
    assessmentId: "tsqp-thai-reading-2567", title: "แบบทดสอบการอ่านภาษาไทย",
    subject: "thai-language", meanScore: 52, spread: 14, meanGain: 7)
  static let mathematics = SampleInstrument(
    assessmentId: "tsqp-mathematics-2567", title: "แบบทดสอบคณิตศาสตร์",
    subject: "mathematics", meanScore: 47, spread: 13, meanGain: 5)
  static let all = [reading, mathematics]

  /// Grade levels both instruments cover: every grade a sample school teaches.
  static let gradeLevels = ["P1", "P2", "P3", "P4", "P5", "P6", "M1", "M2", "M3", "M4", "M5", "M6"]

  /// The performance level a raw score falls in.
  static func performanceLevel(of score: Int) -> String {
    switch score {
    case ..<40: performanceLevels[0]
    case ..<60: performanceLevels[1]
    case ..<80: performanceLevels[2]
    default: performanceLevels[3]
    }
  }

  /// The event defining this instrument in the programme stream.
  func definition(on day: String) -> EventEnvelope {
    .sample(
      "programme/assessment/" + assessmentId, stream: Self.programmeStream, on: day,
      actor: "programme:tsqp-office",
      .assessmentDefined(
        AssessmentDefined(
          assessmentId: assessmentId, title: title, subject: subject,
          gradeLevels: Self.gradeLevels, minimumScore: "0", maximumScore: "100",
          reportingMethod: Self.reportingMethod, performanceLevels: Self.performanceLevels)))
  }
}
