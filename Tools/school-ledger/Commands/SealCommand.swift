import Foundation
import LedgerAudit
import LedgerEvents

enum SealCommand: LedgerCommand {
  static let name = "seal"
  static let summary = "sign the log's history so far into a seal file kept elsewhere"
  static let help = """
    Usage: school-ledger seal --key PREFIX.key --out FILE

    Signs (Ed25519) a statement of the log's head sequence, head hash and the time, with a
    4-byte fingerprint of every record, and writes it to FILE. Give the file to whoever
    audits the ledger; they keep it where the ledger's operators cannot change it. Later,
    'school-ledger verify --seal FILE' proves that the log still holds exactly that
    history, or names the first record that differs, even if the chain was recomputed.
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let keyPath = try arguments.requiredOption("key", hint: "PREFIX.key (from keygen)")
    let out = try arguments.requiredOption("out", hint: "FILE to write the seal to")
    try arguments.finish()
    guard !FileManager.default.fileExists(atPath: out) else {
      throw UsageError("\(out) exists already; seals are never overwritten")
    }
    let keys = try SealKeys.readSecret(keyPath)
    let log = try environment.ledger.openLog(readOnly: true)
    let seal = try Seal.make(log: log, keys: keys, now: Timestamp(Date()))
    guard FileManager.default.createFile(atPath: out, contents: try seal.fileContents()) else {
      throw UsageError("cannot write \(out)")
    }
    emit("sealed sequence \(seal.headSequence), head hash \(seal.headHash), into \(out)\n")
    return ExitCode.ok
  }
}
