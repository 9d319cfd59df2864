import Testing

@testable import LedgerImport

@Suite("Text encodings")
struct ThaiTextEncodingTests {
  /// "มา,ขาด" in TIS-620, byte by byte from the TIS-620 table: ม 0xC1, า 0xD2, ข 0xA2,
  /// ด 0xB4.
  static let tis620Bytes: [UInt8] = [0xC1, 0xD2, 0x2C, 0xA2, 0xD2, 0xB4]

  @Test("TIS-620 bytes are detected and decoded through iconv")
  func tis620() throws {
    let detected = try #require(ThaiTextEncoding.detect(Self.tis620Bytes))
    #expect(detected == .init(encoding: .tis620, hadByteOrderMark: false))
    #expect(try detected.encoding.decode(Self.tis620Bytes) == "มา,ขาด")
  }

  @Test("encoding to TIS-620 gives the table's bytes back")
  func roundTrip() throws {
    #expect(try ThaiTextEncoding.tis620.encode("มา,ขาด") == Self.tis620Bytes)
  }

  @Test("UTF-8 with and without a byte order mark; the mark is dropped")
  func utf8() throws {
    let plain = Array("มา,ขาด".utf8)
    #expect(ThaiTextEncoding.detect(plain) == .init(encoding: .utf8, hadByteOrderMark: false))
    let marked = [0xEF, 0xBB, 0xBF] + plain
    #expect(ThaiTextEncoding.detect(marked) == .init(encoding: .utf8, hadByteOrderMark: true))
    #expect(try ThaiTextEncoding.utf8.decode(marked) == "มา,ขาด")
  }

  @Test("Windows-874 punctuation (0x85, an ellipsis) marks a file as Windows-874")
  func windows874() throws {
    let bytes: [UInt8] = Self.tis620Bytes + [0x85]
    let detected = try #require(ThaiTextEncoding.detect(bytes))
    #expect(detected.encoding == .windows874)
    #expect(try detected.encoding.decode(bytes) == "มา,ขาด\u{2026}")
  }

  @Test("UTF-8 Thai with one stray byte is UTF-8 that fails on that byte's line")
  func damagedUTF8() throws {
    let header = Array("เลขที่,วันที่,สถานะ\n".utf8)
    let bad = Array("1,3/6/2567,ขาด".utf8) + [0xFF] + Array("\n".utf8)
    let detected = try #require(ThaiTextEncoding.detect(header + bad))
    #expect(detected.encoding == .utf8)
    do {
      _ = try ThaiTextEncoding.utf8.decode(header + bad)
      Issue.record("a stray byte was decoded")
    } catch {
      #expect(error.line(in: header + bad) == 2)
    }
    // The same letters in TIS-620 (one byte each) are not taken for damaged UTF-8.
    let tis = try ThaiTextEncoding.tis620.encode("เลขที่,วันที่,สถานะ\n1,3/6/2567,ขาด\n")
    #expect(ThaiTextEncoding.detect(tis)?.encoding == .tis620)
  }

  @Test("bytes that are neither are not guessed; invalid UTF-8 names its offset")
  func neither() {
    #expect(ThaiTextEncoding.detect([0x41, 0x80, 0x81, 0x82, 0x83]) == nil)
    #expect(throws: TextEncodingError.self) {
      try ThaiTextEncoding.utf8.decode([0x41, 0x0A, 0xC1])
    }
    do {
      _ = try ThaiTextEncoding.utf8.decode([0x41, 0x0A, 0xC1])
    } catch {
      #expect(error.offset == 2)
      #expect(error.line(in: [0x41, 0x0A, 0xC1]) == 2)
    }
  }
}
