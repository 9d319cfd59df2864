import Foundation

extension LedgerDirectory {
  /// Writes a consistent, compacted copy of the log and the pseudonym secret into a new
  /// ledger directory `destination`, while writers carry on.
  ///
  /// The log is copied from one read snapshot (`mdb_env_copy2` with `MDB_CP_COMPACT`), so
  /// the copy holds exactly the batches committed when the copy began. Read models are not
  /// copied: `project` rebuilds them from the log. Returns the copy's head.
  public func backup(to destination: String) throws -> LogHead {
    let fileManager = FileManager.default
    if fileManager.fileExists(atPath: destination),
      !((try? fileManager.contentsOfDirectory(atPath: destination))?.isEmpty ?? false)
    {
      throw StoreError(.io, "\(destination) exists and is not empty; back up into a new folder")
    }
    let copy = LedgerDirectory(path: destination)
    do {
      // Owner only, like the ledger itself: the copy holds the pseudonym secret.
      try fileManager.createDirectory(
        atPath: copy.logPath, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      try fileManager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: destination)
    } catch {
      throw StoreError(.io, "cannot create \(copy.logPath): \(error.localizedDescription)")
    }
    do {
      let log = try openLog(readOnly: true)
      try log.environment.copy(to: copy.logPath)
      // mdb_env_copy2 creates the file with the process's default mode.
      try fileManager.setAttributes(
        [.posixPermissions: 0o600], ofItemAtPath: copy.logPath + "/data.mdb")
      guard let secret = fileManager.contents(atPath: secretPath) else {
        throw StoreError(.notInitialised, "no pseudonym secret at \(secretPath) to back up")
      }
      guard
        fileManager.createFile(
          atPath: copy.secretPath, contents: secret, attributes: [.posixPermissions: 0o600])
      else {
        throw StoreError(.io, "cannot write \(copy.secretPath)")
      }
      return try copy.openLog(readOnly: true).head()
    } catch {
      // Leave no half-made copy that could be mistaken for a backup.
      try? fileManager.removeItem(atPath: destination)
      throw error
    }
  }
}
