/// The one byte form every event is hashed and stored in (docs/FORMAT.md, "Canonical
/// form"): UTF-8 JSON, keys sorted by their UTF-8 bytes, no insignificant whitespace,
/// `/` not escaped, absent optionals omitted.
///
/// The bytes are those Foundation's `JSONEncoder` writes with `.sortedKeys` and
/// `.withoutEscapingSlashes`; this project's own encoder and decoder
/// (``CanonicalEncoder``, ``CanonicalDecoder``) write and read them several times faster,
/// which is most of the cost of an import and of a projection rebuild.
public enum CanonicalJSON {
  /// Encodes a value in canonical form.
  public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    try CanonicalEncoder().encode(value)
  }

  /// Decodes a value from JSON bytes.
  public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>)
    throws -> T
  {
    if let decoded = try bytes.withContiguousStorageIfAvailable({
      try CanonicalDecoder().decode(type, from: UnsafeRawBufferPointer($0))
    }) {
      return decoded
    }
    return try Array(bytes).withUnsafeBytes { try CanonicalDecoder().decode(type, from: $0) }
  }

  /// Decodes a value from bytes that are only valid during the call (an LMDB value).
  public static func decode<T: Decodable>(_ type: T.Type, fromRaw bytes: UnsafeRawBufferPointer)
    throws -> T
  {
    try CanonicalDecoder().decode(type, from: bytes)
  }
}
