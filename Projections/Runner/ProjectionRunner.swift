import LedgerEvents
import LedgerStore

/// What one projection's catch-up did.
public struct ProjectionProgress: Sendable {
  public var projection: String
  /// Where it started and ended (in the shadow when `rebuilt`).
  public var from: UInt64
  public var to: UInt64
  /// Whether it built from sequence 1 into a shadow generation, because its version
  /// changed or a rebuild was asked for.
  public var rebuilt: Bool
  /// Whether a finished rebuild was swapped in as the live model.
  public var swapped: Bool = false
  /// The event it stopped on, if one failed.
  public var failure: ProjectionError?
}

/// Reads the log in order from each projection's checkpoint and applies events to its read
/// model, writing rows and the new checkpoint in one read-model transaction per batch.
///
/// A crash at any moment leaves every model exactly at its checkpoint: the batch's rows and
/// checkpoint commit together or not at all. A runner that finds the checkpoint moved by
/// another runner while it read drops its batch and reads again, so no event is applied
/// twice (``RunnerLock`` keeps a second runner from even trying).
///
/// A projection whose version changed, or one asked to rebuild, is built from sequence 1
/// into a new generation of rows (the shadow) while queries go on reading the old one; when
/// the shadow reaches the head it replaces the live model in one transaction.
public struct ProjectionRunner {
  let log: EventLog
  let store: ReadModelStore
  let logger: Logger
  let batchSize: Int
  /// Asked between batches; when it answers true the runner stops where it is, leaving
  /// every model at a committed checkpoint (follow mode's Ctrl-C).
  public var shouldStop: @Sendable () -> Bool = { false }

  public init(log: EventLog, store: ReadModelStore, logger: Logger, batchSize: Int = 20_000) {
    self.log = log
    self.store = store
    self.logger = logger
    self.batchSize = max(1, batchSize)
  }

  /// Brings every projection up to the log's head (or to `limit`, for replays). Those
  /// named in `rebuild` are built afresh into a shadow first.
  ///
  /// The log is read and decoded once for all of them: each batch of events is read from
  /// the earliest checkpoint among the projections still working, and every projection
  /// takes the events past its own checkpoint, in its own read-model transaction, so one
  /// projection's poison event stops only that one.
  public func catchUp(
    _ projections: [any Projection], through limit: UInt64 = .max, rebuild: Set<String> = []
  ) throws -> [ProjectionProgress] {
    // A worker killed mid-read elsewhere would otherwise keep old pages pinned.
    log.environment.clearStaleReaders()
    store.environment.clearStaleReaders()
    var work = try projections.map { projection in
      let start = try prepare(projection, rebuild: rebuild.contains(projection.name))
      return Work(projection: projection, slot: start.slot, checkpoint: start.checkpoint)
    }
    while !shouldStop() {
      let working = work.indices.filter { !work[$0].finished }
      guard let from = working.map({ work[$0].checkpoint.sequence }).min() else { break }
      let events = try readEvents(after: from, through: limit)
      for index in working {
        try advance(&work[index], with: events)
      }
    }
    return work.map(\.progress)
  }

  /// Brings one projection up to the log's head (or to `limit`).
  public func catchUp(
    _ projection: any Projection, through limit: UInt64 = .max, rebuild: Bool = false
  ) throws -> ProjectionProgress {
    let names: Set<String> = rebuild ? [projection.name] : []
    guard let progress = try catchUp([projection], through: limit, rebuild: names).first else {
      throw StoreError(.lmdb(0), "catch-up of \(projection.name) reported nothing")
    }
    return progress
  }

  /// One projection's catch-up in progress.
  private struct Work {
    let projection: any Projection
    let slot: CheckpointSlot
    var checkpoint: Checkpoint
    var progress: ProjectionProgress
    var finished = false

    init(projection: any Projection, slot: CheckpointSlot, checkpoint: Checkpoint) {
      self.projection = projection
      self.slot = slot
      self.checkpoint = checkpoint
      self.progress = ProjectionProgress(
        projection: projection.name, from: checkpoint.sequence, to: checkpoint.sequence,
        rebuilt: slot == .shadow, failure: nil)
    }
  }

  /// Applies the part of `events` past `work`'s checkpoint, or finishes `work` when the
  /// log holds nothing more for it.
  private func advance(_ work: inout Work, with events: EventBatch) throws {
    let projection = work.projection
    guard let last = events.lastSequence, last > work.checkpoint.sequence else {
      if events.lastSequence == nil || events.reachedEnd {
        if work.slot == .shadow {
          work.progress.swapped = try swapIn(projection, built: work.checkpoint)
        }
        work.finished = true
      }
      return
    }
    let batch = events.batch(for: projection, after: work.checkpoint.sequence)
    switch try applyBatch(batch, onto: work.checkpoint, slot: work.slot, projection) {
    case .committed:
      work.checkpoint.sequence = last
    case .moved(let current):
      // Another runner applied these events first: carry on from where it got to, or
      // stop if it also swapped generations under us.
      guard let current, current.version == work.checkpoint.version,
        current.generation == work.checkpoint.generation,
        current.sequence >= work.checkpoint.sequence
      else {
        logger.warning("\(projection.name): another runner took over; stopping here")
        work.finished = true
        return
      }
      work.checkpoint = current
    case .failed(let committedThrough, let error):
      work.progress.to = committedThrough
      work.progress.failure = error
      work.finished = true
      logger.error(error.description)
      return
    }
    work.progress.to = work.checkpoint.sequence
    logger.debug("\(projection.name): applied through \(work.progress.to)")
  }

  /// Decides where the projection's work goes (the live model, or a shadow rebuild) and
  /// returns the checkpoint to continue from.
  private func prepare(_ projection: any Projection, rebuild: Bool) throws
    -> (slot: CheckpointSlot, checkpoint: Checkpoint)
  {
    try store.environment.write { txn in
      let reader = ReadModelReader(txn: txn)
      let name = projection.name
      let live = try reader.checkpoint(name)
      let shadow = try reader.checkpoint(name, slot: .shadow)
      guard let live else {
        // Never built: build straight into the live slot, from nothing.
        try ReadModelStore.deleteAll(
          ReadModelStore.rows, prefix: RowKey.allGenerations(name), in: txn)
        if shadow != nil {
          try txn.delete(ReadModelStore.checkpoints, CheckpointSlot.shadow.key(name))
        }
        let first = Checkpoint(version: projection.version, sequence: 0)
        try write(first, .live, for: name, in: txn)
        return (.live, first)
      }
      if let shadow, shadow.version == projection.version {
        // A rebuild already under way (perhaps by a runner that was killed): finish it.
        return (.shadow, shadow)
      }
      if let shadow {
        try discard(shadow, of: name, in: txn)
      }
      if live.version == projection.version && !rebuild {
        return (.live, live)
      }
      let fresh = Checkpoint(
        version: projection.version, sequence: 0, generation: live.generation &+ 1)
      try write(fresh, .shadow, for: name, in: txn)
      logger.info(
        live.version == projection.version
          ? "\(name): rebuilding from 1 into a shadow copy"
          : "\(name): version \(live.version) -> \(projection.version), rebuilding from 1 "
            + "into a shadow copy; queries read version \(live.version) until it is done")
      return (.shadow, fresh)
    }
  }

  /// Replaces the live model with the finished shadow `built`, and drops the old rows.
  private func swapIn(_ projection: any Projection, built: Checkpoint) throws -> Bool {
    try store.environment.write { txn in
      let reader = ReadModelReader(txn: txn)
      let name = projection.name
      guard try reader.checkpoint(name, slot: .shadow) == built else { return false }
      if let old = try reader.checkpoint(name), old.generation != built.generation {
        try discard(old, of: name, in: txn)
      }
      try write(built, .live, for: name, in: txn)
      try txn.delete(ReadModelStore.checkpoints, CheckpointSlot.shadow.key(name))
      return true
    }
  }

  /// Events read from the log once, for every projection.
  private struct EventBatch {
    var events: [RecordedEvent] = []
    /// For each void in `events`, the event it voids (when it exists).
    var voided: [String: RecordedEvent] = [:]
    var lastSequence: UInt64?
    /// Whether the read stopped at the log's head or the limit, not at the batch size.
    var reachedEnd = false

    /// The events `projection` reads (and the voids of events it read) after `start`.
    func batch(for projection: any Projection, after start: UInt64) -> Batch {
      let types = projection.eventTypes
      var batch = Batch(lastSequence: lastSequence)
      for event in events where event.sequence > start {
        if let original = voided[event.id], types.contains(original.type) {
          batch.voided[event.id] = original
          batch.events.append(event)
        } else if types.contains(event.type) {
          batch.events.append(event)
        }
      }
      return batch
    }
  }

  /// What one projection applies from an ``EventBatch``.
  private struct Batch {
    var events: [RecordedEvent] = []
    var voided: [String: RecordedEvent] = [:]
    var lastSequence: UInt64?
  }

  private func readEvents(after start: UInt64, through limit: UInt64) throws -> EventBatch {
    try log.read { reader in
      var batch = EventBatch()
      let end = min(limit, start &+ UInt64(batchSize))
      guard start < end else {
        batch.reachedEnd = true
        return batch
      }
      try reader.forEachRecord(from: start + 1, through: end) { record in
        let event = record.event
        batch.lastSequence = event.sequence
        if case .eventVoided(let void) = event.payload,
          let sequence = try reader.sequence(ofEventId: void.voidedEventId),
          sequence < event.sequence, let original = try reader.event(at: sequence)
        {
          batch.voided[event.id] = original
        }
        batch.events.append(event)
        return true
      }
      batch.reachedEnd = (batch.lastSequence ?? start) < end || end == limit
      return batch
    }
  }

  private enum BatchOutcome {
    case committed
    case moved(Checkpoint?)
    case failed(committedThrough: UInt64, ProjectionError)
  }

  private func applyBatch(
    _ batch: Batch, onto start: Checkpoint, slot: CheckpointSlot, _ projection: any Projection
  ) throws -> BatchOutcome {
    guard let last = batch.lastSequence else { return .committed }
    var failure: (index: Int, error: ProjectionError)?
    do {
      return try store.environment.write { txn in
        let current = try ReadModelReader(txn: txn).checkpoint(projection.name, slot: slot)
        guard current == start else { return .moved(current) }
        var writer = ReadModelWriter(
          txn: txn, projection: projection.name, generation: start.generation)
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
        var next = start
        next.sequence = last
        try write(next, slot, for: projection.name, in: txn)
        return .committed
      }
    } catch is BatchAborted {
      guard let failure else { throw StoreError(.lmdb(0), "batch aborted without a cause") }
      // Commit everything before the poison event, so the checkpoint stops right before it.
      let before = failure.error.sequence - 1
      var prefix = batch
      prefix.events = Array(batch.events.prefix(failure.index))
      prefix.lastSequence = before
      if before > start.sequence { _ = try applyBatch(prefix, onto: start, slot: slot, projection) }
      return .failed(committedThrough: max(start.sequence, before), failure.error)
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

  /// Deletes the rows of the generation `checkpoint` describes (and the checkpoint, when it
  /// is the shadow's).
  private func discard(_ checkpoint: Checkpoint, of name: String, in txn: LMDBTransaction) throws {
    try ReadModelStore.deleteAll(
      ReadModelStore.rows, prefix: RowKey.scope(name, generation: checkpoint.generation),
      in: txn)
    if try ReadModelReader(txn: txn).checkpoint(name, slot: .shadow) == checkpoint {
      try txn.delete(ReadModelStore.checkpoints, CheckpointSlot.shadow.key(name))
    }
  }

  private func write(
    _ checkpoint: Checkpoint, _ slot: CheckpointSlot, for name: String, in txn: LMDBTransaction
  ) throws {
    try txn.put(
      ReadModelStore.checkpoints, slot.key(name), try CanonicalJSON.encode(checkpoint))
  }
}

private struct BatchAborted: Error {}
