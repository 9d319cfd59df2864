/// One stored event as the baselines write it: the exact value the ledger stored under its
/// sequence (chain hash, then canonical JSON) and every index key the ledger wrote for it,
/// laid out as docs/FORMAT.md describes.
struct PreparedRecord {
  var sequence: UInt64
  /// Chain hash (32 bytes) followed by the canonical JSON body, as in the ledger's `events`.
  var value: [UInt8]
  var id: String
  var stream: String
  var streamVersion: UInt64
  var type: String
  /// Distinct student keys the event names.
  var students: [String]

  var sequenceKey: [UInt8] { BenchKeys.uint64(sequence) }
  var streamKey: [UInt8] { BenchKeys.composite(stream, streamVersion) }
  var typeKey: [UInt8] { BenchKeys.composite(type, sequence) }
  var studentKeys: [[UInt8]] { students.map { BenchKeys.composite($0, sequence) } }
}

/// A batch of events ready for the baselines, with the keys prebuilt so that the timed part
/// of a baseline is its storage work alone.
struct PreparedBatch {
  var records: [PreparedRecord]
  /// Each stream's last version after the batch (the ledger's `stream-heads`).
  var streamHeads: [(stream: String, version: UInt64)]
  /// Bytes of the stored values (hash and body) in the batch.
  var valueBytes: Int { records.reduce(0) { $0 + $1.value.count } }

  /// Key bytes, prebuilt: sequence, event id, stream, type and student keys.
  struct Keys {
    var sequence: [UInt8]
    var id: [UInt8]
    var stream: [UInt8]
    var type: [UInt8]
    var students: [[UInt8]]
  }

  /// Every record's keys, in record order.
  func keys() -> [Keys] {
    records.map {
      Keys(
        sequence: $0.sequenceKey, id: Array($0.id.utf8), stream: $0.streamKey, type: $0.typeKey,
        students: $0.studentKeys)
    }
  }
}

/// The key layouts of docs/FORMAT.md, rebuilt here so the baselines do not depend on the
/// ledger's internals.
enum BenchKeys {
  /// Big-endian unsigned 64-bit number.
  static func uint64(_ value: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
  }

  /// `name`, 0x00, then a big-endian number.
  static func composite(_ name: String, _ number: UInt64) -> [UInt8] {
    Array(name.utf8) + [0] + uint64(number)
  }
}
