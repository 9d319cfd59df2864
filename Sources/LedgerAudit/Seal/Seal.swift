import Foundation
import LedgerEvents
import LedgerStore

/// A signed statement of the log's history up to a sequence: its head hash, and a short
/// fingerprint of every record, so that a later rewrite can be located exactly.
///
/// The hash chain alone can be recomputed by whoever can write the files; a seal kept
/// elsewhere cannot. Each record's fingerprint is the first 4 bytes of BLAKE2b-256 of its
/// canonical bytes: with them, ``SealCheck`` names the first record that differs, not only
/// that something did. They cost 4 bytes per event (about 16 MB for a programme year).
public struct Seal: Codable, Sendable, Equatable {
  /// The seal file format this program writes and reads.
  public static let formatName = "school-ledger-seal/1"
  static let fingerprintLength = 4

  public var format: String
  public var headSequence: UInt64
  /// The chain hash of record `headSequence`, hex.
  public var headHash: String
  public var sealedAt: Timestamp
  /// The signer's Ed25519 public key, hex.
  public var publicKey: String
  /// Base64 of the 4-byte fingerprints of records 1...headSequence, in order.
  public var fingerprints: String
  /// Ed25519 signature, hex, over the canonical JSON of every other member.
  public var signature: String

  /// Seals the log as it stands now.
  public static func make(log: EventLog, keys: SealKeys, now: Timestamp) throws -> Seal {
    let head = try log.head()
    var fingerprints: [UInt8] = []
    fingerprints.reserveCapacity(Int(head.sequence) * fingerprintLength)
    var next: UInt64 = 1
    while next <= head.sequence {
      let end = min(head.sequence, next + 49_999)
      try log.read { reader in
        try reader.forEachRawRecord(from: next, through: end) { sequence, _, body in
          guard sequence == next else {
            throw StoreError(.corrupt, "the log jumps from \(next - 1) to \(sequence)")
          }
          fingerprints += fingerprint(body)
          next += 1
          return true
        }
      }
      guard next > end else { throw StoreError(.corrupt, "the log ends before \(end)") }
    }
    var seal = Seal(
      format: formatName, headSequence: head.sequence, headHash: ChainHash.hex(head.hash),
      sealedAt: now, publicKey: Hex.encode(keys.publicKey),
      fingerprints: Data(fingerprints).base64EncodedString(), signature: "")
    seal.signature = Hex.encode(keys.sign(try seal.signedBytes()))
    return seal
  }

  /// Reads a seal file.
  public static func read(_ path: String) throws -> Seal {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw StoreError(.io, "cannot read seal \(path)")
    }
    let seal: Seal
    do {
      seal = try CanonicalJSON.decode(Seal.self, from: Array(data))
    } catch {
      throw StoreError(.io, "\(path) is not a seal file: \(error)")
    }
    guard seal.format == formatName else {
      throw StoreError(
        .unsupportedFormat, "\(path) is a '\(seal.format)' seal; this program reads \(formatName)")
    }
    return seal
  }

  /// The seal as a file: canonical JSON and a newline.
  public func fileContents() throws -> Data {
    Data(try CanonicalJSON.encode(self) + [0x0A])
  }

  /// What the signature covers: every member but the signature, in canonical JSON.
  func signedBytes() throws -> [UInt8] {
    var unsigned = self
    unsigned.signature = ""
    return try CanonicalJSON.encode(unsigned)
  }

  static func fingerprint(_ body: UnsafeRawBufferPointer) -> [UInt8] {
    Array(ChainHash.link(previous: [], body: body).prefix(fingerprintLength))
  }
}
