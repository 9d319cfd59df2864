import Foundation

/// One JSON document, checked against the JSON grammar (RFC 8259) and laid out as a flat
/// list of entries that decoders walk without building a tree of Swift values.
///
/// Scalars keep a byte range into the document and are turned into Swift values only when a
/// decoder asks for them. A container's entry is followed by its contents (for objects:
/// key, value, key, value …) and records where its contents end, so a decoder can skip it.
final class JSONTape {
  enum Kind: UInt8 {
    case null, `true`, `false`, number, string, escapedString, array, object
  }

  struct Entry {
    var kind: Kind
    /// For scalars, the byte range of the token (strings without their quotes); for
    /// containers, `start` is the byte offset and `end` the index of the entry after them.
    var start: Int32
    var end: Int32
    /// For containers, how many elements (arrays) or members (objects) they hold.
    var count: Int32
  }

  /// The document's bytes, with one zero byte after them.
  let bytes: UnsafeMutableBufferPointer<UInt8>
  private(set) var entries: [Entry] = []

  /// Deeper nesting than this is refused rather than risking the stack.
  static let maximumDepth = 256

  init(_ source: UnsafeRawBufferPointer) throws {
    bytes = .allocate(capacity: source.count + 1)
    _ = bytes.initialize(from: source)
    bytes[source.count] = 0
    entries.reserveCapacity(source.count / 8)
    // Every stored property is set by now, so a throw from here on runs `deinit`, which
    // frees the copy.
    var parser = Parser(bytes: UnsafeBufferPointer(bytes), count: source.count)
    try parser.parseDocument(into: &entries)
  }

  deinit { bytes.deallocate() }

  /// The raw bytes of a scalar entry.
  func slice(_ entry: Entry) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[Int(entry.start)..<Int(entry.end)])
  }
}

/// An error in the JSON itself, before any value is decoded.
struct JSONSyntaxError: Error, CustomStringConvertible {
  var offset: Int
  var problem: String

  var description: String { "not valid JSON: \(problem) at byte \(offset + 1)" }

  var decodingError: DecodingError {
    .dataCorrupted(.init(codingPath: [], debugDescription: description, underlyingError: self))
  }
}

private struct Parser {
  let bytes: UnsafeBufferPointer<UInt8>
  let count: Int
  var position = 0

  init(bytes: UnsafeBufferPointer<UInt8>, count: Int) {
    self.bytes = bytes
    self.count = count
  }

  mutating func parseDocument(into entries: inout [JSONTape.Entry]) throws {
    skipWhitespace()
    try parseValue(into: &entries, depth: 0)
    skipWhitespace()
    if position < count { throw fail("unexpected text after the value") }
  }

  private func fail(_ problem: String) -> DecodingError {
    JSONSyntaxError(offset: position, problem: problem).decodingError
  }

  private mutating func skipWhitespace() {
    while position < count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  private mutating func parseValue(into entries: inout [JSONTape.Entry], depth: Int) throws {
    guard position < count else { throw fail("unexpected end of input") }
    switch bytes[position] {
    case UInt8(ascii: "{"): try parseObject(into: &entries, depth: depth + 1)
    case UInt8(ascii: "["): try parseArray(into: &entries, depth: depth + 1)
    case UInt8(ascii: "\""): entries.append(try parseString())
    case UInt8(ascii: "t"): entries.append(try parseLiteral("true", .true))
    case UInt8(ascii: "f"): entries.append(try parseLiteral("false", .false))
    case UInt8(ascii: "n"): entries.append(try parseLiteral("null", .null))
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      entries.append(try parseNumber())
    default: throw fail("unexpected character")
    }
  }

  private mutating func parseObject(into entries: inout [JSONTape.Entry], depth: Int) throws {
    guard depth <= JSONTape.maximumDepth else { throw fail("nested too deeply") }
    let index = entries.count
    entries.append(.init(kind: .object, start: Int32(position), end: 0, count: 0))
    position += 1
    skipWhitespace()
    var members: Int32 = 0
    if position < count, bytes[position] == UInt8(ascii: "}") {
      position += 1
    } else {
      while true {
        guard position < count, bytes[position] == UInt8(ascii: "\"") else {
          throw fail("expected a member name in quotes")
        }
        entries.append(try parseString())
        skipWhitespace()
        guard position < count, bytes[position] == UInt8(ascii: ":") else {
          throw fail("expected ':' after a member name")
        }
        position += 1
        skipWhitespace()
        try parseValue(into: &entries, depth: depth)
        members += 1
        skipWhitespace()
        guard position < count else { throw fail("unexpected end of input in an object") }
        if bytes[position] == UInt8(ascii: ",") {
          position += 1
          skipWhitespace()
        } else if bytes[position] == UInt8(ascii: "}") {
          position += 1
          break
        } else {
          throw fail("expected ',' or '}' in an object")
        }
      }
    }
    entries[index].end = Int32(entries.count)
    entries[index].count = members
  }

  private mutating func parseArray(into entries: inout [JSONTape.Entry], depth: Int) throws {
    guard depth <= JSONTape.maximumDepth else { throw fail("nested too deeply") }
    let index = entries.count
    entries.append(.init(kind: .array, start: Int32(position), end: 0, count: 0))
    position += 1
    skipWhitespace()
    var elements: Int32 = 0
    if position < count, bytes[position] == UInt8(ascii: "]") {
      position += 1
    } else {
      while true {
        try parseValue(into: &entries, depth: depth)
        elements += 1
        skipWhitespace()
        guard position < count else { throw fail("unexpected end of input in an array") }
        if bytes[position] == UInt8(ascii: ",") {
          position += 1
          skipWhitespace()
        } else if bytes[position] == UInt8(ascii: "]") {
          position += 1
          break
        } else {
          throw fail("expected ',' or ']' in an array")
        }
      }
    }
    entries[index].end = Int32(entries.count)
    entries[index].count = elements
  }

  /// A string token; its entry covers the bytes between the quotes.
  private mutating func parseString() throws -> JSONTape.Entry {
    position += 1
    let start = position
    var escaped = false
    while position < count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let entry = JSONTape.Entry(
          kind: escaped ? .escapedString : .string, start: Int32(start),
          end: Int32(position), count: 0)
        position += 1
        return entry
      }
      if byte < 0x20 { throw fail("control character in a string") }
      if byte == UInt8(ascii: "\\") {
        escaped = true
        position += 1
        guard position < count else { break }
        switch bytes[position] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
          UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          position += 1
        case UInt8(ascii: "u"):
          guard position + 4 < count,
            (1...4).allSatisfy({ hexValue(bytes[position + $0]) != nil })
          else { throw fail("bad \\u escape") }
          position += 5
        default: throw fail("bad escape")
        }
        continue
      }
      position += 1
    }
    throw fail("unterminated string")
  }

  private mutating func parseLiteral(_ word: StaticString, _ kind: JSONTape.Kind) throws
    -> JSONTape.Entry
  {
    let length = word.utf8CodeUnitCount
    guard position + length <= count,
      (0..<length).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] })
    else { throw fail("unexpected word") }
    let entry = JSONTape.Entry(
      kind: kind, start: Int32(position), end: Int32(position + length), count: 0)
    position += length
    return entry
  }

  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
  private mutating func parseNumber() throws -> JSONTape.Entry {
    let start = position
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard position < count, isDigit(bytes[position]) else { throw fail("bad number") }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
    } else {
      skipDigits()
    }
    if position < count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard position < count, isDigit(bytes[position]) else { throw fail("bad number") }
      skipDigits()
    }
    if position < count, bytes[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      if position < count,
        bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
      {
        position += 1
      }
      guard position < count, isDigit(bytes[position]) else { throw fail("bad number") }
      skipDigits()
    }
    return .init(kind: .number, start: Int32(start), end: Int32(position), count: 0)
  }

  private mutating func skipDigits() {
    while position < count, isDigit(bytes[position]) { position += 1 }
  }
}

private func isDigit(_ byte: UInt8) -> Bool {
  byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

func hexValue(_ byte: UInt8) -> UInt32? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
  case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
  case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
  default: nil
  }
}
