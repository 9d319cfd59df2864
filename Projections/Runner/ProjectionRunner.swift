import LedgerEvents
import LedgerStore

/// What one projection's catch-up did.
public struct ProjectionProgress: Sendable {
  public var projection: String
  /// Where it started and ended.
  public var from: UInt64
  public var to: UInt64
  /// Whether it started again from sequence 1 because its version changed.
  public var rebuilt: Bool
  /// The event it stopped on, if one failed.
  public var failure: ProjectionError?
}

/// Reads the log in order from each projection's checkpoint and applies events to its read
/// model, writing rows and the new checkpoint in one read-model transaction per batch.
///
/// A crash at any moment leaves every model exactly at its checkpoint: the batch's rows and
/// checkpoint commit together or not at all. A runner that finds the checkpoint moved by
/// another runner while it read drops its batch and reads again, so no event is applied
/// twice.
public struct ProjectionRunner {
  let log: EventLog
  let store: ReadModelStore
  let logger: Logger
  let batchSize: Int

  public init(log: EventLog, store: ReadModelStore, logger: Logger, batchSize: Int = 20_000) {
    self.log = log
    self.store = store
    self.logger = logger
    self.batchSize = batchSize
  }

  /// Brings every projection up to the log's head (or to `limit`, for replays).
  public func catchUp(
    _ projections: [any Projection], through limit: UInt64 = .max
  ) throws -> [ProjectionProgress] {
    // A worker killed mid-read elsewhere would otherwise keep old pages pinned.
    log.environment.clearStaleReaders()
    store.environment.clearStaleReaders()
    return try projections.map { try catchUp($0, through: limit) }
  }

  /// Brings one projection up to the log's head (or to `limit`).
  public func catchUp(_ projection: any Projection, through limit: UInt64 = .max) throws
    -> ProjectionProgress
  {
    let start = try prepare(projection)
    var progress = ProjectionProgress(
      projection: projection.name, from: start.sequence, to: start.sequence,
      rebuilt: start.rebuilt, failure: nil)
    while true {
      let batch = try readBatch(after: progress.to, through: limit, for: projection)
      guard let last = batch.lastSequence else { break }
      switch try applyBatch(batch, after: progress.to, projection) {
      case .committed:
        progress.to = last
      case .moved(let checkpoint):
        progress.to = checkpoint
      case .failed(let committedThrough, let error):
        progress.to = committedThrough
        progress.failure = error
        logger.error(error.description)
        return progress
      }
      logger.debug("\(projection.name): applied through \(progress.to)")
    }
    return progress
  }

  /// Resets a projection whose stored version differs from its code, and returns where to
  /// start.
  private func prepare(_ projection: any Projection) throws -> (sequence: UInt64, rebuilt: Bool) {
    try store.environment.write { txn in
      let reader = ReadModelReader(txn: txn)
      if let checkpoint = try reader.checkpoint(projection.name),
        checkpoint.version == projection.version
      {
        return (checkpoint.sequence, false)
      }
      let rebuilt = try reader.checkpoint(projection.name) != nil
      try deleteRows(of: projection.name, in: txn)
      try writeCheckpoint(
        Checkpoint(version: projection.version, sequence: 0), for: projection.name, in: txn)
      if rebuilt { logger.info("\(projection.name): version changed, rebuilding from 1") }
      return (0, rebuilt)
    }
  }

  private struct Batch {
    var events: [RecordedEvent] = []
    /// For each void in `events`, the event it voids (when it exists).
    var voided: [String: RecordedEvent] = [:]
    var lastSequence: UInt64?
  }

  private func readBatch(after start: UInt64, through limit: UInt64, for projection: any Projection)
    throws -> Batch
  {
    let types = projection.eventTypes
    return try log.read { reader in
      var batch = Batch()
      let end = min(limit, start &+ UInt64(batchSize))
      guard start < end else { return batch }
      try reader.forEachRecord(from: start + 1, through: end) { record in
        let event = record.event
        batch.lastSequence = event.sequence
        if case .eventVoided(let void) = event.payload,
          let sequence = try reader.sequence(ofEventId: void.voidedEventId),
          sequence < event.sequence,
          let original = try reader.event(at: sequence), types.contains(original.type)
        {
          batch.voided[event.id] = original
          batch.events.append(event)
        } else if types.contains(event.type) {
          batch.events.append(event)
        }
        return true
      }
      return batch
    }
  }

  private enum BatchOutcome {
    case committed
    case moved(UInt64)
    case failed(committedThrough: UInt64, ProjectionError)
  }

  private func applyBatch(_ batch: Batch, after start: UInt64, _ projection: any Projection)
    throws -> BatchOutcome
  {
    guard let last = batch.lastSequence else { return .committed }
    var failure: (index: Int, error: ProjectionError)?
    do {
      return try store.environment.write { txn in
        let current = try ReadModelReader(txn: txn).checkpoint(projection.name)
        guard current?.sequence == start, current?.version == projection.version else {
          return .moved(current?.sequence ?? 0)
        }
        var writer = ReadModelWriter(txn: txn, projection: projection.name)
        for (index, event) in batch.events.enumerated() {
          do {
            try apply(event, batch: batch, projection, &writer)
          } catch {
            failure = (
              index,
              ProjectionError(
                projection: projection.name, sequence: event.sequence, eventId: event.id,
                message: "\(error)")
            )
            throw BatchAborted()
          }
        }
        try writer.flush()
        try writeCheckpoint(
          Checkpoint(version: projection.version, sequence: last), for: projection.name, in: txn)
        return .committed
      }
    } catch is BatchAborted {
      guard let failure else { throw StoreError(.lmdb(0), "batch aborted without a cause") }
      // Commit everything before the poison event, so the checkpoint stops right before it.
      let before = failure.error.sequence - 1
      var prefix = batch
      prefix.events = Array(batch.events.prefix(failure.index))
      prefix.lastSequence = before
      if before > start { _ = try applyBatch(prefix, after: start, projection) }
      return .failed(committedThrough: max(start, before), failure.error)
    }
  }

  private func apply(
    _ event: RecordedEvent, batch: Batch, _ projection: any Projection,
    _ writer: inout ReadModelWriter
  ) throws {
    if let original = batch.voided[event.id] {
      try projection.retract(original, to: &writer)
    }
    if projection.eventTypes.contains(event.type) {
      try projection.apply(event, to: &writer)
    }
  }

  private func deleteRows(of name: String, in txn: LMDBTransaction) throws {
    var keys: [[UInt8]] = []
    try txn.scan(ReadModelStore.rows, prefix: RowKey.make(name, "")) { key, _ in
      keys.append(Array(key))
    }
    for key in keys { try txn.delete(ReadModelStore.rows, key) }
  }

  private func writeCheckpoint(_ checkpoint: Checkpoint, for name: String, in txn: LMDBTransaction)
    throws
  {
    try txn.put(ReadModelStore.checkpoints, Array(name.utf8), try CanonicalJSON.encode(checkpoint))
  }
}

private struct BatchAborted: Error {}
