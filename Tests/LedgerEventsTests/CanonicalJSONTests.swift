import Foundation
import Testing

@testable import LedgerEvents

/// Foundation's encoder configured as docs/FORMAT.md's canonical form: the reference the
/// project's own encoder must match byte for byte.
private func reference<T: Encodable>(_ value: T) throws -> [UInt8] {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  return Array(try encoder.encode(value))
}

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

private struct Mixed: Codable, Equatable {
  var name: String
  var count: Int
  var ratio: Double
  var flag: Bool
  var missing: String?
  var present: Int?
  var list: [Int]
  var nested: [String: [Double]]
  var unsigned: UInt64
  var small: Int8
}

/// Encodes through `superEncoder(forKey:)` and a nested container, as the envelope does.
private struct Wrapped: Codable, Equatable {
  var inner: Mixed
  var tags: [String]

  enum Keys: String, CodingKey { case inner, tags, extra }

  init(inner: Mixed, tags: [String]) {
    self.inner = inner
    self.tags = tags
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)
    inner = try Mixed(from: try container.superDecoder(forKey: .inner))
    var list = try container.nestedUnkeyedContainer(forKey: .extra)
    var tags: [String] = []
    while !list.isAtEnd { tags.append(try list.decode(String.self)) }
    self.tags = tags
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try inner.encode(to: container.superEncoder(forKey: .inner))
    var list = container.nestedUnkeyedContainer(forKey: .extra)
    for tag in tags { try list.encode(tag) }
  }
}

private let sample = Mixed(
  name: "โรงเรียน \"ทดสอบ\"/a\\b\n\t\u{1}\u{1f}\u{7f}", count: -42, ratio: 0.95, flag: true,
  missing: nil, present: 7, list: [3, 1, 2], nested: ["b": [1, 0.5], "a": [], "B": [1e21]],
  unsigned: .max, small: -128)

@Suite("Canonical JSON")
struct CanonicalJSONTests {
  @Test("writes exactly JSONEncoder's sorted, unescaped-slash bytes")
  func matchesFoundation() throws {
    #expect(text(try CanonicalJSON.encode(sample)) == text(try reference(sample)))
    let wrapped = Wrapped(inner: sample, tags: ["x", "ก"])
    #expect(try CanonicalJSON.encode(wrapped) == (try reference(wrapped)))
  }

  @Test(
    "numbers take the shortest form that reads back, integral ones without a fraction",
    arguments: [
      (0.5, "0.5"), (1.0, "1"), (0.1, "0.1"), (1e21, "1e+21"), (1e-7, "1e-07"), (-0.0, "-0"),
      (1e16, "1e+16"), (1e15, "1000000000000000"), (0.30000000000000004, "0.30000000000000004"),
      (5e-324, "5e-324"), (100.0, "100"),
    ])
  func numbers(value: Double, written: String) throws {
    #expect(text(try CanonicalJSON.encode([value])) == "[\(written)]")
    #expect(try CanonicalJSON.encode([value]) == (try reference([value])))
    #expect(try CanonicalJSON.decode([Double].self, from: Array("[\(written)]".utf8)) == [value])
  }

  @Test("keys sort by UTF-8 bytes: capitals before lower case, no numeric ordering")
  func keyOrder() throws {
    let keys = ["a10", "a2", "B", "_c", "é", "a", "Z", "aa", "a1"]
    let object = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
    #expect(
      text(try CanonicalJSON.encode(object))
        == #"{"B":2,"Z":6,"_c":3,"a":5,"a1":8,"a10":0,"a2":1,"aa":7,"é":4}"#)
    let many = Dictionary(uniqueKeysWithValues: (0..<40).map { ("k\($0)", $0) })
    #expect(try CanonicalJSON.encode(many) == (try reference(many)))
  }

  @Test("reads back every value it writes")
  func roundTrip() throws {
    #expect(try CanonicalJSON.decode(Mixed.self, from: try CanonicalJSON.encode(sample)) == sample)
    let wrapped = Wrapped(inner: sample, tags: ["x", "ก"])
    #expect(
      try CanonicalJSON.decode(Wrapped.self, from: try CanonicalJSON.encode(wrapped)) == wrapped)
  }

  @Test("reads JSON in any layout, escapes and surrogate pairs included")
  func readsForeignJSON() throws {
    let json = """
      { "tags" : [ "a\\u0e01\\/", "\\ud83d\\ude00" ] ,
        "n": 2.50e1, "i": -0, "t": true, "z": null }
      """
    struct Foreign: Decodable {
      var tags: [String]
      var n: Double
      var i: Int
      var t: Bool
      var z: String?
    }
    let foreign = try CanonicalJSON.decode(Foreign.self, from: Array(json.utf8))
    #expect(foreign.tags == ["aก/", "😀"])
    #expect(foreign.n == 25)
    #expect(foreign.i == 0)
    #expect(foreign.t)
    #expect(foreign.z == nil)
  }

  @Test(
    "refuses what is not JSON, with an empty coding path",
    arguments: [
      "", "{", #"{"a":1,}"#, #"{"a":01}"#, "[1] x", #"{"a":"\x"}"#, "nul", "[.5]", "[1.]",
      #"["\ud800"]"#, "\"tab\there\"", String(repeating: "[", count: 300),
    ])
  func refusesBadJSON(_ input: String) {
    do {
      _ = try CanonicalJSON.decode([String].self, from: Array(input.utf8))
      Issue.record("accepted \(input)")
    } catch DecodingError.dataCorrupted(let context) {
      #expect(context.codingPath.isEmpty || input.contains("ud800"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("names the field that is missing, null or of the wrong type")
  func fieldErrors() throws {
    func path(_ json: String) -> String {
      do {
        _ = try CanonicalJSON.decode(Wrapped.self, from: Array(json.utf8))
        return "accepted"
      } catch DecodingError.keyNotFound(let key, let context) {
        return "missing " + (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
      } catch DecodingError.typeMismatch(_, let context) {
        return "type " + context.codingPath.map(\.stringValue).joined(separator: ".")
      } catch DecodingError.valueNotFound(_, let context) {
        return "null " + context.codingPath.map(\.stringValue).joined(separator: ".")
      } catch {
        return "\(error)"
      }
    }
    var good = text(try CanonicalJSON.encode(Wrapped(inner: sample, tags: [])))
    #expect(path(good) == "accepted")
    #expect(
      path(good.replacingOccurrences(of: #""count":-42,"#, with: "")) == "missing inner.count")
    #expect(
      path(good.replacingOccurrences(of: #""count":-42"#, with: #""count":"x""#))
        == "type inner.count")
    #expect(
      path(good.replacingOccurrences(of: #""flag":true"#, with: #""flag":null"#))
        == "null inner.flag")
    good = good.replacingOccurrences(of: #""list":[3,1,2]"#, with: #""list":[3,"1",2]"#)
    #expect(path(good) == "type inner.list.Index 1")
    #expect(path(#"{"extra":[]}"#) == "missing inner")
  }

  @Test("of a member repeated, the last one counts; integers must fit their type")
  func repeatsAndRanges() throws {
    #expect(
      try CanonicalJSON.decode([String: Int].self, from: Array(#"{"a":1,"a":2}"#.utf8))["a"] == 2)
    #expect(
      try CanonicalJSON.decode([Int8].self, from: Array("[-128,127,1.0]".utf8)) == [-128, 127, 1])
    #expect(throws: DecodingError.self) {
      try CanonicalJSON.decode([Int8].self, from: Array("[128]".utf8))
    }
    #expect(throws: DecodingError.self) {
      try CanonicalJSON.decode([UInt64].self, from: Array("[-1]".utf8))
    }
    #expect(throws: DecodingError.self) {
      try CanonicalJSON.decode([Int].self, from: Array("[1.5]".utf8))
    }
    #expect(
      try CanonicalJSON.decode([UInt64].self, from: Array("[18446744073709551615]".utf8)) == [.max])
    #expect(
      try CanonicalJSON.decode([Int64].self, from: Array("[-9223372036854775808]".utf8)) == [.min])
  }

  @Test("a timestamp is written in its fixed stored form and read back exactly")
  func timestamps() throws {
    for micros: Int64 in [0, 1_733_000_000_123_456, -1, 253_402_300_799_999_999] {
      let stamp = Timestamp(microseconds: micros)
      let written = try CanonicalJSON.encode([stamp])
      #expect(try CanonicalJSON.decode([Timestamp].self, from: written) == [stamp])
    }
    #expect(
      Timestamp(microseconds: 1_733_000_000_123_456).description == "2024-11-30T20:53:20.123456Z")
    #expect(Timestamp(microseconds: -1).description == "1969-12-31T23:59:59.999999Z")
    #expect(Timestamp(parsing: "2024-02-30T00:00:00.000000Z") == nil)
    #expect(Timestamp(parsing: "2024-11-30T24:00:00.000000Z") == nil)
  }
}
