import LedgerEvents
import LedgerStore

extension Benchmark {
  /// Imports the generated year into the ledger, then the same stored bytes into each
  /// baseline, batch for batch, and records throughput.
  func importPhases() throws {
    let ledgerRun = try phase("import (ledger)") { try importIntoLedger() }
    importedEvents = ledgerRun.events
    let baselines = try phase("import (baselines)") { try importIntoBaselines() }
    guard baselines.events == ledgerRun.events else {
      throw BenchError(
        "the baselines saw \(baselines.events) events, the ledger \(ledgerRun.events)")
    }

    let seconds = { (nanoseconds: UInt64) in Double(nanoseconds) / 1e9 }
    let perSecond = { (count: Double, nanoseconds: UInt64) in count / seconds(nanoseconds) }
    let events = Double(ledgerRun.events)
    let megabytes = Double(baselines.bytes) / 1e6
    table.add(
      Figure(
        name: "import", unit: "events/s", ledger: perSecond(events, ledgerRun.nanoseconds),
        rawLMDB: perSecond(events, baselines.rawNanoseconds),
        sqliteNormal: perSecond(events, baselines.normalNanoseconds),
        sqliteFull: perSecond(events, baselines.fullNanoseconds)))
    table.add(
      Figure(
        name: "import", unit: "MB/s", ledger: perSecond(megabytes, ledgerRun.nanoseconds),
        rawLMDB: perSecond(megabytes, baselines.rawNanoseconds),
        sqliteNormal: perSecond(megabytes, baselines.normalNanoseconds),
        sqliteFull: perSecond(megabytes, baselines.fullNanoseconds), digits: 1))
    table.add(
      Figure(
        name: "generate (not timed in import)", unit: "events/s",
        ledger: perSecond(events, ledgerRun.generatorNanoseconds)))
    progress(
      "imported \(ledgerRun.events) events (\(baselines.bytes) bytes stored) in "
        + "\(ledgerRun.batches) batches of up to \(options.batchSize)")
  }

  struct LedgerImport {
    var events = 0
    var batches = 0
    var nanoseconds: UInt64 = 0
    var generatorNanoseconds: UInt64 = 0
  }

  /// Streams the generator into `EventLog.append`, timing the appends alone.
  private func importIntoLedger() throws -> LedgerImport {
    var run = LedgerImport()
    var resumed = Stopwatch.now()
    try network.generate(batchSize: options.batchSize) { batch in
      run.generatorNanoseconds += Stopwatch.now() - resumed
      let (outcome, nanoseconds) = try Stopwatch.time { try log.append(batch) }
      guard outcome.appendedCount == batch.count else {
        throw BenchError("the ledger appended \(outcome.appendedCount) of \(batch.count) events")
      }
      run.nanoseconds += nanoseconds
      run.events += batch.count
      run.batches += 1
      if run.batches % 50 == 0 { progress("ledger: \(run.events) events") }
      resumed = Stopwatch.now()
    }
    return run
  }

  struct BaselineImport {
    var events = 0
    var bytes = 0
    var rawNanoseconds: UInt64 = 0
    var normalNanoseconds: UInt64 = 0
    var fullNanoseconds: UInt64 = 0
  }

  /// Generates the same year again and feeds each batch's stored bytes to every baseline,
  /// taking turns at going first so that none always meets a colder cache.
  private func importIntoBaselines() throws -> BaselineImport {
    var run = BaselineImport()
    var next: UInt64 = 1
    var batchIndex = 0
    try network.generate(batchSize: options.batchSize) { batch in
      let prepared = try feeder.prepare(batch, first: next)
      let keys = prepared.keys()
      next += UInt64(batch.count)
      let writers: [() throws -> Void] = [
        {
          run.rawNanoseconds += try Stopwatch.time {
            try self.rawLMDB.appendBatch(prepared, keys: keys)
          }.nanoseconds
        },
        {
          run.normalNanoseconds += try Stopwatch.time {
            try self.sqliteNormal.appendBatch(prepared)
          }.nanoseconds
        },
        {
          run.fullNanoseconds += try Stopwatch.time { try self.sqliteFull.appendBatch(prepared) }
            .nanoseconds
        },
      ]
      for turn in 0..<writers.count { try writers[(turn + batchIndex) % writers.count]() }
      batchIndex += 1
      run.events += batch.count
      run.bytes += prepared.valueBytes
      if batchIndex % 50 == 0 { progress("baselines: \(run.events) events") }
    }
    return run
  }
}
