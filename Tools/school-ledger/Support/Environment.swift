import Foundation
import LedgerStore

/// What every command shares: where the ledger is and how much to log.
struct CommandEnvironment {
  let ledger: LedgerDirectory
  let logger: Logger

  /// Reads `--ledger` (or `SCHOOL_LEDGER_PATH`, or `./ledger`), `--verbose` and `--quiet`.
  init(_ arguments: inout Arguments) {
    let path =
      arguments.option("ledger") ?? ProcessInfo.processInfo.environment["SCHOOL_LEDGER_PATH"]
      ?? "./ledger"
    ledger = LedgerDirectory(path: path)
    let verbose = arguments.flag("verbose")
    let quiet = arguments.flag("quiet")
    let level: Logger.Level = verbose ? .debug : quiet ? .error : .info
    logger = Logger(level: level) { level, message in
      let prefix = level == .error ? "error: " : level == .warning ? "warning: " : ""
      FileHandle.standardError.write(Data((prefix + message + "\n").utf8))
    }
  }
}

/// Flags every command accepts.
let commonFlags: Set<String> = ["verbose", "quiet", "help"]

/// The options every command accepts, for help texts.
let commonHelp = """
  Common options:
    --ledger PATH   ledger directory (default: $SCHOOL_LEDGER_PATH, else ./ledger)
    --verbose       more progress on stderr; --quiet: errors only
    --help          this text
  """
