import CSodium

/// The hash chain's hash: BLAKE2b with a 32-byte output (libsodium `crypto_generichash`),
/// unkeyed, over the previous record's hash followed by this record's canonical bytes.
public enum ChainHash {
  /// Bytes in a chain hash.
  public static let length = 32
  /// The "previous hash" of the first record.
  public static let genesis = [UInt8](repeating: 0, count: length)

  /// The hash of a record whose canonical bytes are `body`, following `previous`.
  public static func link(previous: [UInt8], body: some Collection<UInt8>) -> [UInt8] {
    let message = previous + Array(body)
    var out = [UInt8](repeating: 0, count: length)
    crypto_generichash(&out, length, message, UInt64(message.count), nil, 0)
    return out
  }

  /// Lowercase hex of a hash.
  public static func hex(_ hash: [UInt8]) -> String {
    hash.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
  }
}
