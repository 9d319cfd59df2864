import Foundation

/// Runs the built `school-ledger` binary as a user would.
struct CLI {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The package root, found from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The Ed-Fi sample folder beside the project, as CI lays it out.
  static let edfiFolder = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/data/edfi-grand-bend")

  static var edfiAvailable: Bool {
    FileManager.default.fileExists(atPath: edfiFolder.appendingPathComponent("Student.xml").path)
  }

  /// The executable, built beside the test bundle.
  static let executable: URL = {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("school-ledger"),
      Bundle.main.bundleURL.appendingPathComponent("school-ledger"),
      packageRoot.appendingPathComponent(".build/debug/school-ledger"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[2]
  }()

  /// Starts the program in the background with `arguments` against `ledger`, quiet and
  /// with its output discarded, for tests that race or kill it.
  static func start(_ arguments: [String], ledger: String) throws -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments + ["--ledger", ledger, "--quiet"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Runs the program with `arguments` against the ledger at `ledger`.
  static func run(_ arguments: [String], ledger: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments + (ledger.map { ["--ledger", $0] } ?? [])
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting, so a large output cannot fill a pipe and stall.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// A temporary directory removed at the end of the test.
final class TemporaryDirectory {
  let path: String

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("cli-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  func file(_ name: String) -> String { path + "/" + name }
}
