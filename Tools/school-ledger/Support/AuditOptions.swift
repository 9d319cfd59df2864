import LedgerAudit
import LedgerEvents
import LedgerProjections
import LedgerStore

/// Options the audit commands (`timeline`, `replay`, `diff`, `explain`) share.
enum AuditOptions {
  static let projectionNames = ProjectionCatalogue.all.map(\.name).joined(separator: ", ")

  /// The cut given as `--<sequence> N` or `--<moment> TIME`; nil when neither is given.
  static func cut(
    _ arguments: inout Arguments, sequence: String = "at-seq", moment: String = "as-known-at"
  ) throws -> LogCut? {
    let number = arguments.option(sequence)
    let time = arguments.option(moment)
    switch (number, time) {
    case (nil, nil):
      return nil
    case (let number?, nil):
      guard let value = UInt64(number) else {
        throw UsageError("--\(sequence) needs a sequence number such as 400, not '\(number)'")
      }
      return .throughSequence(value)
    case (nil, let time?):
      guard let value = LogCut.moment(time) else {
        throw UsageError(
          "--\(moment) needs a UTC time such as 2026-12-03T19:30:04Z or a date such as "
            + "2026-12-03, not '\(time)'")
      }
      return .knownAt(value)
    case (.some, .some):
      throw UsageError("give --\(sequence) or --\(moment), not both")
    }
  }

  /// The last sequence inside `cut` (given with `--<option>`), refusing a sequence past the
  /// log's head and warning when a time comes before the first event.
  static func sequence(_ cut: LogCut, option: String, _ replay: Replay, _ logger: Logger)
    throws -> UInt64
  {
    let head = try replay.headSequence()
    let sequence = try replay.sequence(cut)
    switch cut {
    case .throughSequence(let requested) where requested > head:
      throw UsageError(
        "--\(option) \(requested) is past the log's head (sequence \(head)); give 0 to \(head)")
    case .knownAt(let moment):
      if sequence == 0 && head > 0 {
        logger.warning("nothing was recorded by \(moment); showing the empty ledger")
      } else {
        logger.info("as known at \(moment): sequence \(sequence) of \(head)")
      }
    default:
      break
    }
    return sequence
  }

  /// `--chronic-threshold SHARE`, 0.10 when not given.
  static func chronicThreshold(_ arguments: inout Arguments) throws -> Double {
    let text = arguments.option("chronic-threshold") ?? "0.10"
    guard let threshold = Double(text), threshold > 0, threshold <= 1 else {
      throw UsageError("--chronic-threshold must be a share in (0, 1], e.g. 0.10, not '\(text)'")
    }
    return threshold
  }

  /// The projection named by the first positional word: one of the catalogue's that these
  /// commands can print.
  static func projection(_ positionals: [String], verb: String, extra: String? = nil) throws
    -> String
  {
    let usage = "school-ledger \(verb) school-progress" + (extra.map { " " + $0 } ?? "")
    guard let name = positionals.first else {
      throw UsageError("name the read model to \(verb): \(usage)")
    }
    guard ProjectionCatalogue.named(name) != nil else {
      throw UsageError("unknown read model '\(name)'; the read models are: \(projectionNames)")
    }
    // Each read model has its own row type and printed form; only school-progress has one.
    guard name == SchoolProgressProjection().name else {
      throw UsageError("\(verb) cannot print '\(name)' yet; it can print school-progress")
    }
    let expected = extra == nil ? 1 : 2
    guard positionals.count <= expected else {
      throw UsageError("unexpected argument '\(positionals[expected])'; usage: \(usage)")
    }
    return name
  }
}
