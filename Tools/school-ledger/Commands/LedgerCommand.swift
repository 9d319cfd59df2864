/// One `school-ledger` command: parse, call a library, format.
protocol LedgerCommand {
  static var name: String { get }
  /// One line for the overview.
  static var summary: String { get }
  /// The command's full `--help` text.
  static var help: String { get }
  /// Options of this command that take no value.
  static var flags: Set<String> { get }
  /// Runs the command and returns its exit code.
  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32
}

extension LedgerCommand {
  static var flags: Set<String> { [] }
}
