import CSodium
import Foundation

/// Turns a source system's student id into the pseudonymous key the ledger stores.
///
/// The key is BLAKE2b-128 (libsodium `crypto_generichash`), keyed with a 32-byte secret
/// kept beside the ledger and never in it, over `system`, a 0x1F separator and the id.
/// Without the secret a key cannot be linked back to a student; with it, the same student
/// from the same system always gets the same key.
public struct PseudonymousKey: Sendable {
  /// Bytes of secret the key derivation uses.
  public static let secretLength = 32
  private let secret: [UInt8]

  public init(secret: [UInt8]) {
    precondition(secret.count == Self.secretLength, "pseudonym secret must be 32 bytes")
    self.secret = secret
  }

  /// Makes a fresh random secret (libsodium `randombytes_buf`).
  public static func generateSecret() -> [UInt8] {
    _ = sodium_init()
    var bytes = [UInt8](repeating: 0, count: secretLength)
    randombytes_buf(&bytes, secretLength)
    return bytes
  }

  /// The student key for `id` in `system`, `stu-` followed by 32 lowercase hex digits.
  public func studentKey(system: String, id: String) -> String {
    let message = Array(system.utf8) + [0x1F] + Array(id.utf8)
    var digest = [UInt8](repeating: 0, count: 16)
    _ = crypto_generichash(
      &digest, digest.count, message, UInt64(message.count), secret, secret.count)
    return "stu-"
      + digest.map { byte in
        let hex = String(byte, radix: 16)
        return byte < 16 ? "0" + hex : hex
      }.joined()
  }

  /// Whether `text` has the shape of a key this type makes.
  public static func isWellFormed(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count == 36, text.hasPrefix("stu-") else { return false }
    return bytes[4...].allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
  }
}

/// Rules that recognise personal data which must never enter the log.
public enum PersonalData {
  /// A Thai 13-digit national id (plain, or written `1-1017-00203-45-1`), or a `G` code
  /// of 12 digits, anywhere in `text`, in Thai or Western digits. Pseudonymous keys (`stu-`
  /// and 32 hex digits) inside the text are skipped: their hex often runs to 13 decimals.
  public static func looksLikeNationalId(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    // The text scalar by scalar, with Thai digits read as Western ones and student keys
    // masked. Work on scalars, not Characters: this runs on every text field of every
    // event appended, and Characters cost far more while meaning the same here.
    var mapped: [Unicode.Scalar] = []
    mapped.reserveCapacity(scalars.count)
    var index = 0
    while index < scalars.count {
      if scalars[index] == "s", isKey(scalars, at: index) {
        mapped += repeatElement("_", count: 36)
        index += 36
        continue
      }
      let value = scalars[index].value
      if (0x0E50...0x0E59).contains(value), let ascii = Unicode.Scalar(value - 0x0E50 + 48) {
        mapped.append(ascii)
      } else {
        mapped.append(scalars[index])
      }
      index += 1
    }
    var run = 0
    var afterG = false
    var digitCount = 0
    for scalar in mapped {
      if isASCIIDigit(scalar) {
        run += 1
        digitCount += 1
        if run >= 13 || (afterG && run >= 12) { return true }
      } else {
        afterG = scalar == "G" || scalar == "g"
        run = 0
      }
    }
    // The regex decides, as before; the scalar scan only skips it when the digits and
    // separators it needs are not even there in a row.
    guard digitCount >= 13, hasDashedLayout(mapped) else { return false }
    var rebuilt = String.UnicodeScalarView()
    rebuilt.append(contentsOf: mapped)
    return String(rebuilt).contains(dashedNationalId)
  }

  private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 48 && scalar.value <= 57
  }

  /// Whether `1-1017-00203-45-1` (digits in groups of 1, 4, 5, 2, 1, each separator a dash
  /// or a space) occurs anywhere in `scalars`, ignoring what comes before or after.
  private static func hasDashedLayout(_ scalars: [Unicode.Scalar]) -> Bool {
    let groups = [1, 4, 5, 2, 1]
    guard scalars.count >= 17 else { return false }
    candidates: for start in 0...(scalars.count - 17) {
      var position = start
      for (group, length) in groups.enumerated() {
        if group > 0 {
          guard scalars[position] == "-" || scalars[position] == " " else { continue candidates }
          position += 1
        }
        for _ in 0..<length {
          guard isASCIIDigit(scalars[position]) else { continue candidates }
          position += 1
        }
      }
      return true
    }
    return false
  }

  // The layout `1-1017-00203-45-1`, not part of a longer number on either side. Shared
  // safely: a Regex is an immutable value, and matching it changes nothing shared.
  nonisolated(unsafe) private static let dashedNationalId =
    /(?:^|[^0-9])[0-9][- ][0-9]{4}[- ][0-9]{5}[- ][0-9]{2}[- ][0-9](?:$|[^0-9])/

  private static func isKey(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
    guard index + 36 <= scalars.count,
      scalars[index..<index + 4].elementsEqual("stu-".unicodeScalars)
    else { return false }
    return scalars[index + 4..<index + 36].allSatisfy {
      ("0"..."9").contains($0) || ("a"..."f").contains($0)
    }
  }

  /// Whether a 13-digit national id's last digit matches its mod-11 check digit.
  public static func nationalIdChecksumIsValid(_ id: String) -> Bool {
    let digits = id.compactMap(\.wholeNumberValue)
    guard digits.count == 13, id.count == 13 else { return false }
    let sum = (0..<12).reduce(0) { $0 + digits[$1] * (13 - $1) }
    return (11 - sum % 11) % 10 == digits[12]
  }
}
