import Foundation

/// The one byte form every event is hashed and stored in (docs/FORMAT.md, "Canonical
/// form"): UTF-8 JSON, keys sorted by their UTF-8 bytes, no insignificant whitespace,
/// `/` not escaped, absent optionals omitted.
public enum CanonicalJSON {
  /// Encodes a value in canonical form.
  public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    Array(try encoder.encode(value))
  }

  // One configured encoder and decoder for the process: making one per record costs more
  // than the encoding itself. Both are safe to share between threads.
  private static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }()
  private static let decoder = JSONDecoder()

  /// Decodes a value from JSON bytes.
  public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>)
    throws -> T
  {
    try decoder.decode(type, from: Data(bytes))
  }
}
