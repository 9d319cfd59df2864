import Foundation
import LedgerAudit
import LedgerProjections
import LedgerStore

enum VerifyCommand: LedgerCommand {
  static let name = "verify"
  static let summary = "walk the hash chain and indexes; name the first bad sequence"
  static let help = """
    Usage: school-ledger verify [--seal FILE]... [--public-key FILE.pub] [--deep]
                                [--chunk-size N] [--ledger PATH]

    Recomputes every record's hash from the record before it (BLAKE2b-256 over the
    previous hash and the record's canonical bytes, docs/FORMAT.md), checks that sequence
    numbers are dense and that each record sits under its own number, and checks the
    event-id and stream indexes against the log. Exit 0: intact. Exit 1: the log was
    changed, removed from or reordered; the first bad sequence is named. Exit 74 or 70:
    the check could not be made.

    The walk covers the log up to the head seen when it starts, reading --chunk-size
    records (default 50000) per snapshot, so that a long verify of a live ledger does not
    keep old pages pinned.

    --seal FILE       also prove the log still holds, unchanged, the history each seal
                      covers (repeatable). A rewritten history fails naming the first
                      differing sequence, even when every later hash was recomputed.
    --public-key FILE accept only seals signed by this key (from 'keygen'); without it the
                      signature is checked against the key written in the seal.
    --deep            also rebuild every projection in a scratch area up to its live
                      checkpoint and compare every row with the live read models.
    """
  static let flags: Set<String> = ["deep"]

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let chunkText = arguments.option("chunk-size") ?? "50000"
    let sealPaths = arguments.options("seal")
    let publicKeyPath = arguments.option("public-key")
    let deep = arguments.flag("deep")
    try arguments.finish()
    guard let chunkSize = Int(chunkText), chunkSize > 0 else {
      throw UsageError("--chunk-size must be a positive number of records")
    }
    let log = try environment.ledger.openLog(readOnly: true)
    var status = ExitCode.ok
    if !sealPaths.isEmpty {
      let trusted = try publicKeyPath.map { try SealKeys.readPublic($0) }
      if trusted == nil {
        environment.logger.warning(
          "seals are checked against the key written in them; pass --public-key to pin "
            + "the signer")
      }
      for path in sealPaths {
        let holds = try checkSeal(path, log: log, trusted: trusted)
        if !holds { status = ExitCode.tampered }
      }
    }
    if deep {
      let same = try checkReadModels(log, environment)
      if !same { status = ExitCode.tampered }
    }
    let chain = try checkChain(log, chunkSize: chunkSize)
    return chain == ExitCode.ok ? status : chain
  }

  private static func checkSeal(_ path: String, log: EventLog, trusted: [UInt8]?) throws -> Bool {
    let seal = try Seal.read(path)
    switch try SealCheck.check(seal, log: log, trustedKey: trusted) {
    case .holds(let head):
      emit("seal \(path): holds (records 1-\(head) unchanged since \(seal.sealedAt))\n")
      return true
    case .invalidSignature:
      emit("seal \(path): INVALID: its signature does not verify; the seal was altered\n")
    case .untrustedKey(let key):
      emit("seal \(path): NOT TRUSTED: signed by \(key), not by the pinned public key\n")
    case .differs(let sequence, let reason):
      emit("seal \(path): TAMPERED: first differing sequence \(sequence): \(reason)\n")
    }
    return false
  }

  private static func checkReadModels(_ log: EventLog, _ environment: CommandEnvironment) throws
    -> Bool
  {
    guard FileManager.default.fileExists(atPath: environment.ledger.readModelsPath + "/data.mdb")
    else {
      emit("read models: none yet (run 'school-ledger project'); nothing to compare\n")
      return true
    }
    let live = try ReadModelStore(path: environment.ledger.readModelsPath, readOnly: true)
    let deep = DeepVerification(log: log, live: live, logger: environment.logger)
    for skipped in try deep.notCompared(ProjectionCatalogue.all) {
      emit("read models: \(skipped.projection) not compared: \(skipped.reason)\n")
    }
    let differences = try deep.differences(ProjectionCatalogue.all)
    if differences.isEmpty {
      emit("read models: every row compared equals a fresh rebuild from the log\n")
      return true
    }
    emit("read models: \(differences.count) rows differ from a fresh rebuild:\n")
    emit(differences.prefix(50).map { "  \($0)" }.joined(separator: "\n") + "\n")
    return false
  }

  private static func checkChain(_ log: EventLog, chunkSize: Int) throws -> Int32 {
    let report = try log.verifyChain(chunkSize: chunkSize)
    if let failure = report.firstBreak {
      emit("TAMPERED: first bad record at sequence \(failure.sequence): \(failure.reason)\n")
      emit("records verified before it: \(report.checked)\n")
      return ExitCode.tampered
    }
    if !report.indexProblems.isEmpty {
      emit("TAMPERED: chain intact through \(report.checked), but indexes disagree:\n")
      emit(report.indexProblems.prefix(20).map { "  " + $0 }.joined(separator: "\n") + "\n")
      return ExitCode.tampered
    }
    emit(
      "intact: \(report.checked) records, head sequence \(report.head.sequence), "
        + "head hash \(ChainHash.hex(report.head.hash))\n")
    return ExitCode.ok
  }
}
