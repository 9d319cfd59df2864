import Foundation

/// The benchmark's command line.
struct BenchOptions {
  /// Fraction of the programme's year to generate (1.0: 727 schools, 174,364 students).
  var scale = 1.0
  /// Events per import transaction, for the ledger and every baseline alike.
  var batchSize = 10_000
  /// Durable one-event transactions to time per store.
  var singleAppends = 300
  /// Most samples per query kind.
  var querySamples = 200
  /// Time budget per query kind; sampling stops when it runs out (after at least 5).
  var querySeconds = 20.0
  /// Where the stores go; nil: a new directory under the system's temporary directory.
  var directory: String?
  /// Keep the stores afterwards instead of removing them.
  var keep = false

  static let usage = """
    Usage: ledger-bench [--scale FRACTION] [--batch-size N] [--single-appends N]
                        [--query-samples N] [--query-seconds S] [--dir PATH] [--keep]

    Generates the deterministic sample network at --scale of the programme's year (1.0, the
    default: 727 schools in 11 networks, 174,364 students, about 4.2 million events) and
    measures, in one run and on the same events: import through the ledger (batches of
    --batch-size, default 10000), durable single appends, projection rebuilds, queries,
    size on disk and peak memory, each beside raw LMDB and SQLite (WAL, synchronous NORMAL
    and FULL) baselines. Prints one table to stdout; progress goes to stderr.

    --dir PATH puts the stores there (it must not exist yet); by default they go to a new
    temporary directory, removed at the end unless --keep is given.
    Build it in release mode: swift build -c release --product ledger-bench
    """

  /// Parses `arguments` (without the program name); throws a usage message on error.
  static func parse(_ arguments: [String]) throws -> BenchOptions {
    var options = BenchOptions()
    var rest = arguments[...]
    func value(_ name: String) throws -> String {
      guard let next = rest.popFirst() else { throw BenchError("\(name) needs a value") }
      return next
    }
    func positive(_ name: String) throws -> Int {
      let text = try value(name)
      guard let number = Int(text), number > 0 else {
        throw BenchError("\(name) must be a positive whole number, not '\(text)'")
      }
      return number
    }
    while let argument = rest.popFirst() {
      switch argument {
      case "--scale":
        let text = try value(argument)
        guard let scale = Double(text), scale > 0, scale <= 1 else {
          throw BenchError("--scale must be a fraction in (0, 1], e.g. 0.05, not '\(text)'")
        }
        options.scale = scale
      case "--batch-size": options.batchSize = try positive(argument)
      case "--single-appends": options.singleAppends = try positive(argument)
      case "--query-samples": options.querySamples = try positive(argument)
      case "--query-seconds": options.querySeconds = Double(try positive(argument))
      case "--dir": options.directory = try value(argument)
      case "--keep": options.keep = true
      default: throw BenchError("unknown option '\(argument)'; see --help")
      }
    }
    return options
  }
}
