import LedgerEvents

/// The one table from Ed-Fi descriptor values to the catalogue's codes (DOMAIN.md: "tables
/// kept as data"). Keys are the text after `#` in `uri://…/KindDescriptor#Value`, exactly
/// as Ed-Fi writes it; a value not listed here makes the import fail with an error that
/// names it, so that someone decides what it means instead of the importer guessing.
///
/// Every value used in the Grand Bend sample is listed, plus the Ed-Fi default values of
/// the same kinds whose meaning is plain. Codes for fields that the catalogue keeps as text
/// (subject, grade level, reporting method, performance level, school level) are lowercase
/// and hyphenated like the catalogue's own codes, so that results from other sources can
/// use the same words.
enum EdFiDescriptorTable {
  static let attendanceCategory = EdFiDescriptorMap<AttendanceCategory>(
    descriptor: "AttendanceEventCategoryDescriptor",
    codes: [
      "In Attendance": .present,
      "Excused Absence": .excusedAbsence,
      "Unexcused Absence": .unexcusedAbsence,
      "Tardy": .tardy,
      "Early departure": .earlyDeparture,
      "Early Departure": .earlyDeparture,
      "Partial": .partial,
    ])

  static let interventionClass = EdFiDescriptorMap<InterventionClass>(
    descriptor: "InterventionClassDescriptor",
    codes: [
      "Curriculum": .curriculum,
      "Practice": .practice,
      "Supplement": .supplement,
      "Other": .other,
    ])

  static let deliveryMethod = EdFiDescriptorMap<DeliveryMethod>(
    descriptor: "DeliveryMethodDescriptor",
    codes: [
      "Individual": .individual,
      "Small Group": .smallGroup,
      "Whole Class": .wholeClass,
      "Whole School": .wholeSchool,
    ])

  /// Diagnoses an intervention addresses; the codes follow ``RiskReason`` where one fits.
  static let diagnosis = EdFiDescriptorMap<String>(
    descriptor: "DiagnosisDescriptor",
    codes: [
      "Dropout Risk": RiskReason.dropoutRisk.rawValue
    ])

  static let assessmentPeriod = EdFiDescriptorMap<AssessmentPeriod>(
    descriptor: "AssessmentPeriodDescriptor",
    codes: [
      "Beginning of Year": .beginningOfYear,
      "Middle of Year": .middleOfYear,
      "End of Year": .endOfYear,
    ])

  static let academicSubject = EdFiDescriptorMap<String>(
    descriptor: "AcademicSubjectDescriptor",
    codes: [
      "English Language Arts": "english-language-arts",
      "Reading": "reading",
      "Writing": "writing",
      "Mathematics": "mathematics",
      "Science": "science",
      "Life and Physical Sciences": "life-and-physical-sciences",
      "Social Studies": "social-studies",
      "Social Sciences and History": "social-sciences-and-history",
      "Foreign Language and Literature": "foreign-language-and-literature",
      "Fine and Performing Arts": "fine-and-performing-arts",
      "Physical, Health, and Safety Education": "physical-health-and-safety-education",
      "Career and Technical Education": "career-and-technical-education",
    ])

  static let gradeLevel = EdFiDescriptorMap<String>(
    descriptor: "GradeLevelDescriptor",
    codes: [
      "Preschool/Prekindergarten": "pre-kindergarten",
      "Kindergarten": "kindergarten",
      "First grade": "grade-1",
      "Second grade": "grade-2",
      "Third grade": "grade-3",
      "Fourth grade": "grade-4",
      "Fifth grade": "grade-5",
      "Sixth grade": "grade-6",
      "Seventh grade": "grade-7",
      "Eighth grade": "grade-8",
      "Ninth grade": "grade-9",
      "Tenth grade": "grade-10",
      "Eleventh grade": "grade-11",
      "Twelfth grade": "grade-12",
    ])

  static let reportingMethod = EdFiDescriptorMap<String>(
    descriptor: "AssessmentReportingMethodDescriptor",
    codes: [
      "Raw score": "raw-score",
      "Scale score": "scale-score",
      "Vertical score": "vertical-score",
      "Lexile Measure": "lexile-measure",
      "Percentile": "percentile",
    ])

  static let performanceLevel = EdFiDescriptorMap<String>(
    descriptor: "PerformanceLevelDescriptor",
    codes: [
      "Did Not Meet Standard": "did-not-meet-standard",
      "Met Standard": "met-standard",
      "Advanced": "advanced",
      "Below Basic": "below-basic",
      "Basic": "basic",
      "Proficient": "proficient",
      "Pass": "pass",
      "Fail": "fail",
    ])

  /// School category to the level of education a school offers (``SchoolRegistered/level``).
  static let schoolLevel = EdFiDescriptorMap<String>(
    descriptor: "SchoolCategoryDescriptor",
    codes: [
      "Elementary School": "primary",
      "Middle School": "lower-secondary",
      "Junior High School": "lower-secondary",
      "High School": "upper-secondary",
    ])
}
