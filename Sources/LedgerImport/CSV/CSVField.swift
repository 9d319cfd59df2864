/// A field the CSV importer knows how to read, whatever the column is called in the file.
public enum CSVField: String, Sendable, CaseIterable, Codable {
  case school
  /// A 13-digit national id or a G-code: pseudonymised, never stored.
  case nationalId = "national-id"
  /// The school's own student number: pseudonymised with the school code.
  case studentNumber = "student-number"
  /// Names, titles: recognised so that they are dropped, never read into events.
  case name
  /// A student's number in the class list (เลขที่): not needed, ignored quietly.
  case rollNumber = "roll-number"
  /// The day a record is about (attendance date, administration date, session date,
  /// progress as-of date).
  case date
  case mark
  case duration
  case reason
  case gradeLevel = "grade-level"
  case classroom
  case entryDate = "entry-date"
  case entryType = "entry-type"
  case exitDate = "exit-date"
  case exitType = "exit-type"
  case exitReason = "exit-reason"
  case assessment
  case period
  case score
  case reportingMethod = "reporting-method"
  case performanceLevel = "performance-level"
  case sessionKind = "session-kind"
  case sessionId = "session-id"
  case minutes
  case intervention
  case plan
  case goal
  case value
  /// The column a rejected-rows file adds; ignored when the fixed file is imported.
  case importError = "import-error"
}
