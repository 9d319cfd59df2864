import Foundation
import Testing

/// Corrections by re-import, bad rows, and personal data, with the real CLI.
@Suite("CSV corrections, rejected rows and personal data")
struct CSVCorrectionTests {
  static let register = "attendance-p4-1-long"

  static func void(_ target: ExportedEvent, _ reason: String) -> String {
    #"{"reason":"\#(reason)","voidedEventId":"\#(target.id)"}"#
  }

  @Test("a corrected register appends exactly a void and a new event per change")
  func correctedReimport() throws {
    let ledger = try CSVLedger()
    let (s1, _, s3, s4) = try ledger.pupils()
    #expect(try ledger.importSample("attendance", "attendance-p4-1-long.csv").status == 0)
    let original = try ledger.events()
    #expect(original.count == 8)

    let dryRun = try ledger.importSample(
      "attendance", "corrected/attendance-p4-1-long.csv", ["--dry-run"])
    #expect(dryRun.status == 0, "\(dryRun.stderr)")
    #expect(dryRun.stdout.contains("would append 4 events (2 new, 2 voids)"))
    #expect(try ledger.events().count == 8)

    let result = try ledger.importSample("attendance", "corrected/attendance-p4-1-long.csv")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "register 1099990001 '\(Self.register)': 1 new, 6 unchanged, 1 corrected, 1 removed"))
    let added = try ledger.events(from: 9)
    try #require(added.count == 4, "\(added)")

    // Line 3 changed from ขาด to ลา (ลากิจ): its old event is voided, then the new one.
    let replacement = added[1]
    try expectEvents(
      [replacement], [attendance(s1, "2024-06-04", "excused-absence", reason: "ลากิจ")])
    #expect(replacement.id != original[1].id)
    let correctionReason =
      "corrected by re-import of register '\(Self.register)'; replaced by \(replacement.id)"
    #expect(added[0].type == "correction.event-voided")
    #expect(added[0].id == "csv-void/" + original[1].id)
    #expect(added[0].naturalKey == original[1].naturalKey)
    #expect(added[0].occurredOn == "2024-06-04")
    #expect(
      added[0].payload
        == (try ExportedEvent.sorted(jsonObject(Self.void(original[1], correctionReason)))))
    // A new row for 5 June.
    try expectEvents([added[2]], [attendance(s4, "2024-06-05", "present")])
    // The row for ปิติ on 4 June is gone: its event is voided as removed.
    #expect(original[5].naturalKey == "1099990001/attendance/\(s3)/2024-06-04")
    #expect(added[3].id == "csv-void/" + original[5].id)
    #expect(
      added[3].payload
        == (try ExportedEvent.sorted(
          jsonObject(
            Self.void(
              original[5],
              "no longer in register '\(Self.register)' when it was re-imported")))))
    #expect(added.allSatisfy { $0.correlation == "csv/1099990001/attendance/\(Self.register)" })

    let again = try ledger.importSample("attendance", "corrected/attendance-p4-1-long.csv")
    #expect(again.stdout.contains("0 new, 8 unchanged, 0 corrected, 0 removed"))
    #expect(try ledger.events().count == 12)
  }

  @Test("importing the original again restores it under new ids, since a void is final")
  func restoreOriginal() throws {
    let ledger = try CSVLedger()
    #expect(try ledger.importSample("attendance", "attendance-p4-1-long.csv").status == 0)
    let original = try ledger.events()
    #expect(try ledger.importSample("attendance", "corrected/attendance-p4-1-long.csv").status == 0)
    let restore = try ledger.importSample("attendance", "attendance-p4-1-long.csv")
    #expect(restore.status == 0, "\(restore.stderr)")
    #expect(restore.stdout.contains("1 new, 6 unchanged, 1 corrected, 1 removed"))
    let added = try ledger.events(from: 13)
    let restored = added.filter { $0.type == "attendance.recorded" }
    #expect(restored.map(\.id).sorted() == [original[1].id + "~2", original[5].id + "~2"].sorted())
    #expect(
      restored.map(\.payload).sorted() == [original[1].payload, original[5].payload].sorted())
    #expect(added.filter { $0.type == "correction.event-voided" }.count == 2)
  }

  @Test("a file with one bad row appends nothing and names its line and column")
  func badRow() throws {
    let ledger = try CSVLedger()
    let result = try ledger.importSample("attendance", "attendance-bad-row.csv")
    #expect(result.status == 65)
    #expect(
      result.stderr.contains(
        "attendance-bad-row.csv: line 3: column 3 (วันที่: date): '31/6/2567' names no real day"))
    #expect(result.stdout.isEmpty)
    #expect(try ledger.events().isEmpty)
  }

  @Test("a national id in a remark is refused by its line, column and heading")
  func nationalIdInARemark() throws {
    let ledger = try CSVLedger()
    let input = ledger.directory.file("remark.csv")
    try """
    เลขที่,เลขประจำตัวประชาชน,ชื่อ-นามสกุล,วันที่,สถานะ,หมายเหตุ
    1,1100000000016,เด็กชายสมชาย ใจดี,3/6/2567,ขาด,
    1,1100000000016,เด็กชายสมชาย ใจดี,4/6/2567,ลา,แม่แจ้ง 1101700203451

    """.write(toFile: input, atomically: true, encoding: .utf8)
    let result = try CLI.run(
      ["import", "--format", "csv", "--kind", "attendance", input, "--school", CSVLedger.school],
      ledger: ledger.path)
    #expect(result.status == 65)
    #expect(
      result.stderr.contains(
        "remark.csv: line 3: column 6 (หมายเหตุ: reason): contains what looks like a national id"),
      "\(result.stderr)")
    #expect(try ledger.events().isEmpty)
  }

  @Test("--skip-bad-rows appends the good rows and writes the bad ones to fix and re-import")
  func skipBadRows() throws {
    let ledger = try CSVLedger()
    let input = ledger.directory.file("register.csv")
    try FileManager.default.copyItem(
      atPath: CSVLedger.sample("attendance-bad-row.csv"), toPath: input)
    let run = try CLI.run(
      [
        "import", "--format", "csv", "--kind", "attendance", input, "--school", CSVLedger.school,
        "--skip-bad-rows",
      ], ledger: ledger.path)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("2 new, 0 unchanged, 0 corrected, removed not checked"))
    #expect(try ledger.events().count == 2)
    let rejectsPath = ledger.directory.file("register.rejected.csv")
    let rejects = try String(contentsOfFile: rejectsPath, encoding: .utf8)
    #expect(
      rejects == "เลขประจำตัวประชาชน,ชื่อ-นามสกุล,วันที่,สถานะ,import-error\r\n"
        + "1100000000024,เด็กหญิงมาลี ศรีสุข,31/6/2567,มา,"
        + "column 3 (วันที่: date): '31/6/2567' names no real day\r\n")

    try rejects.replacingOccurrences(of: "31/6/2567", with: "30/6/2567")
      .write(toFile: rejectsPath, atomically: true, encoding: .utf8)
    let fixed = try CLI.run(
      [
        "import", "--format", "csv", "--kind", "attendance", rejectsPath, "--school",
        CSVLedger.school,
      ], ledger: ledger.path)
    #expect(fixed.status == 0, "\(fixed.stderr)")
    try expectEvents(
      try ledger.events(from: 3),
      [attendance(try ledger.key("1100000000024"), "2024-06-30", "present")])
  }

  @Test("no name and no raw national id or G-code from any sample reaches the log's bytes")
  func noPersonalData() throws {
    let ledger = try CSVLedger()
    let imports: [(String, String, [String])] = [
      ("attendance", "attendance-p4-1-long.csv", []),
      ("attendance", "corrected/attendance-p4-1-long.csv", []),
      ("attendance", "attendance-p4-1-wide.csv", []),
      ("attendance", "attendance-p4-1-wide-tis620.csv", []),
      ("enrolment", "enrolment-p4-2567.csv", []),
      ("assessment", "assessment-thai-reading-boy.tsv", []),
      (
        "assessment", "assessment-math-eoy-custom.csv",
        ["--mapping", CSVLedger.sample("mapping-score-sheet.json")]
      ),
      ("intervention-session", "intervention-sessions-2567.csv", []),
      ("plan-progress", "plan-progress-2567.csv", []),
    ]
    for (kind, file, extra) in imports {
      let result = try ledger.importSample(kind, file, extra)
      #expect(result.status == 0, "\(file): \(result.stderr)")
    }
    let log = try Data(contentsOf: URL(fileURLWithPath: ledger.path + "/log/data.mdb"))
    let export = try CLI.run(["export"], ledger: ledger.path).stdout
    #expect(export.contains("stu-"))
    let forbidden = [
      "1100000000016", "1100000000024", "1100000000032", "1100000000045", "G000000000104",
      "๑๑๐๐๐๐๐๐๐๐๐๒๔", "1-1000-00000-03-2", "สมชาย", "มาลี", "ปิติ", "ชูใจ", "มานะ", "ใจดี",
      "ศรีสุข", "รักเรียน", "มีสุข", "พากเพียร", "แพรว", "Somchai", "Malee", "Piti", "Chujai",
      "Mana", "Wira", "Jaidee", "Srisuk", "Rakrian", "Meesuk", "Pakpian",
    ]
    for text in forbidden {
      #expect(log.range(of: Data(text.utf8)) == nil, "'\(text)' is in the log")
      #expect(!export.contains(text), "'\(text)' is in the export")
    }
  }
}

private func jsonObject(_ text: String) throws -> Any {
  try JSONSerialization.jsonObject(with: Data(text.utf8))
}
