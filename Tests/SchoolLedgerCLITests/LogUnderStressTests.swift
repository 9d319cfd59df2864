import Foundation
import LedgerEvents
import LedgerStore
import Testing

/// Real separate processes against one ledger: concurrent writers, killed importers, a
/// killed reader, a backup during an import, a full disk.
@Suite("The log under concurrent writers, crashes and growth", .serialized)
struct LogUnderStressTests {
  private func head(_ ledger: String) throws -> LogHead {
    try EventLog(path: ledger + "/log", readOnly: true).head()
  }

  @Test("three importers at once all succeed; the sequence stays dense and verifies")
  // Every process starts with a 1 MiB map, so each of them grows it on the way and the
  // others must adopt the new size.
  func concurrentImporters() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    let schools = ["1001000001", "1001000002", "1001000003"]
    for (index, school) in schools.enumerated() {
      try EventFiles.attendance(
        count: 3_000, school: school, prefix: "w\(index)", to: dir.file("w\(index).jsonl"))
    }
    let writers = try schools.indices.map {
      try CLI.start(["import", dir.file("w\($0).jsonl"), "--batch-size", "250"], ledger: ledger)
    }
    // A reader polling meanwhile must only ever see whole batches: every batch is 250
    // events, so every head it sees is a multiple of 250.
    let watcher = try EventLog(path: ledger + "/log", readOnly: true)
    var seen: Set<UInt64> = []
    while writers.contains(where: \.isRunning) {
      seen.insert(try watcher.head().sequence)
    }
    for writer in writers { writer.waitUntilExit() }
    #expect(seen.allSatisfy { $0 % 250 == 0 }, "partial batches seen: \(seen.sorted())")
    #expect(writers.map(\.terminationStatus) == [0, 0, 0])

    let log = try EventLog(path: ledger + "/log", readOnly: true)
    let report = try log.verifyChain()
    #expect(report.isIntact)
    #expect(report.checked == 9_000)
    try log.read { (reader: LogReader) throws in
      for school in schools {
        #expect(try reader.streamVersion(school) == 3_000)
        #expect(try reader.sequences(inStream: school).count == 3_000)
      }
      for index in schools.indices {
        #expect(try reader.sequence(ofEventId: "w\(index)-2999") != nil)
      }
    }
  }

  @Test("an import killed at random moments keeps whole batches; a re-run completes it")
  func killedImports() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    let total = 12_000
    let batch = 1_000
    try EventFiles.attendance(
      count: total, school: "1001000001", prefix: "k", to: dir.file("k.jsonl"))
    var generator = SystemRandomNumberGenerator()
    var delays: [Double] = []
    for _ in 0..<4 {
      let delay = Double.random(in: 0.2...2.0, using: &generator)
      delays.append(delay)
      let importer = try CLI.start(
        ["import", dir.file("k.jsonl"), "--batch-size", String(batch)], ledger: ledger)
      Thread.sleep(forTimeInterval: delay)
      kill(importer.processIdentifier, SIGKILL)
      importer.waitUntilExit()
      let report = try EventLog(path: ledger + "/log", readOnly: true).verifyChain()
      #expect(report.isIntact, "after a kill at \(delay)s")
      #expect(report.checked % UInt64(batch) == 0, "after a kill at \(delay)s: \(report.checked)")
    }
    let final = try CLI.run(
      ["import", dir.file("k.jsonl"), "--batch-size", String(batch)], ledger: ledger)
    #expect(final.status == 0, "kills at \(delays): \(final.stderr)")
    let report = try EventLog(path: ledger + "/log", readOnly: true).verifyChain()
    #expect(report.isIntact)
    #expect(report.checked == UInt64(total), "kills at \(delays)")
    let again = try CLI.run(["import", dir.file("k.jsonl")], ledger: ledger)
    #expect(again.stdout.contains("0 appended, \(total) already present"))
  }

  @Test("a backup taken during an import verifies and matches the source's hash there")
  func backupDuringImport() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    try EventFiles.attendance(
      count: 12_000, school: "1001000001", prefix: "b", to: dir.file("b.jsonl"))
    let importer = try CLI.start(
      ["import", dir.file("b.jsonl"), "--batch-size", "500"], ledger: ledger)
    // Back up as soon as the first batches are in, while the import goes on.
    let deadline = Date().addingTimeInterval(60)
    while try head(ledger).sequence < 1_000 && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    let backup = try CLI.run(["backup", dir.file("copy")], ledger: ledger)
    let wasRunning = importer.isRunning
    importer.waitUntilExit()
    #expect(backup.status == 0, "\(backup.stderr)")
    #expect(importer.terminationStatus == 0)

    let copy = try EventLog(path: dir.file("copy") + "/log", readOnly: true)
    let copyReport = try copy.verifyChain()
    #expect(copyReport.isIntact)
    #expect(copyReport.checked >= 1_000)
    #expect(copyReport.checked % 500 == 0, "the copy holds whole batches")
    if wasRunning { #expect(copyReport.checked < 12_000) }
    let source = try EventLog(path: ledger + "/log", readOnly: true)
    let sourceRecord = try source.read { try $0.record(at: copyReport.head.sequence) }
    #expect(sourceRecord?.hash == copyReport.head.hash)
    #expect(FileManager.default.fileExists(atPath: dir.file("copy") + "/pseudonym.key"))
  }

  @Test(
    "a reader killed inside its transaction is cleared on the next open; the file stops growing")
  func killedReader() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    try EventFiles.attendance(
      count: 40_000, school: "1001000001", prefix: "r", to: dir.file("r.jsonl"))
    #expect(try CLI.run(["import", dir.file("r.jsonl")], ledger: ledger).status == 0)

    // A long-running writer has the log open throughout, as a projection worker would. (A
    // process that opens the log when no other has it open finds the reader table reset
    // by LMDB itself.)
    let log = try EventLog(path: ledger + "/log")
    // One snapshot for the whole walk: the verifier holds its read transaction until killed.
    let reader = try CLI.start(["verify", "--chunk-size", "1000000"], ledger: ledger)
    Thread.sleep(forTimeInterval: 0.8)
    kill(reader.processIdentifier, SIGKILL)
    reader.waitUntilExit()
    #expect(reader.terminationStatus != 0, "the verifier finished before it was killed")

    #expect(log.environment.clearStaleReaders() == 1)
    let growthCleared = try growth(of: log, ledger: ledger, prefix: "after")
    // The control: a live reader pinned at an old snapshot makes the same appends grow it.
    let growthPinned = try log.read { _ in try growth(of: log, ledger: ledger, prefix: "pinned") }
    #expect(growthCleared < 2 << 20, "grew \(growthCleared) bytes with the slot cleared")
    #expect(
      growthPinned > 4 * max(growthCleared, 1), "pinned \(growthPinned), cleared \(growthCleared)")
  }

  @Test("the ledger and its backup are for their owner only: folders 0700, files 0600")
  func ownerOnly() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    #expect(try CLI.run(["init"], ledger: ledger).status == 0)
    #expect(try CLI.run(["backup", dir.file("copy")], ledger: ledger).status == 0)
    func mode(_ path: String) throws -> Int {
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
    for root in [ledger, dir.file("copy")] {
      #expect(try mode(root) == 0o700, "\(root)")
      #expect(try mode(root + "/log") == 0o700, "\(root)/log")
      #expect(try mode(root + "/log/data.mdb") == 0o600, "\(root)/log/data.mdb")
      let secrets = try FileManager.default.contentsOfDirectory(atPath: root)
        .filter { $0 != "log" && $0 != "read-models" }
      #expect(!secrets.isEmpty)
      for file in secrets { #expect(try mode(root + "/" + file) == 0o600, "\(root)/\(file)") }
    }
  }

  @Test("a backup adopts a map that another process grew after the backup opened the log")
  func backupAfterGrowthElsewhere() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    let opened = try EventLog(path: ledger + "/log", readOnly: true)
    let mapBefore = opened.environment.mapSize
    try EventFiles.attendance(
      count: 12_000, school: "1001000001", prefix: "g", to: dir.file("g.jsonl"))
    #expect(try CLI.run(["import", dir.file("g.jsonl")], ledger: ledger).status == 0)

    try FileManager.default.createDirectory(
      atPath: dir.file("copy"), withIntermediateDirectories: true)
    try opened.environment.copy(to: dir.file("copy"))
    #expect(opened.environment.mapSize > mapBefore)
    let copy = try EventLog(path: dir.file("copy"), readOnly: true)
    #expect(try copy.verifyChain().checked == 12_000)
  }

  @Test("one-event imports started while a large import commits batch after batch all succeed")
  // Each small import opens the log while the large one holds the writer lock and adds
  // pages; it must adopt the grown file (MDB_MAP_RESIZED) rather than fail.
  func smallImportsDuringALargeOne() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    try EventFiles.attendance(
      count: 40_000, school: "1001000001", prefix: "big", to: dir.file("big.jsonl"))
    let large = try CLI.start(
      ["import", dir.file("big.jsonl"), "--batch-size", "500"], ledger: ledger)
    let watcher = try EventLog(path: ledger + "/log", readOnly: true)
    while large.isRunning, try watcher.head().sequence == 0 { usleep(10_000) }

    var statuses: [Int32] = []
    var index = 0
    while large.isRunning {
      let file = dir.file("small-\(index).jsonl")
      try EventFiles.attendance(count: 1, school: "1001000002", prefix: "s\(index)", to: file)
      statuses.append(try CLI.run(["import", file], ledger: ledger).status)
      index += 1
    }
    large.waitUntilExit()
    #expect(large.terminationStatus == 0)
    #expect(!statuses.isEmpty)
    #expect(statuses.allSatisfy { $0 == 0 }, "exit statuses: \(statuses)")
    let report = try EventLog(path: ledger + "/log", readOnly: true).verifyChain()
    #expect(report.isIntact)
    #expect(report.checked == UInt64(40_000 + statuses.count))
  }

  @Test("a writer that opened before another process grew the map adopts it and appends")
  func writerAfterGrowthElsewhere() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    let opened = try EventLog(path: ledger + "/log")
    let mapBefore = opened.environment.mapSize
    try EventFiles.attendance(
      count: 12_000, school: "1001000001", prefix: "g", to: dir.file("g.jsonl"))
    #expect(try CLI.run(["import", dir.file("g.jsonl")], ledger: ledger).status == 0)

    try EventFiles.attendance(
      count: 1, school: "1001000002", prefix: "late", to: dir.file("late.jsonl"))
    let line = try String(contentsOfFile: dir.file("late.jsonl"), encoding: .utf8)
    let event = try CanonicalJSON.decode(EventEnvelope.self, from: Array(line.utf8))
    let outcome = try opened.append([event])
    #expect(outcome.head.sequence == 12_001)
    #expect(opened.environment.mapSize > mapBefore)
    #expect(try opened.verifyChain().checked == 12_001)
  }

  /// Bytes the data file grows by over 300 single-event appends.
  private func growth(of log: EventLog, ledger: String, prefix: String) throws -> Int {
    let file = ledger + "/log/data.mdb"
    let before = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
    for index in 0..<300 {
      try log.append([stressEvent("\(prefix)-\(index)")])
    }
    let after = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
    return after - before
  }

  @Test("a full disk gives exit 74 and a clear message, and the log stays intact")
  func fullDisk() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    try EventFiles.attendance(
      count: 300, school: "1001000001", prefix: "f", to: dir.file("small.jsonl"))
    #expect(try CLI.run(["import", dir.file("small.jsonl")], ledger: ledger).status == 0)
    let before = try head(ledger)
    try EventFiles.attendance(
      count: 30_000, school: "1001000001", prefix: "g", to: dir.file("big.jsonl"))

    // A file size limit stands in for a full disk: writes past it fail with EFBIG, as they
    // would with ENOSPC, once the signal it raises is ignored.
    let size =
      try FileManager.default.attributesOfItem(atPath: ledger + "/log/data.mdb")[.size] as? Int ?? 0
    let limitBlocks = size / 1024 + 256
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/bash")
    shell.arguments = [
      "-c",
      "ulimit -f \(limitBlocks); trap '' XFSZ; exec \"$0\" import \"$1\" --ledger \"$2\"",
      CLI.executable.path, dir.file("big.jsonl"), ledger,
    ]
    let err = Pipe()
    shell.standardError = err
    shell.standardOutput = FileHandle.nullDevice
    try shell.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    shell.waitUntilExit()
    #expect(shell.terminationStatus == 74, "\(message)")
    #expect(message.contains("full"), "\(message)")
    let report = try EventLog(path: ledger + "/log", readOnly: true).verifyChain()
    #expect(report.isIntact)
    #expect(report.head == before)
  }
}

private func stressEvent(_ id: String) -> EventEnvelope {
  EventEnvelope(
    id: id, stream: "1001000009", occurredOn: "2024-06-03", actor: "teacher:1",
    source: .init(system: "test", naturalKey: id),
    payload: .attendanceRecorded(
      .init(
        studentKey: "stu-" + String(repeating: "c", count: 32), date: "2024-06-03",
        category: .tardy)))
}
