import CSodium
import Foundation
import LedgerStore

/// An Ed25519 key pair for sealing (libsodium `crypto_sign_*`), kept as hex in two files.
public struct SealKeys: Sendable {
  /// 32 bytes.
  public let publicKey: [UInt8]
  /// 64 bytes (libsodium's seed-and-public-key form); only the sealer has it.
  let secretKey: [UInt8]

  /// Makes a fresh key pair (`crypto_sign_keypair`).
  public static func generate() -> SealKeys {
    _ = sodium_init()
    var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
    var secretKey = [UInt8](repeating: 0, count: Int(crypto_sign_SECRETKEYBYTES))
    crypto_sign_keypair(&publicKey, &secretKey)
    return SealKeys(publicKey: publicKey, secretKey: secretKey)
  }

  /// Writes `<prefix>.key` (secret, mode 0600) and `<prefix>.pub`; refuses to overwrite.
  public func write(prefix: String) throws {
    for (path, bytes, mode) in [
      (prefix + ".key", secretKey, 0o600), (prefix + ".pub", publicKey, 0o644),
    ] {
      guard !FileManager.default.fileExists(atPath: path) else {
        throw StoreError(.io, "\(path) exists already; choose another --out")
      }
      let text = Data((Hex.encode(bytes) + "\n").utf8)
      guard
        FileManager.default.createFile(
          atPath: path, contents: text, attributes: [.posixPermissions: mode])
      else { throw StoreError(.io, "cannot write \(path)") }
    }
  }

  /// Reads a secret key file written by ``write(prefix:)``.
  public static func readSecret(_ path: String) throws -> SealKeys {
    let secret = try Hex.readFile(path, bytes: Int(crypto_sign_SECRETKEYBYTES))
    var publicKey = [UInt8](repeating: 0, count: Int(crypto_sign_PUBLICKEYBYTES))
    crypto_sign_ed25519_sk_to_pk(&publicKey, secret)
    return SealKeys(publicKey: publicKey, secretKey: secret)
  }

  /// Reads a public key file written by ``write(prefix:)``.
  public static func readPublic(_ path: String) throws -> [UInt8] {
    try Hex.readFile(path, bytes: Int(crypto_sign_PUBLICKEYBYTES))
  }

  /// Signs `message` (`crypto_sign_detached`).
  func sign(_ message: [UInt8]) -> [UInt8] {
    var signature = [UInt8](repeating: 0, count: Int(crypto_sign_BYTES))
    crypto_sign_detached(&signature, nil, message, UInt64(message.count), secretKey)
    return signature
  }

  /// Whether `signature` is `publicKey`'s over `message` (`crypto_sign_verify_detached`).
  static func isValid(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
    guard signature.count == Int(crypto_sign_BYTES),
      publicKey.count == Int(crypto_sign_PUBLICKEYBYTES)
    else { return false }
    _ = sodium_init()
    return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey)
      == 0
  }
}

/// Lowercase hex for keys, hashes and signatures.
enum Hex {
  static func encode(_ bytes: [UInt8]) -> String { ChainHash.hex(bytes) }

  static func decode(_ text: String) -> [UInt8]? {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    for index in stride(from: 0, to: digits.count, by: 2) {
      guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
        return nil
      }
      bytes.append(high << 4 | low)
    }
    return bytes
  }

  static func readFile(_ path: String, bytes count: Int) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw StoreError(.io, "cannot read \(path)")
    }
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let bytes = decode(text), bytes.count == count else {
      throw StoreError(.io, "\(path) does not hold a \(count)-byte key in hex")
    }
    return bytes
  }

  private static func nibble(_ digit: UInt8) -> UInt8? {
    switch digit {
    case 48...57: digit - 48
    case 97...102: digit - 87
    case 65...70: digit - 55
    default: nil
    }
  }
}
