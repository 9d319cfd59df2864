import Foundation
import LedgerStore

enum InitCommand: LedgerCommand {
  static let name = "init"
  static let summary = "create an empty ledger and its pseudonym secret"
  static let help = """
    Usage: school-ledger init [--ledger PATH] [--new-secret]

    Creates the ledger directory: an empty log (LMDB) and pseudonym.key, the secret that
    turns student ids into pseudonymous keys. Keep that file with the ledger and back it
    up separately: without it, later imports give the same students new keys. Running
    init on an existing ledger changes nothing.

    --new-secret   on a ledger whose secret is lost for good, make a new one. Students
                   imported from then on get keys that do not match earlier events; without
                   this flag, init refuses to replace a missing secret.
    """
  static let flags: Set<String> = ["new-secret"]

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let newSecret = arguments.flag("new-secret")
    try arguments.finish()
    let hadSecret = FileManager.default.fileExists(atPath: environment.ledger.secretPath)
    let created = try environment.ledger.create(replacingLostSecret: newSecret)
    if created {
      environment.logger.info("created ledger at \(environment.ledger.path)")
    } else if !hadSecret {
      environment.logger.warning(
        "made a new pseudonym secret for \(environment.ledger.path); students imported from "
          + "now on get keys that do not match earlier events")
    } else {
      environment.logger.info(
        "ledger at \(environment.ledger.path) already exists; nothing changed")
    }
    return ExitCode.ok
  }
}
