/// A benchmark that cannot go on: a store refused, or the ledger did not store what the
/// benchmark asked it to.
struct BenchError: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) {
    self.description = description
  }
}
