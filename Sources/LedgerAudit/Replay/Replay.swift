import Foundation
import LedgerEvents
import LedgerProjections
import LedgerStore

/// Rebuilds read models as they were at an earlier point of the log, without touching the
/// live ones.
///
/// Each rebuild runs the ordinary ``ProjectionRunner`` into a fresh read-model environment in
/// a scratch directory, which is removed when the rebuild is done. The log is only read, so
/// it may be opened read-only and other processes may append meanwhile: everything after the
/// requested sequence is ignored.
public struct Replay {
  let log: EventLog
  let logger: Logger
  let scratchParent: String

  /// A replay over `log`; scratch environments go under `scratchDirectory` (default: the
  /// system's temporary directory).
  public init(log: EventLog, logger: Logger = .silent, scratchDirectory: String? = nil) {
    self.log = log
    self.logger = logger
    self.scratchParent = scratchDirectory ?? FileManager.default.temporaryDirectory.path
  }

  /// The log's head sequence now.
  public func headSequence() throws -> UInt64 {
    try log.head().sequence
  }

  /// The last sequence the ledger had recorded at `moment` (0: nothing yet).
  public func sequence(asKnownAt moment: Timestamp) throws -> UInt64 {
    try log.read { try $0.lastSequence(recordedAtOrBefore: moment) }
  }

  /// The last sequence inside `cut`.
  public func sequence(_ cut: LogCut) throws -> UInt64 {
    try log.read { try cut.lastSequence(in: $0) }
  }

  /// Whole-school progress as the live read model showed it when its checkpoint was at
  /// `sequence`: every school's row, or `school`'s only.
  public func schoolProgress(
    through sequence: UInt64, report: SchoolProgressReport = SchoolProgressReport(),
    school: String? = nil
  ) throws -> [SchoolProgressRow] {
    let snapshots = try rebuild(SchoolProgressProjection(), through: [sequence]) { reader in
      try report.rows(reader, school: school)
    }
    return snapshots.first ?? []
  }

  /// Rebuilds `projection` in one scratch environment through each of `sequences` in
  /// ascending order, reading each state with `body` before carrying on to the next; the
  /// results come back in the order of `sequences`.
  ///
  /// Throws the ``ProjectionError`` of an event the projection cannot apply: a replay that
  /// stopped early would silently show an older state.
  public func rebuild<T>(
    _ projection: any Projection, through sequences: [UInt64],
    read body: (ReadModelReader) throws -> T
  ) throws -> [T] {
    let scratch = scratchParent + "/school-ledger-replay-\(UUID().uuidString)"
    defer { removeScratch(scratch) }
    let results = try rebuild(projection, in: scratch, through: Set(sequences).sorted(), body)
    return sequences.compactMap { results[$0] }
  }

  private func rebuild<T>(
    _ projection: any Projection, in scratch: String, through sequences: [UInt64],
    _ body: (ReadModelReader) throws -> T
  ) throws -> [UInt64: T] {
    let store = try ReadModelStore(path: scratch)
    // The runner's own messages (a rebuild of a fresh model, a failure) would repeat what
    // this replay reports or throws.
    let runner = ProjectionRunner(log: log, store: store, logger: .silent)
    var results: [UInt64: T] = [:]
    for sequence in sequences {
      let progress = try runner.catchUp(projection, through: sequence)
      if let failure = progress.failure { throw failure }
      logger.debug("\(projection.name): replayed through \(progress.to)")
      results[sequence] = try store.read(body)
    }
    return results
  }

  private func removeScratch(_ path: String) {
    guard FileManager.default.fileExists(atPath: path) else { return }
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      logger.warning("could not remove the replay's scratch read models \(path): \(error)")
    }
  }
}
