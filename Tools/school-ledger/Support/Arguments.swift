import Foundation

/// A usage mistake: exit 64, with a hint of what to type.
struct UsageError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Parsed command-line arguments: `--name value` options, `--flag`s and positionals.
struct Arguments {
  private var options: [String: [String]] = [:]
  private var flags: Set<String> = []
  private(set) var positionals: [String] = []
  private var consumed: Set<String> = []

  /// Parses `words`; `flagNames` take no value, every other `--name` takes one.
  init(_ words: [String], flags flagNames: Set<String>) throws {
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard word.hasPrefix("--"), word.count > 2 else {
        positionals.append(word)
        continue
      }
      var name = String(word.dropFirst(2))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      if flagNames.contains(name) {
        flags.insert(name)
      } else if let value = inlineValue {
        options[name, default: []].append(value)
      } else {
        guard index < words.count else { throw UsageError("--\(name) needs a value") }
        options[name, default: []].append(words[index])
        index += 1
      }
    }
  }

  mutating func flag(_ name: String) -> Bool {
    consumed.insert(name)
    return flags.contains(name)
  }

  mutating func option(_ name: String) -> String? {
    consumed.insert(name)
    return options[name]?.last
  }

  /// Every value given for a repeatable option, in order.
  mutating func options(_ name: String) -> [String] {
    consumed.insert(name)
    return options[name] ?? []
  }

  mutating func requiredOption(_ name: String, hint: String) throws -> String {
    guard let value = option(name) else { throw UsageError("missing --\(name) \(hint)") }
    return value
  }

  /// Refuses options the command does not know, naming them.
  func finish() throws {
    let unknown = Set(options.keys).union(flags).subtracting(consumed).sorted()
    if let first = unknown.first {
      throw UsageError("unknown option --\(first); see --help")
    }
  }
}
