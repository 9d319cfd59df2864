import Foundation

/// One leaf value of a read-model row, flattened for comparison: what `diff` shows in its
/// before and after columns.
public enum FieldValue: Sendable, Equatable, Codable, CustomStringConvertible {
  /// A flag, such as `modelSchool`.
  case bool(Bool)
  /// A count, a sum or a ratio; JSON does not tell integers from other numbers.
  case number(Double)
  /// Text, such as `name` or the space-separated `groups`.
  case text(String)

  /// The row's fields by dotted path (`attendanceEvents.tardy`, `gaps.studentsWithoutEnrolment`),
  /// taken from its JSON form so that names match `query --format json`. Absent optionals,
  /// empty dictionaries and empty lists give no field; a list of values is one text field,
  /// its items separated by spaces.
  public static func fields<Row: Encodable>(of row: Row) throws -> [String: FieldValue] {
    let node = try JSONDecoder().decode(JSONNode.self, from: JSONEncoder().encode(row))
    var fields: [String: FieldValue] = [:]
    node.flatten(path: "", into: &fields)
    return fields
  }

  /// Numbers with no fraction print as integers; others in the shortest form that reads
  /// back as the same double.
  public var description: String {
    switch self {
    case .bool(let value): return String(value)
    case .text(let value): return value
    case .number(let value):
      if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
      return String(value)
    }
  }

  /// Reads a JSON scalar: `true`, `2.5` or `"text"`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else {
      self = .text(try container.decode(String.self))
    }
  }

  /// Writes the plain JSON scalar, without a tag.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .bool(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .text(let value): try container.encode(value)
    }
  }
}

/// Any JSON value, as decoded from a row's encoding.
private indirect enum JSONNode: Decodable {
  case null
  case value(FieldValue)
  case list([JSONNode])
  case object([String: JSONNode])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let object = try? container.decode([String: JSONNode].self) {
      self = .object(object)
    } else if let list = try? container.decode([JSONNode].self) {
      self = .list(list)
    } else {
      self = .value(try container.decode(FieldValue.self))
    }
  }

  func flatten(path: String, into fields: inout [String: FieldValue]) {
    switch self {
    case .null:
      break
    case .value(let value):
      fields[path] = value
    case .object(let members):
      for (name, member) in members {
        member.flatten(path: path.isEmpty ? name : path + "." + name, into: &fields)
      }
    case .list(let items):
      guard !items.isEmpty else { return }
      fields[path] = .text(items.map(\.text).joined(separator: " "))
    }
  }

  private var text: String {
    switch self {
    case .null: return ""
    case .value(let value): return value.description
    case .list(let items): return items.map(\.text).joined(separator: " ")
    case .object: return "{...}"
    }
  }
}
