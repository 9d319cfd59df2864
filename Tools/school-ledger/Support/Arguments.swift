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
  private var positionalWords: [String] = []
  private var positionalsTaken = false
  /// Options given last, or followed by another option, so with no value.
  private var withoutValue: Set<String> = []
  private var consumed: Set<String> = []

  /// Parses `words`; `flagNames` take no value, every other `--name` takes one.
  init(_ words: [String], flags flagNames: Set<String>) throws {
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard word.hasPrefix("--"), word.count > 2 else {
        positionalWords.append(word)
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
      } else if index < words.count, !words[index].hasPrefix("--") {
        options[name, default: []].append(words[index])
        index += 1
      } else {
        withoutValue.insert(name)
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

  /// The words that are not options; a command that reads none refuses them in `finish`.
  mutating func takePositionals() -> [String] {
    positionalsTaken = true
    return positionalWords
  }

  /// Every value given for a repeatable option, in order.
  mutating func options(_ name: String) -> [String] {
    consumed.insert(name)
    return options[name] ?? []
  }

  mutating func requiredOption(_ name: String, hint: String) throws -> String {
    guard let value = option(name) else {
      if withoutValue.contains(name) { throw UsageError("--\(name) needs a value: \(hint)") }
      throw UsageError("missing --\(name) \(hint)")
    }
    return value
  }

  /// Refuses options the command does not know, options without their value, and words
  /// the command does not take, naming them.
  func finish() throws {
    let unknown = Set(options.keys).union(flags).union(withoutValue).subtracting(consumed)
    if let first = unknown.sorted().first {
      throw UsageError("unknown option --\(first); see --help")
    }
    if let first = withoutValue.sorted().first {
      throw UsageError("--\(first) needs a value; see --help")
    }
    if !positionalsTaken, let first = positionalWords.first {
      throw UsageError("unexpected argument '\(first)'; see --help")
    }
  }
}
