/// Byte layouts of keys in the log's databases (docs/FORMAT.md, "Databases").
enum KeyLayout {
  /// An unsigned 64-bit number, big-endian, so that byte order is numeric order.
  static func uint64(_ value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
  }

  /// Reads a big-endian unsigned 64-bit number from the first 8 bytes, or from the last 8
  /// bytes when `suffix` is set.
  static func readUInt64(_ bytes: some Collection<UInt8>, suffix: Bool = false) -> UInt64 {
    let slice = suffix ? Array(bytes.suffix(8)) : Array(bytes.prefix(8))
    return slice.reduce(0) { $0 << 8 | UInt64($1) }
  }

  /// `name`, a 0x00 separator, then a big-endian number: groups one name's entries in
  /// number order.
  static func composite(_ name: String, _ number: UInt64) -> [UInt8] {
    Array(name.utf8) + [0] + uint64(number)
  }

  /// The prefix all `composite(name, _)` keys share.
  static func prefix(_ name: String) -> [UInt8] {
    Array(name.utf8) + [0]
  }
}

/// Names of the log's databases.
enum LogDatabase {
  static let meta = "meta"
  static let events = "events"
  static let eventIds = "event-ids"
  static let streams = "streams"
  static let streamHeads = "stream-heads"
  static let types = "types"
  static let students = "students"
  static let all = [meta, events, eventIds, streams, streamHeads, types, students]
}
