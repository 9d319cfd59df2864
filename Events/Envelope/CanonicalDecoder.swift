import Foundation

/// Decodes `Decodable` values from JSON bytes, as Foundation's `JSONDecoder` does with its
/// default strategies, without building Foundation's intermediate tree: the bytes are
/// checked and laid out once (``JSONTape``) and every value is read straight from them.
///
/// Errors are the standard `DecodingError`s with the coding path of the value at fault, so
/// an importer can name the field. Of members repeated under one name, the last one wins.
struct CanonicalDecoder {
  func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
    guard bytes.count < Int(Int32.max) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: [], debugDescription: "a JSON document of 2 GiB or more"))
    }
    let tape = try JSONTape(bytes)
    return try TapeDecoder(tape: tape, index: 0, parent: nil, key: nil).value(
      T.self, at: 0, nil)
  }
}

/// A decoder positioned on one entry of a tape. It is also its own single-value container,
/// and the link from which coding paths are built when an error needs one.
private final class TapeDecoder: Decoder, SingleValueDecodingContainer {
  let tape: JSONTape
  /// The entry decoded; -1 when the key asked for was missing (`superDecoder(forKey:)`).
  let index: Int
  let parent: TapeDecoder?
  let key: (any CodingKey)?
  /// The member table of this object, built on the first keyed container.
  var members: [Member]?

  init(tape: JSONTape, index: Int, parent: TapeDecoder?, key: (any CodingKey)?) {
    self.tape = tape
    self.index = index
    self.parent = parent
    self.key = key
  }

  var codingPath: [any CodingKey] {
    var path: [any CodingKey] = []
    var node: TapeDecoder? = self
    while let current = node {
      if let key = current.key { path.append(key) }
      node = current.parent
    }
    return path.reversed()
  }

  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    let entry = try nonNull(index, nil, KeyedDecodingContainer<Key>.self)
    guard entry.kind == .object else {
      throw mismatch(KeyedDecodingContainer<Key>.self, found: entry.kind)
    }
    if members == nil { members = buildMembers(entry) }
    return KeyedDecodingContainer(KeyedTapeContainer<Key>(decoder: self, members: members ?? []))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let entry = try nonNull(index, nil, (any UnkeyedDecodingContainer).self)
    guard entry.kind == .array else {
      throw mismatch((any UnkeyedDecodingContainer).self, found: entry.kind)
    }
    return UnkeyedTapeContainer(decoder: self, count: Int(entry.count), next: index + 1)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

  // MARK: Reading entries

  // Each reader takes the entry to read and, for a member or element of this decoder's
  // container, its key; nil reads this decoder's own entry. Scalars are read without
  // making a decoder for them, and a coding path is built only for an error.

  /// The path of the value at `key` (this decoder's own path when nil).
  func path(_ key: (any CodingKey)?) -> [any CodingKey] {
    key.map { codingPath + [$0] } ?? codingPath
  }

  /// This decoder's entry; a missing key is reported as missing.
  func present() throws -> JSONTape.Entry {
    guard index >= 0 else {
      let missing = key ?? SuperKey.super
      throw DecodingError.keyNotFound(
        missing,
        .init(
          codingPath: parent?.codingPath ?? [],
          debugDescription: "No value associated with key \"\(missing.stringValue)\"."))
    }
    return tape.entries[index]
  }

  /// The entry at `index`, which must not be null.
  func nonNull(
    _ index: Int, _ key: (any CodingKey)?, _ type: @autoclosure () -> Any.Type
  ) throws -> JSONTape.Entry {
    let entry = key == nil ? try present() : tape.entries[index]
    if entry.kind == .null {
      let type = type()
      throw DecodingError.valueNotFound(
        type,
        .init(
          codingPath: path(key),
          debugDescription: "Cannot get value of type \(type) -- found null value instead"))
    }
    return entry
  }

  func mismatch(
    _ type: Any.Type, found kind: JSONTape.Kind, _ key: (any CodingKey)? = nil
  ) -> DecodingError {
    .typeMismatch(
      type,
      .init(
        codingPath: path(key),
        debugDescription: "Expected to decode \(type) but found \(kind.noun) instead."))
  }

  func corrupted(_ message: String, _ key: (any CodingKey)? = nil) -> DecodingError {
    .dataCorrupted(.init(codingPath: path(key), debugDescription: message))
  }

  /// Decodes a `T` at `index`; scalars directly, anything else through a child decoder.
  func value<T: Decodable>(_ type: T.Type, at index: Int, _ key: (any CodingKey)?) throws -> T {
    // Metatype checks keep the common scalar types off the generic path.
    if T.self == String.self, let text = try string(at: index, key) as? T { return text }
    if T.self == Int.self, let number = try integer(Int.self, at: index, key) as? T {
      return number
    }
    if T.self == Double.self, let number = try double(at: index, key) as? T { return number }
    if T.self == Bool.self, let flag = try bool(at: index, key) as? T { return flag }
    if T.self == UInt64.self, let number = try integer(UInt64.self, at: index, key) as? T {
      return number
    }
    if T.self == Data.self {
      let text = try string(at: index, key)
      guard let data = Data(base64Encoded: text) as? T else {
        throw corrupted("Encountered Data is not valid Base64.", key)
      }
      return data
    }
    if T.self == URL.self {
      let text = try string(at: index, key)
      guard let url = URL(string: text) as? T else { throw corrupted("Invalid URL string.", key) }
      return url
    }
    return try T(from: key.map { child(index, key: $0) } ?? self)
  }

  func string(at index: Int, _ key: (any CodingKey)?) throws -> String {
    let entry = try nonNull(index, key, String.self)
    switch entry.kind {
    case .string:
      // Repairs invalid UTF-8 (as U+FFFD) rather than refusing it: the log holds only valid
      // text, and importers have read their input as text already.
      return String(decoding: tape.slice(entry), as: UTF8.self)
    case .escapedString:
      guard let text = unescape(tape.slice(entry)) else {
        throw corrupted("a string with an invalid \\u escape", key)
      }
      return text
    default:
      throw mismatch(String.self, found: entry.kind, key)
    }
  }

  func bool(at index: Int, _ key: (any CodingKey)?) throws -> Bool {
    let entry = try nonNull(index, key, Bool.self)
    switch entry.kind {
    case .true: return true
    case .false: return false
    default: throw mismatch(Bool.self, found: entry.kind, key)
    }
  }

  func integer<T: FixedWidthInteger>(_ type: T.Type, at index: Int, _ key: (any CodingKey)?)
    throws -> T
  {
    let entry = try nonNull(index, key, type)
    guard entry.kind == .number else { throw mismatch(type, found: entry.kind, key) }
    let digits = tape.slice(entry)
    if let exact = parseInteger(digits, as: type) { return exact }
    // A fraction or an exponent: accepted when it names an integer the type holds.
    if let number = Double(String(decoding: digits, as: UTF8.self)), let exact = T(exactly: number)
    {
      return exact
    }
    throw corrupted(
      "Parsed JSON number <\(String(decoding: digits, as: UTF8.self))> does not fit in \(type).",
      key)
  }

  func double(at index: Int, _ key: (any CodingKey)?) throws -> Double {
    let entry = try nonNull(index, key, Double.self)
    guard entry.kind == .number else { throw mismatch(Double.self, found: entry.kind, key) }
    let digits = tape.slice(entry)
    if digits.count <= 15, let whole = parseInteger(digits, as: Int64.self) {
      return Double(whole)
    }
    let text = String(decoding: digits, as: UTF8.self)
    guard let number = Double(text), number.isFinite else {
      throw corrupted("Parsed JSON number <\(text)> is not representable as a Double.", key)
    }
    return number
  }

  func float(at index: Int, _ key: (any CodingKey)?) throws -> Float {
    let number = try double(at: index, key)
    guard abs(number) <= Double(Float.greatestFiniteMagnitude) else {
      throw corrupted("Parsed JSON number <\(number)> does not fit in Float.", key)
    }
    return Float(number)
  }

  // MARK: SingleValueDecodingContainer

  func decodeNil() -> Bool { index >= 0 && tape.entries[index].kind == .null }
  func decode(_ type: Bool.Type) throws -> Bool { try bool(at: index, nil) }
  func decode(_ type: String.Type) throws -> String { try string(at: index, nil) }
  func decode(_ type: Double.Type) throws -> Double { try double(at: index, nil) }
  func decode(_ type: Float.Type) throws -> Float { try float(at: index, nil) }
  func decode(_ type: Int.Type) throws -> Int { try integer(type, at: index, nil) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(type, at: index, nil) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(type, at: index, nil) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(type, at: index, nil) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(type, at: index, nil) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(type, at: index, nil) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type, at: index, nil) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type, at: index, nil) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type, at: index, nil) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type, at: index, nil) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try value(type, at: index, nil) }

  // MARK: Objects

  struct Member {
    var keyStart: Int32
    var keyEnd: Int32
    /// The decoded name, kept only for names written with escapes.
    var escapedName: String?
    var value: Int
  }

  private func buildMembers(_ object: JSONTape.Entry) -> [Member] {
    var result: [Member] = []
    result.reserveCapacity(Int(object.count))
    var position = index + 1
    let entries = tape.entries
    for _ in 0..<object.count {
      let name = entries[position]
      let valueIndex = position + 1
      let valueEntry = entries[valueIndex]
      let escapedName = name.kind == .escapedString ? unescape(tape.slice(name)) : nil
      result.append(
        Member(keyStart: name.start, keyEnd: name.end, escapedName: escapedName, value: valueIndex))
      position = valueEntry.kind.isContainer ? Int(valueEntry.end) : valueIndex + 1
    }
    return result
  }

  /// The entry index of the member named `name` (the last, if repeated).
  func member(named name: String) -> Int? {
    guard let members else { return nil }
    var name = name
    return name.withUTF8 { wanted -> Int? in
      for member in members.reversed() {
        if let escaped = member.escapedName {
          if compareUTF8(escaped, String(decoding: wanted, as: UTF8.self)) == 0 {
            return member.value
          }
          continue
        }
        let length = Int(member.keyEnd - member.keyStart)
        guard length == wanted.count else { continue }
        if length == 0 { return member.value }
        if let base = wanted.baseAddress, let document = tape.bytes.baseAddress,
          memcmp(document + Int(member.keyStart), base, length) == 0
        {
          return member.value
        }
      }
      return nil
    }
  }

  func memberName(_ member: Member) -> String {
    member.escapedName
      ?? String(
        decoding: UnsafeBufferPointer(
          rebasing: tape.bytes[Int(member.keyStart)..<Int(member.keyEnd)]), as: UTF8.self)
  }

  func child(_ index: Int, key: any CodingKey) -> TapeDecoder {
    TapeDecoder(tape: tape, index: index, parent: self, key: key)
  }
}

private struct KeyedTapeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let decoder: TapeDecoder
  let members: [TapeDecoder.Member]

  var codingPath: [any CodingKey] { decoder.codingPath }
  var allKeys: [Key] { members.compactMap { Key(stringValue: decoder.memberName($0)) } }

  func contains(_ key: Key) -> Bool { decoder.member(named: key.stringValue) != nil }

  /// The entry of the member `key`, which must be present.
  private func required(_ key: Key) throws -> Int {
    guard let index = decoder.member(named: key.stringValue) else {
      throw DecodingError.keyNotFound(
        key,
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "No value associated with key \"\(key.stringValue)\"."))
    }
    return index
  }

  /// The entry of the member `key`, or nil when it is absent or null.
  private func optional(_ key: Key) -> Int? {
    guard let index = decoder.member(named: key.stringValue),
      decoder.tape.entries[index].kind != .null
    else { return nil }
    return index
  }

  func decodeNil(forKey key: Key) throws -> Bool {
    decoder.tape.entries[try required(key)].kind == .null
  }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
    try decoder.bool(at: try required(key), key)
  }
  func decode(_ type: String.Type, forKey key: Key) throws -> String {
    try decoder.string(at: try required(key), key)
  }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
    try decoder.double(at: try required(key), key)
  }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
    try decoder.float(at: try required(key), key)
  }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try decoder.value(type, at: try required(key), key)
  }

  private func integer<T: FixedWidthInteger>(_ type: T.Type, _ key: Key) throws -> T {
    try decoder.integer(type, at: try required(key), key)
  }

  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
    try optional(key).map { try decoder.string(at: $0, key) }
  }
  func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
    try optional(key).map { try decoder.integer(type, at: $0, key) }
  }
  func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
    try optional(key).map { try decoder.double(at: $0, key) }
  }
  func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
    try optional(key).map { try decoder.bool(at: $0, key) }
  }
  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    try optional(key).map { try decoder.value(type, at: $0, key) }
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
    throws -> KeyedDecodingContainer<NestedKey>
  {
    try decoder.child(try required(key), key: key).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try decoder.child(try required(key), key: key).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    decoder.child(decoder.member(named: SuperKey.super.stringValue) ?? -1, key: SuperKey.super)
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    decoder.child(decoder.member(named: key.stringValue) ?? -1, key: key)
  }
}

private struct UnkeyedTapeContainer: UnkeyedDecodingContainer {
  let decoder: TapeDecoder
  let count: Int?
  var currentIndex = 0
  /// The entry of the next element.
  var next: Int

  init(decoder: TapeDecoder, count: Int, next: Int) {
    self.decoder = decoder
    self.count = count
    self.next = next
  }

  var codingPath: [any CodingKey] { decoder.codingPath }
  var isAtEnd: Bool { currentIndex >= (count ?? 0) }

  /// The next element's entry and key; moves past it.
  private mutating func advance(_ type: @autoclosure () -> Any.Type) throws -> (Int, IndexKey) {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        type(),
        .init(
          codingPath: decoder.codingPath + [IndexKey(intValue: currentIndex)],
          debugDescription: "Unkeyed container is at end."))
    }
    let element = (next, IndexKey(intValue: currentIndex))
    let entry = decoder.tape.entries[next]
    next = entry.kind.isContainer ? Int(entry.end) : next + 1
    currentIndex += 1
    return element
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd else { return false }
    if decoder.tape.entries[next].kind == .null {
      _ = try advance(Never?.self)
      return true
    }
    return false
  }

  mutating func decode(_ type: Bool.Type) throws -> Bool {
    let (index, key) = try advance(type)
    return try decoder.bool(at: index, key)
  }
  mutating func decode(_ type: String.Type) throws -> String {
    let (index, key) = try advance(type)
    return try decoder.string(at: index, key)
  }
  mutating func decode(_ type: Double.Type) throws -> Double {
    let (index, key) = try advance(type)
    return try decoder.double(at: index, key)
  }
  mutating func decode(_ type: Float.Type) throws -> Float {
    let (index, key) = try advance(type)
    return try decoder.float(at: index, key)
  }
  mutating func decode(_ type: Int.Type) throws -> Int { try integer(type) }
  mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
  mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
  mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
  mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
  mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
  mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
  mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
  mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
  mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let (index, key) = try advance(type)
    return try decoder.value(type, at: index, key)
  }

  private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
    let (index, key) = try advance(type)
    return try decoder.integer(type, at: index, key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    let (index, key) = try advance(type)
    return try decoder.child(index, key: key).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let (index, key) = try advance((any UnkeyedDecodingContainer).self)
    return try decoder.child(index, key: key).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder {
    let (index, key) = try advance((any Decoder).self)
    return decoder.child(index, key: key)
  }
}

extension JSONTape.Kind {
  var isContainer: Bool { self == .array || self == .object }

  /// How a type-mismatch message names what it found.
  var noun: String {
    switch self {
    case .null: "null"
    case .true, .false: "bool"
    case .number: "number"
    case .string, .escapedString: "a string"
    case .array: "an array"
    case .object: "a dictionary"
    }
  }
}

/// Reads a decimal integer with no fraction or exponent into `T`; nil when the text has
/// either, or the value does not fit. The digits are read into a `UInt64` first: generic
/// arithmetic over `FixedWidthInteger` costs more than the whole rest of an event's decoding.
private func parseInteger<T: FixedWidthInteger>(_ digits: UnsafeBufferPointer<UInt8>, as: T.Type)
  -> T?
{
  guard let (magnitude, negative) = parseMagnitude(digits) else { return nil }
  if !negative { return T(exactly: magnitude) }
  if magnitude == 0 { return 0 }
  guard T.isSigned, magnitude <= UInt64(Int64.max) + 1 else { return nil }
  let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
  return T(exactly: value)
}

private func parseMagnitude(_ digits: UnsafeBufferPointer<UInt8>) -> (UInt64, Bool)? {
  var position = 0
  let negative = digits.first == UInt8(ascii: "-")
  if negative { position = 1 }
  guard position < digits.count else { return nil }
  var value: UInt64 = 0
  while position < digits.count {
    let digit = digits[position] &- UInt8(ascii: "0")
    guard digit < 10 else { return nil }
    let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
    let (next, overflowAgain) = shifted.addingReportingOverflow(UInt64(digit))
    guard !overflow, !overflowAgain else { return nil }
    value = next
    position += 1
  }
  return (value, negative)
}

/// The text of a string written with escapes, or nil if an escape is invalid (a lone
/// surrogate).
private func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
  var output: [UInt8] = []
  output.reserveCapacity(raw.count)
  var position = 0
  func hex4(_ at: Int) -> UInt32? {
    guard at + 4 <= raw.count else { return nil }
    var value: UInt32 = 0
    for offset in 0..<4 {
      guard let digit = hexValue(raw[at + offset]) else { return nil }
      value = value << 4 | digit
    }
    return value
  }
  while position < raw.count {
    let byte = raw[position]
    guard byte == UInt8(ascii: "\\"), position + 1 < raw.count else {
      output.append(byte)
      position += 1
      continue
    }
    let escape = raw[position + 1]
    position += 2
    switch escape {
    case UInt8(ascii: "b"): output.append(0x08)
    case UInt8(ascii: "f"): output.append(0x0C)
    case UInt8(ascii: "n"): output.append(0x0A)
    case UInt8(ascii: "r"): output.append(0x0D)
    case UInt8(ascii: "t"): output.append(0x09)
    case UInt8(ascii: "u"):
      guard var scalar = hex4(position) else { return nil }
      position += 4
      if (0xD800..<0xDC00).contains(scalar) {
        guard position + 6 <= raw.count, raw[position] == UInt8(ascii: "\\"),
          raw[position + 1] == UInt8(ascii: "u"), let low = hex4(position + 2),
          (0xDC00..<0xE000).contains(low)
        else { return nil }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        position += 6
      }
      guard let unicode = Unicode.Scalar(scalar) else { return nil }
      output.append(contentsOf: UTF8.encode(unicode).map { Array($0) } ?? [])
    default: output.append(escape)
    }
  }
  return String(decoding: output, as: UTF8.self)
}
