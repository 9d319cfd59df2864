import Foundation

/// How the values of one kind of Ed-Fi descriptor map to catalogue codes.
///
/// Descriptor values are written as `uri://namespace/KindDescriptor#Value`. Only the text
/// after `#` is looked up; the namespace is not, since districts publish their own
/// (`uri://gbisd.edu/DiagnosisDescriptor#Dropout Risk`), but the kind named before `#` must
/// be the kind the field expects. A bare value without `#` is looked up as it stands.
struct EdFiDescriptorMap<Code: Sendable>: Sendable {
  /// The descriptor's name in value URIs, e.g. `AttendanceEventCategoryDescriptor`.
  let descriptor: String
  /// Ed-Fi value text (after `#`, exactly as written) to the catalogue's code.
  let codes: [String: Code]

  /// The catalogue code for `text`, or why there is none. Never a guess: a value missing
  /// from the table is a problem to report, not something to approximate.
  func code(for text: String) throws(EdFiDescriptorProblem) -> Code {
    let value = try EdFiDescriptorMap.value(of: text, expecting: descriptor)
    guard let code = codes[value] else {
      let known = codes.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
      throw EdFiDescriptorProblem(
        message:
          "'\(value)' is not a \(descriptor) value this ledger maps; add it to "
          + "EdFiDescriptorTable.swift if it is right (known: \(known))")
    }
    return code
  }

  /// The value text of a descriptor (after `#`), checking the kind when the URI names one.
  static func value(of text: String, expecting descriptor: String)
    throws(EdFiDescriptorProblem) -> String
  {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard let hash = trimmed.lastIndex(of: "#") else { return trimmed }
    let namespace = trimmed[..<hash]
    let named = namespace.split(separator: "/").last.map(String.init) ?? ""
    guard named == descriptor else {
      throw EdFiDescriptorProblem(
        message: "'\(trimmed)' names \(named.isEmpty ? "no descriptor" : "a \(named)"), "
          + "where a \(descriptor) is expected")
    }
    return String(trimmed[trimmed.index(after: hash)...])
  }
}

/// Why a descriptor value could not be mapped.
struct EdFiDescriptorProblem: Error, Sendable {
  var message: String
}
