/// What one pass over bytes finds of UTF-8: where the first invalid sequence starts, and
/// how many valid multi-byte characters and invalid sequences there are. Importers use it
/// to refuse text that is not UTF-8, naming the byte, rather than repair it.
struct UTF8Scan {
  /// The offset of the first byte that does not belong to valid UTF-8; nil when all do.
  private(set) var firstInvalidOffset: Int?
  private(set) var multiByteCharacters = 0
  private(set) var invalidSequences = 0

  init(_ bytes: some Sequence<UInt8>) {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar):
        offset += scalar.count
        if scalar.count > 1 { multiByteCharacters += 1 }
      case .error(let length):
        if firstInvalidOffset == nil { firstInvalidOffset = offset }
        offset += length
        invalidSequences += 1
      case .emptyInput:
        return
      }
    }
  }
}
