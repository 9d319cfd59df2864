/// Thai digits (๐–๙, U+0E50–U+0E59) as Western digits, for numbers, dates and ids read from
/// Thai documents. Free text (a reason, a name) keeps its digits as written.
enum ThaiDigits {
  /// `text` with every Thai digit replaced by the Western digit of the same value.
  static func westernised(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isThaiDigit) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isThaiDigit(scalar), let western = Unicode.Scalar(scalar.value - 0x0E50 + 0x30) {
        scalars.append(western)
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  static func isThaiDigit(_ scalar: Unicode.Scalar) -> Bool {
    (0x0E50...0x0E59).contains(scalar.value)
  }
}
