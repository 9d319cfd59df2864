import Foundation

// ledger-bench: measures the ledger at programme scale beside raw LMDB and SQLite. The table
// goes to stdout, progress and errors to stderr; exit 64 on a usage error, 70 on a failure.

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--help") || arguments.contains("-h") {
  print(BenchOptions.usage)
  exit(0)
}

let options: BenchOptions
do {
  options = try BenchOptions.parse(arguments)
} catch {
  FileHandle.standardError.write(Data("ledger-bench: \(error)\n".utf8))
  exit(64)
}

var status: Int32 = 0
do {
  let benchmark = try Benchmark(options: options)
  do {
    let lines = try benchmark.run()
    print(lines.joined(separator: "\n"))
  } catch {
    FileHandle.standardError.write(Data("ledger-bench: \(error)\n".utf8))
    status = 70
  }
  benchmark.cleanUp()
} catch {
  FileHandle.standardError.write(Data("ledger-bench: \(error)\n".utf8))
  status = 70
}
exit(status)
