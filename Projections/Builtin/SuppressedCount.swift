/// A count of students as network-level views may show it: 1 to 4 become `<5`, so that a
/// small group of students cannot be picked out (DOMAIN.md); 0 and 5 or more are exact.
///
/// Encodes as a JSON number, or as the string `"<5"` when suppressed.
public enum SuppressedCount: Codable, Sendable, Equatable, CustomStringConvertible {
  case exact(Int)
  case fewerThanFive

  public init(_ count: Int) {
    self = (1...4).contains(count) ? .fewerThanFive : .exact(count)
  }

  public var description: String {
    switch self {
    case .exact(let count): String(count)
    case .fewerThanFive: "<5"
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let count = try? container.decode(Int.self) {
      self = .exact(count)
    } else if try container.decode(String.self) == "<5" {
      self = .fewerThanFive
    } else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "a suppressed count is a number or \"<5\"")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .exact(let count): try container.encode(count)
    case .fewerThanFive: try container.encode("<5")
    }
  }
}
