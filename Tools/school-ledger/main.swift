import Foundation
import LedgerImport
import LedgerProjections
import LedgerStore

/// Exit codes (sysexits), the one place errors become numbers.
enum ExitCode {
  static let ok: Int32 = 0
  /// `verify` found the log changed.
  static let tampered: Int32 = 1
  static let usage: Int32 = 64
  static let dataError: Int32 = 65
  static let internalError: Int32 = 70
  static let ioError: Int32 = 74
  static let tryAgain: Int32 = 75
}

let commands: [any LedgerCommand.Type] = [
  InitCommand.self, ImportCommand.self, ProjectCommand.self, QueryCommand.self,
  TimelineCommand.self, VerifyCommand.self, StatusCommand.self, BackupCommand.self,
  KeygenCommand.self, SealCommand.self, ExportCommand.self, DemoCommand.self,
  ReplayCommand.self, DiffCommand.self, ExplainCommand.self,
]

let overview = """
  school-ledger: an event-sourced ledger of whole-school improvement.

  Usage: school-ledger <command> [options]

  Commands:
  \(commands.map { "  " + $0.name.padding(toLength: 10, withPad: " ", startingAt: 0) + $0.summary }
    .joined(separator: "\n"))

  Run 'school-ledger <command> --help' for a command's options.
  Data goes to stdout; progress and errors to stderr. Exit codes: 0 ok, 1 verify found
  the log changed, 64 usage, 65 bad input data, 70 internal, 74 I/O, 75 busy (try again).

  """

@MainActor
func main() -> Int32 {
  var words = Array(CommandLine.arguments.dropFirst())
  guard let name = words.first, !["--help", "-h", "help"].contains(name) else {
    if words.isEmpty {
      FileHandle.standardError.write(Data(overview.utf8))
      return ExitCode.usage
    }
    emit(overview)
    return ExitCode.ok
  }
  words.removeFirst()
  guard let command = commands.first(where: { $0.name == name }) else {
    FileHandle.standardError.write(
      Data("error: unknown command '\(name)'; run 'school-ledger --help'\n".utf8))
    return ExitCode.usage
  }
  if words.contains("--help") || words.contains("-h") {
    emit(command.help + "\n" + commonHelp + "\n")
    return ExitCode.ok
  }
  var arguments: Arguments
  do {
    arguments = try Arguments(words, flags: commonFlags.union(command.flags))
  } catch {
    return report(error, logger: nil)
  }
  let environment = CommandEnvironment(&arguments)
  do {
    return try command.run(&arguments, environment)
  } catch {
    return report(error, logger: environment.logger)
  }
}

/// Prints an error to stderr and picks its exit code.
func report(_ error: any Error, logger: Logger?) -> Int32 {
  let say: (String) -> Void = { message in
    if let logger {
      logger.error(message)
    } else {
      FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
    }
  }
  switch error {
  case let usage as UsageError:
    say(usage.description)
    return ExitCode.usage
  case let failure as ImportFailure:
    say("import refused; nothing was written:\n" + failure.description)
    return ExitCode.dataError
  case let store as StoreError:
    say(store.message)
    switch store.code {
    case .idConflict, .invalidEvent: return ExitCode.dataError
    case .wrongExpectedVersion, .busy: return ExitCode.tryAgain
    case .notInitialised, .unsupportedFormat: return ExitCode.usage
    case .io: return ExitCode.ioError
    case .corrupt, .lmdb: return ExitCode.internalError
    }
  case let projection as ProjectionError:
    say(projection.description)
    return ExitCode.dataError
  default:
    say("\(error)")
    return ExitCode.internalError
  }
}

exit(main())
