import Foundation
import LedgerEvents
import LedgerStore

/// Writes events as JSON Lines exactly as the log holds them, with their hashes, so that a
/// party without this program can re-verify the chain from the export alone
/// (docs/FORMAT.md, "Exports").
///
/// Each line: `{"body":"<the record's canonical JSON, as a string>","hash":"<hex>",
/// "previousHash":"<hex>","sequence":n}`, keys sorted. `hash` must equal
/// BLAKE2b-256(previousHash ‖ UTF-8 bytes of body); in a full export each line's
/// `previousHash` is the line before's `hash`.
public struct EventExport {
  let log: EventLog

  public init(log: EventLog) {
    self.log = log
  }

  private struct Line: Encodable {
    let body: String
    let hash: String
    let previousHash: String
    let sequence: UInt64
  }

  /// Writes records from `fromSequence` up to the head seen at the start, all of them or
  /// those of `school`'s stream; returns how many lines were written.
  @discardableResult
  public func write(school: String? = nil, fromSequence: UInt64 = 1, to output: FileHandle)
    throws -> Int
  {
    let end = try log.head().sequence
    guard fromSequence <= end else { return 0 }
    if let school {
      let sequences = try log.read { try $0.sequences(inStream: school) }
      var written = 0
      for chunk in stride(from: 0, to: sequences.count, by: 10_000) {
        let part = sequences[chunk..<min(chunk + 10_000, sequences.count)]
          .filter { $0 >= fromSequence && $0 <= end }
        try log.read { reader in
          var text = ""
          for sequence in part {
            let previous = try previousHash(before: sequence, reader)
            try reader.forEachRawRecord(from: sequence, through: sequence) { seq, hash, body in
              text += try line(seq, hash: Array(hash), previous: previous, body: body)
              return false
            }
          }
          output.write(Data(text.utf8))
          written += part.count
        }
      }
      return written
    }
    var next = fromSequence
    var previous = try log.read { try previousHash(before: fromSequence, $0) }
    while next <= end {
      let chunkEnd = min(end, next + 9_999)
      try log.read { reader in
        var text = ""
        try reader.forEachRawRecord(from: next, through: chunkEnd) { sequence, hash, body in
          text += try line(sequence, hash: Array(hash), previous: previous, body: body)
          previous = Array(hash)
          next = sequence + 1
          return true
        }
        output.write(Data(text.utf8))
      }
      if next <= chunkEnd { break }
    }
    return Int(next - fromSequence)
  }

  private func previousHash(before sequence: UInt64, _ reader: LogReader) throws -> [UInt8] {
    guard sequence > 1 else { return ChainHash.genesis }
    return try reader.record(at: sequence - 1)?.hash ?? ChainHash.genesis
  }

  private func line(
    _ sequence: UInt64, hash: [UInt8], previous: [UInt8], body: UnsafeRawBufferPointer
  ) throws -> String {
    let record = Line(
      body: String(decoding: body, as: UTF8.self), hash: ChainHash.hex(hash),
      previousHash: ChainHash.hex(previous), sequence: sequence)
    return String(decoding: try CanonicalJSON.encode(record), as: UTF8.self) + "\n"
  }
}
