import LedgerEvents

/// Turns the student id a row gives into the pseudonymous key the ledger stores.
///
/// A 13-digit national id (with or without dashes or spaces, Western or Thai digits) is
/// pseudonymised under the system `th-national-id`, and a G-code (`G` and 12 digits, given
/// to students without a national id) under `th-g-code`, whatever column or file they come
/// from: the same student then has the same key in every school and every file. Any other
/// id is the school's own student number and is pseudonymised under `school:<code>`, since
/// such numbers repeat across schools. The id itself goes no further than this function.
enum CSVStudentIdentity {
  static let nationalIdSystem = "th-national-id"
  static let gCodeSystem = "th-g-code"

  /// The key for the row's student, or nil with an error in `reader`.
  static func key(
    _ reader: inout CSVRowReader, school: String, pseudonyms: PseudonymousKey
  ) -> String? {
    let field: CSVField = reader.text(.nationalId) != nil ? .nationalId : .studentNumber
    guard let raw = reader.text(field) else {
      reader.fail(
        column: "student", "has no student id (a national id, G-code or student number)")
      return nil
    }
    let compact = ThaiDigits.westernised(raw).filter { $0 != "-" && $0 != " " }
    if compact.count == 13, compact.allSatisfy(\.isASCIIDigit) {
      if !PersonalData.nationalIdChecksumIsValid(compact) {
        reader.warn(
          field,
          "the national id's check digit does not match (mod 11); imported as given, "
            + "please check the id")
      }
      return pseudonyms.studentKey(system: nationalIdSystem, id: compact)
    }
    if compact.count == 13, compact.first == "G" || compact.first == "g",
      compact.dropFirst().allSatisfy(\.isASCIIDigit)
    {
      return pseudonyms.studentKey(system: gCodeSystem, id: "G" + compact.dropFirst())
    }
    if field == .nationalId {
      reader.fail(field, "is not a 13-digit national id or a G-code (G and 12 digits)")
      return nil
    }
    if PersonalData.looksLikeNationalId(raw) {
      reader.fail(field, "holds what looks like a national id among other text")
      return nil
    }
    return pseudonyms.studentKey(system: "school:" + school, id: ThaiDigits.westernised(raw))
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
