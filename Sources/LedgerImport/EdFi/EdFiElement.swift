/// One XML element of an Ed-Fi record, with its children, kept only while the record that
/// holds it is being mapped.
struct EdFiElement: Sendable {
  /// The element's local name, without a namespace prefix.
  var name: String
  var attributes: [String: String]
  /// The element's own character data, trimmed of surrounding whitespace.
  var text: String
  var children: [EdFiElement]
  /// The line its start tag is on.
  var line: Int

  init(
    name: String, attributes: [String: String] = [:], text: String = "",
    children: [EdFiElement] = [], line: Int
  ) {
    self.name = name
    self.attributes = attributes
    self.text = text
    self.children = children
    self.line = line
  }

  /// The first direct child named `name`.
  func child(_ name: String) -> EdFiElement? {
    children.first { $0.name == name }
  }

  /// Every direct child named `name`, in document order.
  func children(_ name: String) -> [EdFiElement] {
    children.filter { $0.name == name }
  }

  /// The element reached by following `path` through direct children, first match at
  /// each step.
  func element(at path: [String]) -> EdFiElement? {
    var current = self
    for name in path {
      guard let next = current.child(name) else { return nil }
      current = next
    }
    return current
  }

  /// The first element named `name` below this one, depth first, in document order.
  func firstDescendant(_ name: String) -> EdFiElement? {
    for child in children {
      if child.name == name { return child }
      if let found = child.firstDescendant(name) { return found }
    }
    return nil
  }
}

/// A top-level element of an interchange (a `School`, a `StudentSchoolAttendanceEvent`),
/// with where it was found, so that errors can point at it.
struct EdFiRecord: Sendable {
  var element: EdFiElement
  /// 1-based position among the file's records of the same element name.
  var ordinal: Int

  /// How errors name the record, e.g. `StudentSchoolAttendanceEvent #34 (line 210)`.
  var label: String { EdFiRecord.label(element.name, ordinal: ordinal, line: element.line) }

  static func label(_ name: String, ordinal: Int, line: Int) -> String {
    "\(name) #\(ordinal) (line \(line))"
  }
}
