import LedgerEvents

/// A flagged student's first session (home visit, tutoring, ...) on or after their first risk
/// flag, and the days between: the measure behind care coverage in every read model.
public struct FirstSessionAfterFlag: Sendable, Equatable {
  /// The earliest flag date.
  public var flagged: String
  /// The earliest session date on or after `flagged`.
  public var session: String
  /// Calendar days from `flagged` to `session` (0: the same day).
  public var days: Int

  /// Nil when there is no flag, or no session on or after the first flag.
  init?<Flags: Sequence<String>, Sessions: Sequence<String>>(
    flagDates: Flags, sessionDates: Sessions
  ) {
    guard let flagged = flagDates.min(),
      let session = sessionDates.filter({ $0 >= flagged }).min(),
      let from = LocalDate(flagged), let to = LocalDate(session)
    else { return nil }
    self.flagged = flagged
    self.session = session
    days = to.daysSinceEpoch - from.daysSinceEpoch
  }
}
