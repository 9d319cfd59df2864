import Foundation
import LedgerEvents
import LedgerStore

/// The outcome of checking the log against one seal.
public enum SealCheck: Sendable, Equatable {
  /// The log holds, unchanged, every record the seal covers.
  case holds(headSequence: UInt64)
  /// The seal's own signature does not verify: the seal file was changed or forged.
  case invalidSignature
  /// The seal was signed by another key than the one the auditor trusts.
  case untrustedKey(String)
  /// The log's history differs from the sealed one, first at `sequence`.
  case differs(sequence: UInt64, reason: String)

  /// Checks `log` against `seal`; `trustedKey`, when given, must be the seal's signer.
  public static func check(_ seal: Seal, log: EventLog, trustedKey: [UInt8]?) throws
    -> SealCheck
  {
    guard let signature = Hex.decode(seal.signature), let key = Hex.decode(seal.publicKey),
      SealKeys.isValid(signature: signature, message: try seal.signedBytes(), publicKey: key)
    else { return .invalidSignature }
    if let trustedKey, trustedKey != key { return .untrustedKey(seal.publicKey) }
    guard let fingerprints = Data(base64Encoded: seal.fingerprints).map(Array.init),
      fingerprints.count == Int(seal.headSequence) * Seal.fingerprintLength
    else { return .invalidSignature }
    return try walk(log, seal: seal, fingerprints: fingerprints)
  }

  private static func walk(_ log: EventLog, seal: Seal, fingerprints: [UInt8]) throws
    -> SealCheck
  {
    var next: UInt64 = 1
    var previous = ChainHash.genesis
    var found: SealCheck?
    while found == nil && next <= seal.headSequence {
      let end = min(seal.headSequence, next + 49_999)
      let start = next
      try log.read { reader in
        try reader.forEachRawRecord(from: start, through: end) { sequence, _, body in
          if sequence != next {
            found = .differs(sequence: next, reason: "record \(next) is missing from the log")
            return false
          }
          let offset = Int(sequence - 1) * Seal.fingerprintLength
          if Seal.fingerprint(body)
            != Array(fingerprints[offset..<offset + Seal.fingerprintLength])
          {
            found = .differs(
              sequence: sequence, reason: "record \(sequence) differs from the sealed history")
            return false
          }
          previous = ChainHash.link(previous: previous, body: body)
          next += 1
          return true
        }
      }
      if found == nil && next <= end {
        found = .differs(
          sequence: next,
          reason: "the log ends at \(next - 1); the seal covers up to \(seal.headSequence)")
      }
    }
    if let found { return found }
    if ChainHash.hex(previous) != seal.headHash {
      return .differs(
        sequence: seal.headSequence, reason: "the chain up to the seal's head hashes differently")
    }
    return .holds(headSequence: seal.headSequence)
  }
}
