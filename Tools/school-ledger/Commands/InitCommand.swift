import LedgerStore

enum InitCommand: LedgerCommand {
  static let name = "init"
  static let summary = "create an empty ledger and its pseudonym secret"
  static let help = """
    Usage: school-ledger init [--ledger PATH]

    Creates the ledger directory: an empty log (LMDB) and pseudonym.key, the secret that
    turns student ids into pseudonymous keys. Keep that file with the ledger and back it
    up separately: without it, later imports give the same students new keys. Running
    init on an existing ledger changes nothing.
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    try arguments.finish()
    let created = try environment.ledger.create()
    environment.logger.info(
      created
        ? "created ledger at \(environment.ledger.path)"
        : "ledger at \(environment.ledger.path) already exists; nothing changed")
    return ExitCode.ok
  }
}
