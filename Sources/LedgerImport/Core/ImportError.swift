/// A problem with one input record, precise enough to find and fix it.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The input file, as the user named it.
  public var file: String
  /// Where in the file: `line 12`, or `StudentSchoolAttendanceEvent #34 (line 210)`.
  public var record: String
  /// The field at fault, e.g. `AttendanceEventCategory` or `payload.date`.
  public var field: String
  public var message: String

  public init(file: String, record: String, field: String, message: String) {
    self.file = file
    self.record = record
    self.field = field
    self.message = message
  }

  public var description: String { "\(file): \(record): \(field): \(message)" }
}

/// An import that could not proceed: every record error found, none of it written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
  public var errors: [ImportError]

  public init(errors: [ImportError]) {
    self.errors = errors
  }

  public var description: String {
    let shown = errors.prefix(20).map(\.description)
    let more = errors.count > 20 ? ["... and \(errors.count - 20) more"] : []
    return (shown + more).joined(separator: "\n")
  }
}
