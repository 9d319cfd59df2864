import LedgerStore

enum VerifyCommand: LedgerCommand {
  static let name = "verify"
  static let summary = "walk the hash chain and indexes; name the first bad sequence"
  static let help = """
    Usage: school-ledger verify [--chunk-size N] [--ledger PATH]

    Recomputes every record's hash from the record before it (BLAKE2b-256 over the
    previous hash and the record's canonical bytes, docs/FORMAT.md), checks that sequence
    numbers are dense and that each record sits under its own number, and checks the
    event-id and stream indexes against the log. Exit 0: intact. Exit 1: the log was
    changed, removed from or reordered; the first bad sequence is named. Exit 74 or 70:
    the check could not be made.

    The walk covers the log up to the head seen when it starts, reading --chunk-size
    records (default 50000) per snapshot, so that a long verify of a live ledger does not
    keep old pages pinned.
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let chunkText = arguments.option("chunk-size") ?? "50000"
    try arguments.finish()
    guard let chunkSize = Int(chunkText), chunkSize > 0 else {
      throw UsageError("--chunk-size must be a positive number of records")
    }
    let log = try environment.ledger.openLog(readOnly: true)
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
