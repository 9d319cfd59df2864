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
  ///
  /// A log whose secret is missing is refused unless `replacingLostSecret` is set: a new
  /// secret gives every student a new key, so re-imported records would no longer match
  /// the students already in the log.
  @discardableResult
  public func create(replacingLostSecret: Bool = false) throws -> Bool {
    let existed = exists
    if existed && !FileManager.default.fileExists(atPath: secretPath) && !replacingLostSecret {
      throw StoreError(.notInitialised, Self.lostSecretAdvice(secretPath))
    }
    do {
      // Owner only: the folder holds the pseudonym secret.
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
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

  static func lostSecretAdvice(_ secretPath: String) -> String {
    "the log exists but its pseudonym secret \(secretPath) is missing. Restore it from a "
      + "backup ('school-ledger backup' copies it). Only if it is lost for good, run "
      + "'school-ledger init --new-secret': students imported from then on get new keys that "
      + "do not match the events already in the log."
  }

  /// The pseudonym key maker, from the secret beside the log.
  public func pseudonyms() throws -> PseudonymousKey {
    guard let data = FileManager.default.contents(atPath: secretPath) else {
      throw StoreError(
        .notInitialised,
        exists
          ? Self.lostSecretAdvice(secretPath)
          : "no ledger at \(path); run 'school-ledger init' first")
    }
    guard data.count == PseudonymousKey.secretLength else {
      throw StoreError(.corrupt, "\(secretPath) is not a 32-byte secret")
    }
    return PseudonymousKey(secret: Array(data))
  }
}
