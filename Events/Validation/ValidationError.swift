/// One thing wrong with one field of an event.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
  /// Dotted path to the field, e.g. `payload.duration`.
  public var field: String
  public var message: String

  public init(field: String, message: String) {
    self.field = field
    self.message = message
  }

  public var description: String { "\(field): \(message)" }
}

/// An event that may not enter the log, with every issue found in it.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
  public var eventId: String
  public var issues: [ValidationIssue]

  public init(eventId: String, issues: [ValidationIssue]) {
    self.eventId = eventId
    self.issues = issues
  }

  public var description: String {
    "event '\(eventId)': " + issues.map(\.description).joined(separator: "; ")
  }
}
