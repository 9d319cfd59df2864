import LedgerAudit

enum KeygenCommand: LedgerCommand {
  static let name = "keygen"
  static let summary = "make an Ed25519 key pair for sealing the log"
  static let help = """
    Usage: school-ledger keygen --out PREFIX

    Writes PREFIX.key (the secret signing key, mode 0600) and PREFIX.pub (the public key
    auditors pin with 'verify --seal FILE --public-key PREFIX.pub'). Keep the secret key
    away from the ledger's machine if you can: whoever holds it can issue seals.
    """

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let prefix = try arguments.requiredOption("out", hint: "PREFIX (writes PREFIX.key, .pub)")
    try arguments.finish()
    try SealKeys.generate().write(prefix: prefix)
    emit("wrote \(prefix).key (secret) and \(prefix).pub\n")
    return ExitCode.ok
  }
}
