import Foundation
import LedgerEvents
import LedgerProjections
import LedgerStore

/// One read model's `query NAME`: its options, and how its rows are printed.
protocol ReadModelQuery: Sendable {
  /// The name after `query`.
  static var name: String { get }
  /// The projections whose rows it reads (for the warning when they lag the log).
  static var readModels: [String] { get }
  /// Its usage line(s) and options, for `query --help`.
  static var usage: String { get }
  /// Reads this query's options from `arguments`.
  init(_ arguments: inout Arguments) throws
  /// The printed rows, in `format`.
  func output(_ reader: ReadModelReader, _ format: OutputFormat, _ logger: Logger) throws
    -> String
}

/// Option parsing shared by the queries.
enum QueryOptions {
  /// `--chronic-threshold SHARE` (default 0.10) and `--goals-needed K` (default: more than
  /// half of a school's goals), as a school-progress report.
  static func progressReport(_ arguments: inout Arguments) throws -> SchoolProgressReport {
    let thresholdText = arguments.option("chronic-threshold") ?? "0.10"
    guard let threshold = Double(thresholdText), threshold > 0, threshold <= 1 else {
      throw UsageError("--chronic-threshold must be a share in (0, 1], e.g. 0.10")
    }
    var goalsNeeded: Int?
    if let text = arguments.option("goals-needed") {
      guard let k = Int(text), k > 0 else {
        throw UsageError("--goals-needed must be a whole number of goals, 1 or more, not '\(text)'")
      }
      goalsNeeded = k
    }
    return SchoolProgressReport(chronicAbsenceThreshold: threshold, goalsNeeded: goalsNeeded)
  }

  /// An ISO date option, or nil when absent.
  static func date(_ arguments: inout Arguments, _ name: String) throws -> String? {
    guard let text = arguments.option(name) else { return nil }
    guard LocalDate(text) != nil else {
      throw UsageError("--\(name) must be a date YYYY-MM-DD, not '\(text)'")
    }
    return text
  }

  /// `--as-of DATE`, by default today's date on this machine.
  static func asOf(_ arguments: inout Arguments) throws -> String {
    if let date = try date(&arguments, "as-of") { return date }
    let parts = Calendar(identifier: .gregorian).dateComponents(
      [.year, .month, .day], from: Date())
    return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)?
      .description ?? "1970-01-01"
  }

  /// `--kind KIND` of grouping, by default `network`.
  static func groupKind(_ arguments: inout Arguments) throws -> GroupKind {
    guard let text = arguments.option("kind") else { return .network }
    guard let kind = GroupKind(rawValue: text) else {
      let kinds = GroupKind.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError("--kind must be one of \(kinds), not '\(text)'")
    }
    return kind
  }
}

/// Text for a yes/no cell: empty when unknown.
func yesNo(_ value: Bool?) -> String {
  value.map { $0 ? "yes" : "no" } ?? ""
}
