/// The natural key of an Ed-Fi record as the ledger writes it, e.g.
/// `attendance/255901001/stu-…/2021-08-31/excused-absence`.
///
/// Its parts are the source's own identifying fields with students replaced by their
/// pseudonymous keys, so a key never holds a `StudentUniqueId`. It is the event's
/// `source.naturalKey`, and with `ed-fi/` in front, the event's id: importing the same
/// record again gives the same id, which the log treats as already present.
struct EdFiNaturalKey: Sendable, Hashable, CustomStringConvertible {
  /// The parts, unescaped.
  let parts: [String]

  init(_ parts: String...) {
    self.parts = parts
  }

  /// The parts joined by `/`, with `%` and `/` inside a part written `%25` and `%2F` so
  /// that a source id containing a slash cannot be mistaken for two parts.
  var description: String {
    parts.map { part in
      part.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    }.joined(separator: "/")
  }

  /// The event id derived from the key.
  var eventId: String { EdFiReader.sourceSystem + "/" + description }
}
