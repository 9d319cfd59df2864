import Foundation
import LedgerEvents
import Testing

/// The sample CSV files in docs/samples/csv, and a ledger to import them into.
struct CSVLedger {
  static let samples = CLI.packageRoot.appendingPathComponent("docs/samples/csv")
  static let school = "1099990001"

  let directory: TemporaryDirectory
  let path: String

  init() throws {
    directory = try TemporaryDirectory()
    path = directory.file("ledger")
    let created = try CLI.run(["init"], ledger: path)
    #expect(created.status == 0, "\(created.stderr)")
  }

  static func sample(_ name: String) -> String {
    samples.appendingPathComponent(name).path
  }

  /// `school-ledger import --format csv --kind KIND SAMPLE --school 1099990001 EXTRA...`.
  func importSample(_ kind: String, _ name: String, _ extra: [String] = []) throws -> CLI.Result {
    try CLI.run(
      ["import", "--format", "csv", "--kind", kind, Self.sample(name), "--school", Self.school]
        + extra, ledger: path)
  }

  /// The student key this ledger's secret gives a national id or G-code, computed here
  /// from the secret file and the rule in docs/FORMAT.md.
  func key(_ id: String) throws -> String {
    let secret = try Data(contentsOf: URL(fileURLWithPath: path + "/pseudonym.key"))
    let system = id.hasPrefix("G") ? "th-g-code" : "th-national-id"
    return PseudonymousKey(secret: Array(secret)).studentKey(system: system, id: id)
  }

  /// Every event in the log from `sequence` on, as exported.
  func events(from sequence: Int = 1) throws -> [ExportedEvent] {
    let export = try CLI.run(["export", "--from-seq", String(sequence)], ledger: path)
    #expect(export.status == 0, "\(export.stderr)")
    return try export.stdout.split(separator: "\n").map { line in
      let outer = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let body = try #require(outer["body"] as? String)
      return try ExportedEvent(
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]))
    }
  }
}

/// The parts of a stored event the tests compare, with the payload as sorted JSON text.
struct ExportedEvent: Equatable, CustomStringConvertible {
  var id: String
  var type: String
  var stream: String
  var occurredOn: String
  var naturalKey: String
  var correlation: String
  var payload: String

  init(_ body: [String: Any]) throws {
    id = body["id"] as? String ?? ""
    type = body["type"] as? String ?? ""
    stream = body["stream"] as? String ?? ""
    occurredOn = body["occurredOn"] as? String ?? ""
    naturalKey = (body["source"] as? [String: Any])?["naturalKey"] as? String ?? ""
    correlation = body["correlation"] as? String ?? ""
    payload = try Self.sorted(body["payload"] ?? [:])
  }

  static func sorted(_ object: Any) throws -> String {
    String(
      decoding: try JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
      as: UTF8.self)
  }

  /// The id's digest part: 16 letters a–p after `#`.
  var idDigest: Substring { id.split(separator: "#").last ?? "" }

  var description: String { "\(type) \(naturalKey) \(payload)" }
}

/// An event as a test expects it, written out by hand.
struct ExpectedEvent {
  var type: String
  var naturalKey: String
  var occurredOn: String
  /// The payload as JSON text, in any key order.
  var payload: String

  /// Whether `event` is this one: same type, key, day and payload, an id made of the
  /// natural key and a 16-letter digest (a–p), on the sample school's stream.
  func matches(_ event: ExportedEvent) throws -> Bool {
    let object = try JSONSerialization.jsonObject(with: Data(payload.utf8))
    return try event.type == type && event.naturalKey == naturalKey
      && event.occurredOn == occurredOn && event.payload == ExportedEvent.sorted(object)
      && event.stream == CSVLedger.school
      && event.id.hasPrefix("csv/" + naturalKey + "#")
      && event.idDigest.count == 16 && event.idDigest.allSatisfy { ("a"..."p").contains($0) }
  }
}

/// Checks that `events` are exactly `expected`, in order, saying which differ.
func expectEvents(_ events: [ExportedEvent], _ expected: [ExpectedEvent]) throws {
  #expect(events.count == expected.count, "\(events)")
  for (event, wanted) in zip(events, expected) {
    #expect(try wanted.matches(event), "got \(event), wanted \(wanted)")
  }
}

extension CSVLedger {
  /// The key of a student known only by the sample school's own student number.
  func localKey(_ number: String) throws -> String {
    let secret = try Data(contentsOf: URL(fileURLWithPath: path + "/pseudonym.key"))
    return PseudonymousKey(secret: Array(secret)).studentKey(
      system: "school:" + Self.school, id: number)
  }

  /// The four pupils of the sample class ป.4/1, by their ids in the sample files.
  func pupils() throws -> (String, String, String, String) {
    (
      try key("1100000000016"), try key("1100000000024"), try key("1100000000032"),
      try key("G000000000104")
    )
  }
}

/// An attendance event of the sample school, written out.
func attendance(
  _ student: String, _ date: String, _ category: String, reason: String? = nil
) -> ExpectedEvent {
  let reasonField = reason.map { #","reason":"\#($0)""# } ?? ""
  return ExpectedEvent(
    type: "attendance.recorded", naturalKey: "1099990001/attendance/\(student)/\(date)",
    occurredOn: date,
    payload:
      #"{"category":"\#(category)","date":"\#(date)","duration":1,"#
      + #""studentKey":"\#(student)"\#(reasonField)}"#
  )
}
