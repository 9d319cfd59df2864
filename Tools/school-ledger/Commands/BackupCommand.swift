import LedgerStore

enum BackupCommand: LedgerCommand {
  static let name = "backup"
  static let summary = "write a consistent compacted copy of the log while writers run"
  static let help = """
    Usage: school-ledger backup DEST [--ledger PATH]

    Copies the log, compacted, from one consistent snapshot into the new ledger directory
    DEST (which must not exist or be empty), together with the pseudonym secret. Writers
    and projection workers may keep running. The copy holds exactly the batches committed
    when it began; 'school-ledger verify --ledger DEST' checks it, and its head hash equals
    the source's hash at the same sequence. Read models are not copied: run 'project' on
    the copy to rebuild them.
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let positionals = arguments.takePositionals()
    try arguments.finish()
    guard positionals.count == 1, let destination = positionals.first else {
      throw UsageError("name one destination folder: school-ledger backup DEST")
    }
    let head = try environment.ledger.backup(to: destination)
    emit(
      "backed up to \(destination): head sequence \(head.sequence), "
        + "hash \(ChainHash.hex(head.hash))\n")
    return ExitCode.ok
  }
}
