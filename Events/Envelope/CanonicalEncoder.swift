import Foundation

/// Encodes `Encodable` values straight into canonical JSON bytes (docs/FORMAT.md,
/// "Canonical form").
///
/// It writes exactly what Foundation's `JSONEncoder` writes with `.sortedKeys` and
/// `.withoutEscapingSlashes` (the tests compare the two over every event of the sample
/// network), about ten times faster: values are collected into a small tree of members and
/// written once, without Foundation's boxing into `NSObject`s. `Data` and `URL` are written as
/// `JSONEncoder` writes them by default (`Date` needs nothing special for that); `Decimal` is
/// not special-cased.
struct CanonicalEncoder {
  /// Encodes `value` as one canonical JSON document.
  func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    let root = try EncodedValue.make(value, parent: nil, key: nil)
    var output: [UInt8] = []
    output.reserveCapacity(512)
    try root.write(to: &output)
    return output
  }
}

/// A value collected while encoding, before it is written out.
enum EncodedValue {
  case null
  case bool(Bool)
  case int(Int64)
  case uint(UInt64)
  case double(Double)
  case float(Float)
  case string(String)
  case array(ArrayMembers)
  case object(ObjectMembers)
  /// The value of an encoder handed out by `superEncoder`, filled in after the call.
  case deferred(TreeEncoder)

  /// The encoded form of `value`, found under `key` of the container that `parent` encodes;
  /// takes the types `JSONEncoder` writes specially.
  static func make<T: Encodable>(_ value: T, parent: TreeEncoder?, key: (any CodingKey)?)
    throws -> EncodedValue
  {
    // Comparing metatypes first keeps the dynamic casts off the common path.
    if T.self == String.self, let text = value as? String { return .string(text) }
    if T.self == Data.self, let data = value as? Data { return .string(data.base64EncodedString()) }
    if T.self == URL.self, let url = value as? URL { return .string(url.absoluteString) }
    let encoder = TreeEncoder(parent: parent, key: key)
    try value.encode(to: encoder)
    // A value that encodes nothing is an empty object, as in JSONEncoder.
    return encoder.value ?? .object(ObjectMembers())
  }
}

/// The elements of an array being encoded; a class so that nested containers share it.
final class ArrayMembers {
  var items: [EncodedValue] = []
}

/// The members of an object being encoded, in the order they were encoded.
final class ObjectMembers {
  var members: [(key: String, value: EncodedValue)] = []
}

// MARK: - Writing

extension EncodedValue {
  func write(to output: inout [UInt8]) throws {
    switch self {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let flag): output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
    case .int(let number): writeInteger(number, to: &output)
    case .uint(let number): writeUnsigned(number, to: &output)
    case .double(let number):
      guard number.isFinite else { throw nonConforming(number) }
      writeFloatingPoint(number.description, to: &output)
    case .float(let number):
      guard number.isFinite else { throw nonConforming(number) }
      writeFloatingPoint(number.description, to: &output)
    case .string(let text): writeString(text, to: &output)
    case .array(let array):
      output.append(UInt8(ascii: "["))
      for (index, item) in array.items.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        try item.write(to: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      try writeObject(object.members, to: &output)
    case .deferred(let encoder):
      try (encoder.value ?? .object(ObjectMembers())).write(to: &output)
    }
  }

  // Non-finite numbers are refused when written, not when encoded, so the error cannot name
  // the member; validation refuses them long before an event is encoded.
  private func nonConforming(_ number: Any) -> EncodingError {
    EncodingError.invalidValue(
      number,
      .init(codingPath: [], debugDescription: "Unable to encode \(number) directly in JSON."))
  }
}

/// Writes an object's members with keys sorted by their UTF-8 bytes; of members encoded
/// under the same key, the last one wins, as in `JSONEncoder`.
private func writeObject(
  _ members: [(key: String, value: EncodedValue)], to output: inout [UInt8]
) throws {
  let order = sortedOrder(members)
  output.append(UInt8(ascii: "{"))
  var first = true
  for (position, index) in order.enumerated() {
    let next = position + 1
    if next < order.count, compareUTF8(members[order[next]].key, members[index].key) == 0 {
      continue
    }
    if !first { output.append(UInt8(ascii: ",")) }
    first = false
    writeString(members[index].key, to: &output)
    output.append(UInt8(ascii: ":"))
    try members[index].value.write(to: &output)
  }
  output.append(UInt8(ascii: "}"))
}

/// The members' positions in key order, equal keys in the order they were encoded. Objects
/// of a struct's few members are sorted by insertion; dictionaries by the standard sort.
private func sortedOrder(_ members: [(key: String, value: EncodedValue)]) -> [Int] {
  func precedes(_ left: Int, _ right: Int) -> Bool {
    let order = compareUTF8(members[left].key, members[right].key)
    return order == 0 ? left < right : order < 0
  }
  guard members.count <= 16 else { return members.indices.sorted(by: precedes) }
  var order = Array(members.indices)
  for end in order.indices.dropFirst() {
    var position = end
    let moving = order[end]
    while position > 0, precedes(moving, order[position - 1]) {
      order[position] = order[position - 1]
      position -= 1
    }
    order[position] = moving
  }
  return order
}

/// Writes a number from its shortest round-trip form, without a `.0` for integral values.
private func writeFloatingPoint(_ text: String, to output: inout [UInt8]) {
  let utf8 = text.utf8
  if utf8.count > 2, text.hasSuffix(".0") {
    output.append(contentsOf: utf8.dropLast(2))
  } else {
    output.append(contentsOf: utf8)
  }
}

private func writeInteger(_ number: Int64, to output: inout [UInt8]) {
  if number < 0 {
    output.append(UInt8(ascii: "-"))
    writeUnsigned(number.magnitude, to: &output)
  } else {
    writeUnsigned(UInt64(number), to: &output)
  }
}

/// Orders two strings by their UTF-8 bytes: negative, zero or positive.
func compareUTF8(_ left: String, _ right: String) -> Int {
  var left = left
  var right = right
  return left.withUTF8 { l in
    right.withUTF8 { r in
      let common = min(l.count, r.count)
      if common > 0, let a = l.baseAddress, let b = r.baseAddress {
        let order = memcmp(a, b, common)
        if order != 0 { return Int(order) }
      }
      return l.count - r.count
    }
  }
}

private func writeUnsigned(_ number: UInt64, to output: inout [UInt8]) {
  var digits = 0
  var rest = number
  repeat {
    digits += 1
    rest /= 10
  } while rest > 0
  let start = output.count
  output.append(contentsOf: repeatElement(0, count: digits))
  rest = number
  for position in stride(from: start + digits - 1, through: start, by: -1) {
    output[position] = UInt8(ascii: "0") + UInt8(rest % 10)
    rest /= 10
  }
}

private let hexDigits = Array("0123456789abcdef".utf8)

/// Writes a JSON string: `"` and `\` escaped, control characters as `\b \f \n \r \t` or
/// `\u00XX` (lowercase hex), everything else, `/` and non-ASCII included, as it is.
private func writeString(_ text: String, to output: inout [UInt8]) {
  output.append(UInt8(ascii: "\""))
  var text = text
  text.withUTF8 { utf8 in
    var plain = true
    for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
      plain = false
      break
    }
    if plain {
      output.append(contentsOf: utf8)
      return
    }
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
      case 0x08: output.append(contentsOf: #"\b"#.utf8)
      case 0x0C: output.append(contentsOf: #"\f"#.utf8)
      case 0x0A: output.append(contentsOf: #"\n"#.utf8)
      case 0x0D: output.append(contentsOf: #"\r"#.utf8)
      case 0x09: output.append(contentsOf: #"\t"#.utf8)
      case ..<0x20:
        output.append(contentsOf: #"\u00"#.utf8)
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
      default: output.append(byte)
      }
    }
  }
  output.append(UInt8(ascii: "\""))
}

// MARK: - The Encoder

/// The `Encoder` handed to `encode(to:)`: it holds the one value encoded into it, and the
/// link to its parent from which a coding path is built when one is asked for.
final class TreeEncoder: Encoder {
  // Unowned: a parent holds its super-encoders' values, and they would otherwise hold it.
  // A parent outlives every use of its children's coding paths, which ends with `encode`.
  unowned let parent: TreeEncoder?
  let key: (any CodingKey)?
  var value: EncodedValue?

  init(parent: TreeEncoder?, key: (any CodingKey)?) {
    self.parent = parent
    self.key = key
  }

  var codingPath: [any CodingKey] {
    var path: [any CodingKey] = []
    var node: TreeEncoder? = self
    while let current = node {
      if let key = current.key { path.append(key) }
      node = current.parent
    }
    return path.reversed()
  }

  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    // A second request for a keyed container (RecordedEvent adding to its envelope) adds
    // to the same object.
    if case .object(let object) = value {
      return KeyedEncodingContainer(KeyedContainer(object: object, encoder: self))
    }
    let object = ObjectMembers()
    value = .object(object)
    return KeyedEncodingContainer(KeyedContainer(object: object, encoder: self))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .array(let array) = value {
      return UnkeyedContainer(array: array, encoder: self)
    }
    let array = ArrayMembers()
    value = .array(array)
    return UnkeyedContainer(array: array, encoder: self)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    SingleContainer(encoder: self)
  }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let object: ObjectMembers
  /// The encoder whose object this is: the parent of everything encoded into it.
  let encoder: TreeEncoder

  var codingPath: [any CodingKey] { encoder.codingPath }

  private func add(_ value: EncodedValue, _ key: Key) {
    object.members.append((key.stringValue, value))
  }

  mutating func encodeNil(forKey key: Key) throws { add(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { add(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { add(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { add(.double(value), key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { add(.float(value), key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { add(.int(Int64(value)), key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { add(.int(Int64(value)), key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { add(.int(Int64(value)), key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { add(.int(Int64(value)), key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { add(.int(value), key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { add(.uint(UInt64(value)), key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { add(.uint(UInt64(value)), key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws {
    add(.uint(UInt64(value)), key)
  }
  mutating func encode(_ value: UInt32, forKey key: Key) throws {
    add(.uint(UInt64(value)), key)
  }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { add(.uint(value), key) }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    add(try EncodedValue.make(value, parent: encoder, key: key), key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let nested = TreeEncoder(parent: encoder, key: key)
    add(.deferred(nested), key)
    return nested.container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let nested = TreeEncoder(parent: encoder, key: key)
    add(.deferred(nested), key)
    return nested.unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let nested = TreeEncoder(parent: encoder, key: SuperKey.super)
    object.members.append((SuperKey.super.stringValue, .deferred(nested)))
    return nested
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    let nested = TreeEncoder(parent: encoder, key: key)
    add(.deferred(nested), key)
    return nested
  }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
  let array: ArrayMembers
  let encoder: TreeEncoder

  var codingPath: [any CodingKey] { encoder.codingPath }
  var count: Int { array.items.count }

  /// An encoder for the element about to be added.
  private var nextElement: TreeEncoder {
    TreeEncoder(parent: encoder, key: IndexKey(intValue: count))
  }

  mutating func encodeNil() throws { array.items.append(.null) }
  mutating func encode(_ value: Bool) throws { array.items.append(.bool(value)) }
  mutating func encode(_ value: String) throws { array.items.append(.string(value)) }
  mutating func encode(_ value: Double) throws { array.items.append(.double(value)) }
  mutating func encode(_ value: Float) throws { array.items.append(.float(value)) }
  mutating func encode(_ value: Int) throws { array.items.append(.int(Int64(value))) }
  mutating func encode(_ value: Int8) throws { array.items.append(.int(Int64(value))) }
  mutating func encode(_ value: Int16) throws { array.items.append(.int(Int64(value))) }
  mutating func encode(_ value: Int32) throws { array.items.append(.int(Int64(value))) }
  mutating func encode(_ value: Int64) throws { array.items.append(.int(value)) }
  mutating func encode(_ value: UInt) throws { array.items.append(.uint(UInt64(value))) }
  mutating func encode(_ value: UInt8) throws { array.items.append(.uint(UInt64(value))) }
  mutating func encode(_ value: UInt16) throws { array.items.append(.uint(UInt64(value))) }
  mutating func encode(_ value: UInt32) throws { array.items.append(.uint(UInt64(value))) }
  mutating func encode(_ value: UInt64) throws { array.items.append(.uint(value)) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let item = try EncodedValue.make(value, parent: encoder, key: IndexKey(intValue: count))
    array.items.append(item)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = nextElement
    array.items.append(.deferred(nested))
    return nested.container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = nextElement
    array.items.append(.deferred(nested))
    return nested.unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    let nested = nextElement
    array.items.append(.deferred(nested))
    return nested
  }
}

private struct SingleContainer: SingleValueEncodingContainer {
  let encoder: TreeEncoder

  var codingPath: [any CodingKey] { encoder.codingPath }

  mutating func encodeNil() throws { encoder.value = .null }
  mutating func encode(_ value: Bool) throws { encoder.value = .bool(value) }
  mutating func encode(_ value: String) throws { encoder.value = .string(value) }
  mutating func encode(_ value: Double) throws { encoder.value = .double(value) }
  mutating func encode(_ value: Float) throws { encoder.value = .float(value) }
  mutating func encode(_ value: Int) throws { encoder.value = .int(Int64(value)) }
  mutating func encode(_ value: Int8) throws { encoder.value = .int(Int64(value)) }
  mutating func encode(_ value: Int16) throws { encoder.value = .int(Int64(value)) }
  mutating func encode(_ value: Int32) throws { encoder.value = .int(Int64(value)) }
  mutating func encode(_ value: Int64) throws { encoder.value = .int(value) }
  mutating func encode(_ value: UInt) throws { encoder.value = .uint(UInt64(value)) }
  mutating func encode(_ value: UInt8) throws { encoder.value = .uint(UInt64(value)) }
  mutating func encode(_ value: UInt16) throws { encoder.value = .uint(UInt64(value)) }
  mutating func encode(_ value: UInt32) throws { encoder.value = .uint(UInt64(value)) }
  mutating func encode(_ value: UInt64) throws { encoder.value = .uint(value) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    // The value takes this encoder's place, so its parent and key are this encoder's.
    encoder.value = try EncodedValue.make(value, parent: encoder.parent, key: encoder.key)
  }
}

/// The key `super` that `superEncoder()` and `superDecoder()` use, as in Foundation.
enum SuperKey: String, CodingKey {
  case `super`
}

/// A coding key for an array position.
struct IndexKey: CodingKey {
  var stringValue: String { "Index \(intValue ?? 0)" }
  var intValue: Int?

  init(intValue: Int) { self.intValue = intValue }
  init?(stringValue: String) { nil }
}
