import Foundation
import LedgerProjections
import LedgerStore
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

enum ProjectCommand: LedgerCommand {
  static let name = "project"
  static let summary = "bring every read model up to the log's head, or follow it"
  static let help = """
    Usage: school-ledger project [--follow] [--rebuild NAME]... [--wait] [--batch-size N]

    Runs each built-in projection from its checkpoint to the log's head, writing its rows
    and its new checkpoint in one transaction per batch, so a killed runner leaves every
    read model exactly at its checkpoint and the next run carries on from there.

      --follow         after catching up, keep applying new events as they are appended
                       (within a second) until interrupted (Ctrl-C or SIGTERM: stops
                       after the batch in hand, exit 0)
      --rebuild NAME   build NAME afresh from sequence 1 (repeat for several; 'all' for
                       every projection)
      --wait           wait for another runner to finish instead of exiting with 75
      --batch-size N   events read per transaction (default 20000)

    A projection whose version changed, or one given to --rebuild, is built into a shadow
    copy while queries keep reading the old one; the copy replaces it in one transaction
    when it reaches the head. A projection that fails on an event stops there, with its
    checkpoint right before it (exit 65, naming the projection, sequence and event); the
    others carry on. One runner works on a ledger's read models at a time: a second one
    exits with 75 naming the process that holds them (or waits, with --wait).
    Projections: \(ProjectionCatalogue.all.map(\.name).joined(separator: ", ")).
    """
  static let flags: Set<String> = ["follow", "wait"]

  static func run(_ arguments: inout Arguments, _ environment: CommandEnvironment) throws -> Int32 {
    let follow = arguments.flag("follow")
    let wait = arguments.flag("wait")
    let rebuild = try rebuildNames(arguments.options("rebuild"))
    let batchSize = try batchSize(arguments.option("batch-size"))
    try arguments.finish()
    let lock = try RunnerLock(directory: environment.ledger.readModelsPath, wait: wait)
    defer { withExtendedLifetime(lock) {} }
    var runner = try makeRunner(environment, batchSize: batchSize)
    var failed = false
    guard follow else {
      for step in try runner.catchUp(ProjectionCatalogue.all, rebuild: rebuild) {
        describe(step, environment.logger)
        failed = failed || step.failure != nil
      }
      return failed ? ExitCode.dataError : ExitCode.ok
    }
    StopSignal.install()
    runner.shouldStop = { StopSignal.requested.load(ordering: .relaxed) }
    environment.logger.info("following the log; Ctrl-C to stop")
    try runner.follow(ProjectionCatalogue.all, rebuild: rebuild) { step in
      describe(step, environment.logger)
      failed = failed || step.failure != nil
    }
    environment.logger.info(
      StopSignal.requested.load(ordering: .relaxed)
        ? "stopped" : "every projection failed; stopping")
    return failed ? ExitCode.dataError : ExitCode.ok
  }

  private static func makeRunner(_ environment: CommandEnvironment, batchSize: Int?) throws
    -> ProjectionRunner
  {
    let log = try environment.ledger.openLog(readOnly: true)
    let store = try ReadModelStore(
      path: environment.ledger.readModelsPath, logger: environment.logger)
    return ProjectionRunner(
      log: log, store: store, logger: environment.logger, batchSize: batchSize ?? 20_000)
  }

  private static func describe(_ step: ProjectionProgress, _ logger: Logger) {
    guard step.failure == nil else { return }  // the runner has logged it
    let what = step.rebuilt ? (step.swapped ? " (rebuilt, now live)" : " (rebuilding)") : ""
    logger.info("\(step.projection): \(step.from) -> \(step.to)\(what)")
  }

  private static func rebuildNames(_ names: [String]) throws -> Set<String> {
    let known = ProjectionCatalogue.all.map(\.name)
    if names.contains("all") { return Set(known) }
    for name in names where !known.contains(name) {
      throw UsageError(
        "--rebuild: no projection '\(name)'; projections: \(known.joined(separator: ", "))")
    }
    return Set(names)
  }

  private static func batchSize(_ text: String?) throws -> Int? {
    guard let text else { return nil }
    guard let size = Int(text), size > 0 else {
      throw UsageError("--batch-size must be a positive number of events, e.g. 20000")
    }
    return size
  }
}

/// Ctrl-C and SIGTERM ask a following runner to stop after the batch in hand.
enum StopSignal {
  static let requested = Atomic<Bool>(false)

  static func install() {
    let handler: @convention(c) (Int32) -> Void = { _ in
      StopSignal.requested.store(true, ordering: .relaxed)
    }
    signal(SIGINT, handler)
    signal(SIGTERM, handler)
    // A parent may have started this process with these signals blocked (a child inherits
    // the mask of the thread that spawned it): unblock them, or the runner could not be
    // stopped gracefully.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }
}
