/// What went wrong in the store, with a code the CLI turns into an exit status.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Kinds of store failure.
  public enum Code: Sendable, Equatable {
    /// The ledger directory holds no log yet (run `init`).
    case notInitialised
    /// The log was written by a newer format than this program reads.
    case unsupportedFormat
    /// An event id is already stored with different content.
    case idConflict
    /// A stream is not at the version the append expected.
    case wrongExpectedVersion
    /// An event failed validation.
    case invalidEvent
    /// Another process holds what was needed; try again.
    case busy
    /// A stored record could not be read back.
    case corrupt
    /// The disk or the file system refused (full disk, permissions).
    case io
    /// An LMDB call failed in a way this program does not expect.
    case lmdb(Int32)
  }

  public var code: Code
  public var message: String
  /// The event the error is about, when it is about one: lets an importer name the file
  /// and line it came from.
  public var eventId: String?

  public init(_ code: Code, _ message: String, eventId: String? = nil) {
    self.code = code
    self.message = message
    self.eventId = eventId
  }

  public var description: String { message }
}
