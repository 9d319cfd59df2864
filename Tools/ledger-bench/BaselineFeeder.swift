import LedgerEvents
import LedgerStore

/// Turns events the ledger has stored into ``PreparedBatch``es for the baselines: the exact
/// bytes the ledger stored, read back from its log, with the keys of its indexes.
///
/// Stream versions are counted here as the ledger counts them (from 1 per stream, in
/// sequence order), so the baselines' `streams` keys match the ledger's.
struct BaselineFeeder {
  let log: EventLog
  private var streamVersions: [String: UInt64] = [:]

  init(log: EventLog) {
    self.log = log
  }

  /// The batch of `events`, which the ledger stored at sequences `first`, `first + 1`, ….
  mutating func prepare(_ events: [EventEnvelope], first: UInt64) throws -> PreparedBatch {
    guard !events.isEmpty else { return PreparedBatch(records: [], streamHeads: []) }
    let last = first + UInt64(events.count) - 1
    var values: [[UInt8]] = []
    values.reserveCapacity(events.count)
    try log.read { reader in
      try reader.forEachRawRecord(from: first, through: last) { _, hash, body in
        values.append(Array(hash) + Array(body))
        return true
      }
    }
    guard values.count == events.count else {
      throw BenchError(
        "the log holds \(values.count) records at \(first)...\(last), expected \(events.count)")
    }

    var records: [PreparedRecord] = []
    records.reserveCapacity(events.count)
    var touched: [String: UInt64] = [:]
    for (offset, event) in events.enumerated() {
      let version = (streamVersions[event.stream] ?? 0) + 1
      streamVersions[event.stream] = version
      touched[event.stream] = version
      records.append(
        PreparedRecord(
          sequence: first + UInt64(offset), value: values[offset], id: event.id,
          stream: event.stream, streamVersion: version, type: event.type.rawValue,
          students: Array(Set(event.payload.studentKeys)).sorted()))
    }
    let heads = touched.sorted { $0.key < $1.key }.map { (stream: $0.key, version: $0.value) }
    return PreparedBatch(records: records, streamHeads: heads)
  }
}
