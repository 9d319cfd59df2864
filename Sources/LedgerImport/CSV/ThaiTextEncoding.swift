import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The encodings a CSV file may be in: UTF-8, or the older Thai single-byte encodings.
public enum ThaiTextEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  /// TIS-620 (Thai Industrial Standard 620-2533): ASCII plus Thai in 0xA1–0xFB.
  case tis620 = "tis-620"
  /// Windows-874: TIS-620 plus a few punctuation marks in 0x80–0x9F and a no-break space.
  case windows874 = "windows-874"

  /// The name iconv knows the encoding by.
  var iconvName: String {
    switch self {
    case .utf8: "UTF-8"
    case .tis620: "TIS-620"
    case .windows874: "CP874"
    }
  }

  /// What detection decided, for the summary line: `UTF-8`, `UTF-8 with BOM`, `TIS-620`.
  public struct Detected: Sendable, Equatable {
    public var encoding: ThaiTextEncoding
    public var hadByteOrderMark: Bool

    public var description: String {
      encoding == .utf8 ? (hadByteOrderMark ? "UTF-8 with BOM" : "UTF-8") : encoding.rawValue
    }
  }

  /// Decides how `bytes` are encoded: valid UTF-8 is UTF-8; otherwise, when four in five
  /// bytes above ASCII fall where TIS-620 puts Thai letters (0xA1–0xFB), TIS-620, or
  /// Windows-874 when bytes of its extra range (0x80–0xA0) occur too. Nil: neither, so the
  /// user must say.
  public static func detect(_ bytes: [UInt8]) -> Detected? {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    if bytes.starts(with: bom) { return Detected(encoding: .utf8, hadByteOrderMark: true) }
    if String(validating: bytes, as: UTF8.self) != nil || isDamagedUTF8(bytes) {
      return Detected(encoding: .utf8, hadByteOrderMark: false)
    }
    let high = bytes.filter { $0 >= 0x80 }
    let thai = high.filter { (0xA1...0xFB).contains($0) }.count
    guard thai * 5 >= high.count * 4 else { return nil }
    let windowsOnly = high.contains { $0 <= 0xA0 }
    return Detected(encoding: windowsOnly ? .windows874 : .tis620, hadByteOrderMark: false)
  }

  /// Decodes `bytes` in this encoding into a string (a UTF-8 byte order mark is dropped).
  /// Single-byte encodings go through glibc's iconv, which names the first byte it cannot
  /// map; the error gives its offset.
  public func decode(_ bytes: [UInt8]) throws(TextEncodingError) -> String {
    switch self {
    case .utf8:
      let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
      guard let text = String(validating: body, as: UTF8.self) else {
        let offset = UTF8Scan(body).firstInvalidOffset ?? body.count
        throw TextEncodingError(
          offset: offset, message: "byte \(offset) is not valid UTF-8; is the file TIS-620?")
      }
      return text
    case .tis620, .windows874:
      let utf8 = try Self.convert(bytes, from: iconvName, to: "UTF-8", encodingName: rawValue)
      return String(decoding: utf8, as: UTF8.self)
    }
  }

  /// Encodes `text` in this encoding, for files written back to the user (rejected rows).
  public func encode(_ text: String) throws(TextEncodingError) -> [UInt8] {
    switch self {
    case .utf8: return Array(text.utf8)
    case .tis620, .windows874:
      return try Self.convert(Array(text.utf8), from: "UTF-8", to: iconvName, encodingName: "UTF-8")
    }
  }

  /// Converts with `iconv_open` / `iconv` / `iconv_close`. An input byte sequence the
  /// target cannot represent (EILSEQ) or that ends mid-character (EINVAL) is an error at
  /// that offset.
  private static func convert(
    _ input: [UInt8], from source: String, to target: String, encodingName: String
  ) throws(TextEncodingError) -> [UInt8] {
    let descriptor = iconv_open(target, source)
    guard let descriptor, descriptor != iconv_t(bitPattern: -1) else {
      throw TextEncodingError(
        offset: 0, message: "this system's iconv cannot convert \(source) to \(target)")
    }
    defer { iconv_close(descriptor) }

    var output = [UInt8](repeating: 0, count: input.count * 3 + 16)
    var inputCopy = input
    let result: (status: Int, consumed: Int, produced: Int, errno: Int32) =
      inputCopy.withUnsafeMutableBytes { inBuffer in
        output.withUnsafeMutableBytes { outBuffer in
          var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
          var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
          var inLeft = inBuffer.count
          var outLeft = outBuffer.count
          let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
          let failure = errno
          return (
            status == -1 ? -1 : 0, inBuffer.count - inLeft, outBuffer.count - outLeft, failure
          )
        }
      }
    guard result.status == 0 else {
      let why =
        result.errno == EINVAL ? "ends in the middle of a character" : "cannot be converted"
      throw TextEncodingError(
        offset: result.consumed,
        message: "byte \(result.consumed) \(why) (read as \(encodingName))")
    }
    return Array(output.prefix(result.produced))
  }

  /// Whether `bytes` are UTF-8 with a few bad bytes, rather than a Thai single-byte
  /// encoding: at least four valid multi-byte characters for each invalid sequence. Thai
  /// text in TIS-620 is invalid UTF-8 at nearly every Thai letter, so it never passes; a
  /// UTF-8 file with one stray byte does, and is then refused naming that byte's line
  /// instead of being misread as Windows-874.
  static func isDamagedUTF8(_ bytes: [UInt8]) -> Bool {
    let scan = UTF8Scan(bytes)
    return scan.invalidSequences > 0 && scan.multiByteCharacters >= 4 * scan.invalidSequences
  }
}

/// Bytes that are not text in the encoding they were read as.
public struct TextEncodingError: Error, Sendable, Equatable {
  /// Offset of the first byte at fault, from 0.
  public var offset: Int
  public var message: String

  /// The 1-based line of `bytes` that holds the byte at fault.
  public func line(in bytes: [UInt8]) -> Int {
    bytes.prefix(offset).filter { $0 == 0x0A }.count + 1
  }
}
