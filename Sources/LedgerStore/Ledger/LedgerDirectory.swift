import Foundation
import LedgerEvents

/// The ledger directory: the log, the read models beside it, and the pseudonym secret.
///
/// ```
/// <ledger>/log/            LMDB environment holding the event log (docs/FORMAT.md)
/// <ledger>/read-models/    LMDB environment holding projections' read models
/// <ledger>/pseudonym.key   32 random bytes, mode 0600: the key of student pseudonyms
/// ```
/// The secret sits beside the log, never in it: copying the log alone does not let anyone
/// link a student key back to a student.
public struct LedgerDirectory: Sendable {
  public let path: String

  public init(path: String) {
    self.path = path
  }

  public var logPath: String { path + "/log" }
  public var readModelsPath: String { path + "/read-models" }
  public var secretPath: String { path + "/pseudonym.key" }

  /// Whether `init` has run here.
  public var exists: Bool {
    FileManager.default.fileExists(atPath: logPath + "/data.mdb")
  }

  /// Creates the directory, an empty log and a fresh secret; keeps whatever already exists.
  /// Returns whether anything was created.
  @discardableResult
  public func create() throws -> Bool {
    let existed = exists
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw StoreError(.io, "cannot create \(path): \(error.localizedDescription)")
    }
    _ = try EventLog(path: logPath, create: true)
    if !FileManager.default.fileExists(atPath: secretPath) {
      let secret = Data(PseudonymousKey.generateSecret())
      guard
        FileManager.default.createFile(
          atPath: secretPath, contents: secret, attributes: [.posixPermissions: 0o600])
      else {
        throw StoreError(.io, "cannot write the pseudonym secret \(secretPath)")
      }
    }
    return !existed
  }

  /// Opens the log.
  public func openLog(
    readOnly: Bool = false, clock: (@Sendable () -> Timestamp)? = nil
  ) throws -> EventLog {
    if let clock {
      return try EventLog(path: logPath, readOnly: readOnly, clock: clock)
    }
    return try EventLog(path: logPath, readOnly: readOnly)
  }

  /// The pseudonym key maker, from the secret beside the log.
  public func pseudonyms() throws -> PseudonymousKey {
    guard let data = FileManager.default.contents(atPath: secretPath) else {
      throw StoreError(
        .notInitialised,
        "no pseudonym secret at \(secretPath); run 'school-ledger init' (keep that file: "
          + "without it, new imports give students new keys)")
    }
    guard data.count == PseudonymousKey.secretLength else {
      throw StoreError(.corrupt, "\(secretPath) is not a 32-byte secret")
    }
    return PseudonymousKey(secret: Array(data))
  }
}
