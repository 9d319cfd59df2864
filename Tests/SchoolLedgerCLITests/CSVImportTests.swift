import Foundation
import Testing

/// Each sample shape in docs/samples/csv imported with the real CLI, against its events
/// written out by hand from the file's rows.
@Suite("Importing CSV registers and score sheets")
struct CSVImportTests {
  @Test("a long UTF-8 register with Thai headings, B.E. dates and a multi-line reason")
  func longRegister() throws {
    let ledger = try CSVLedger()
    let (s1, s2, s3, s4) = try ledger.pupils()
    let result = try ledger.importSample("attendance", "attendance-p4-1-long.csv")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout.contains(
        "(CSV long, UTF-8 with BOM, comma): 8 rows, 8 records, 0 rejected, 0 warnings"))
    #expect(result.stdout.contains("8 new, 0 unchanged, 0 corrected, 0 removed"))
    let events = try ledger.events()
    try expectEvents(
      events,
      [
        attendance(s1, "2024-06-03", "present"),
        attendance(s1, "2024-06-04", "unexcused-absence"),
        attendance(
          s2, "2024-06-03", "excused-absence", reason: "ป่วย, มีไข้ ผู้ปกครองแจ้งทางโทรศัพท์"),
        attendance(s2, "2024-06-04", "tardy"),
        attendance(s3, "2024-06-03", "present"),
        attendance(s3, "2024-06-04", "present"),
        attendance(s4, "2024-06-03", "present"),
        attendance(s4, "2024-06-04", "unexcused-absence"),
      ])
    #expect(
      events.allSatisfy { $0.correlation == "csv/1099990001/attendance/attendance-p4-1-long" })

    let again = try ledger.importSample("attendance", "attendance-p4-1-long.csv")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("0 new, 8 unchanged, 0 corrected, 0 removed"))
    #expect(again.stdout.contains("summary: 0 appended"))
  }

  static func wideEvents(_ ledger: CSVLedger) throws -> [ExpectedEvent] {
    let (s1, s2, s3, s4) = try ledger.pupils()
    return [
      attendance(s1, "2024-06-10", "present"), attendance(s1, "2024-06-11", "present"),
      attendance(s1, "2024-06-12", "unexcused-absence"),
      attendance(s2, "2024-06-10", "excused-absence"), attendance(s2, "2024-06-11", "present"),
      attendance(s2, "2024-06-12", "present"),
      attendance(s3, "2024-06-10", "present"), attendance(s3, "2024-06-12", "tardy"),
      attendance(s4, "2024-06-10", "excused-absence"),
      attendance(s4, "2024-06-11", "excused-absence"), attendance(s4, "2024-06-12", "present"),
    ]
  }

  @Test("a wide UTF-8 register: one column per day, an empty cell records nothing")
  func wideRegister() throws {
    let ledger = try CSVLedger()
    let result = try ledger.importSample("attendance", "attendance-p4-1-wide.csv")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("(CSV wide, UTF-8, comma): 4 rows, 11 records"))
    #expect(result.stderr.contains("column 7 (รวมขาด): not a known heading; ignored"))
    try expectEvents(try ledger.events(), try Self.wideEvents(ledger))
  }

  @Test("the TIS-620 register with B.E. dates and Thai digits gives its UTF-8 twin's events")
  func tis620Twin() throws {
    let ledger = try CSVLedger()
    let result = try ledger.importSample("attendance", "attendance-p4-1-wide-tis620.csv")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("(CSV wide, tis-620, semicolon): 4 rows, 11 records"))
    let tisEvents = try ledger.events()
    try expectEvents(tisEvents, try Self.wideEvents(ledger))

    // The twin, into the same ledger: every record is already there, unchanged.
    let twin = try ledger.importSample("attendance", "attendance-p4-1-wide.csv")
    #expect(twin.status == 0, "\(twin.stderr)")
    #expect(twin.stdout.contains("0 new, 11 unchanged, 0 corrected, 0 removed"))
    #expect(twin.stdout.contains("summary: 0 appended"))

    // And into a ledger with the same secret: the very same ids and payloads.
    let other = try CSVLedger()
    try FileManager.default.removeItem(atPath: other.path + "/pseudonym.key")
    try FileManager.default.copyItem(
      atPath: ledger.path + "/pseudonym.key", toPath: other.path + "/pseudonym.key")
    #expect(try other.importSample("attendance", "attendance-p4-1-wide.csv").status == 0)
    let utf8Events = try other.events()
    #expect(utf8Events.map(\.id) == tisEvents.map(\.id))
    #expect(utf8Events.map(\.payload) == tisEvents.map(\.payload))
  }

  @Test("an enrolment list: exits become exit events; a bad check digit warns, not rejects")
  func enrolment() throws {
    let ledger = try CSVLedger()
    let (s1, s2, s3, s4) = try ledger.pupils()
    let s5 = try ledger.key("1100000000045")
    let s6 = try ledger.localKey("67006")
    let result = try ledger.importSample("enrolment", "enrolment-p4-2567.csv")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("6 rows, 8 records, 0 rejected, 1 warnings"))
    #expect(
      result.stderr.contains(
        "enrolment-p4-2567.csv: line 6: column 3 (National ID: national-id): the national id's "
          + "check digit does not match"))
    func enrolled(_ student: String) -> ExpectedEvent {
      ExpectedEvent(
        type: "enrolment.student-enrolled",
        naturalKey: "1099990001/enrolment/\(student)/2024-05-16", occurredOn: "2024-05-16",
        payload:
          #"{"classroom":"ป.4/1","entryDate":"2024-05-16","gradeLevel":"ป.4","#
          + #""studentKey":"\#(student)"}"#
      )
    }
    try expectEvents(
      try ledger.events(),
      [
        enrolled(s1), enrolled(s2), enrolled(s3), enrolled(s4), enrolled(s5),
        ExpectedEvent(
          type: "enrolment.student-exited", naturalKey: "1099990001/exit/\(s5)/2024-05-16",
          occurredOn: "2024-09-30",
          payload:
            #"{"exitDate":"2024-09-30","exitType":"transferred","#
            + #""localReason":"ผู้ปกครองย้ายที่ทำงาน","studentKey":"\#(s5)"}"#
        ),
        enrolled(s6),
        ExpectedEvent(
          type: "enrolment.student-exited", naturalKey: "1099990001/exit/\(s6)/2024-05-16",
          occurredOn: "2024-08-15",
          payload: #"{"exitDate":"2024-08-15","exitType":"dropout","studentKey":"\#(s6)"}"#),
      ])
  }

  @Test("a tab-separated score sheet, and one read through a mapping file")
  func assessments() throws {
    let ledger = try CSVLedger()
    let (s1, s2, s3, s4) = try ledger.pupils()
    let sheet = try ledger.importSample("assessment", "assessment-thai-reading-boy.tsv")
    #expect(sheet.status == 0, "\(sheet.stderr)")
    #expect(sheet.stdout.contains("(CSV long, UTF-8, tab): 4 rows, 4 records"))
    let mapped = try ledger.importSample(
      "assessment", "assessment-math-eoy-custom.csv",
      ["--mapping", CSVLedger.sample("mapping-score-sheet.json")])
    #expect(mapped.status == 0, "\(mapped.stderr)")
    func result(
      _ student: String, _ test: String, _ date: String, _ period: String, _ score: String,
      level: String? = nil
    ) -> ExpectedEvent {
      let levelField = level.map { #","performanceLevel":"\#($0)""# } ?? ""
      return ExpectedEvent(
        type: "assessment.student-assessed",
        naturalKey: "1099990001/assessment/\(test)/\(student)/\(date)", occurredOn: date,
        payload:
          #"{"administrationDate":"\#(date)","assessmentId":"\#(test)","period":"\#(period)","#
          + #""scores":[{"reportingMethod":"raw-score","value":"\#(score)"}],"#
          + #""studentKey":"\#(student)"\#(levelField)}"#
      )
    }
    let reading = "tsqp-thai-reading-2567"
    try expectEvents(
      try ledger.events(),
      [
        result(s1, reading, "2024-06-14", "beginning-of-year", "12"),
        result(s2, reading, "2024-06-14", "beginning-of-year", "17"),
        result(s3, reading, "2024-06-14", "beginning-of-year", "9.5"),
        result(s4, reading, "2024-06-14", "beginning-of-year", "15"),
        result(s1, "tsqp-math-2567", "2025-03-07", "end-of-year", "18", level: "ดีมาก"),
        result(s2, "tsqp-math-2567", "2025-03-07", "end-of-year", "14", level: "ดี"),
      ])
  }

  @Test("intervention sessions with and without a student")
  func sessions() throws {
    let ledger = try CSVLedger()
    let (s1, s2, _, s4) = try ledger.pupils()
    let result = try ledger.importSample("intervention-session", "intervention-sessions-2567.csv")
    #expect(result.status == 0, "\(result.stderr)")
    func session(
      _ key: String, _ date: String, _ payload: String
    ) -> ExpectedEvent {
      ExpectedEvent(
        type: "intervention.session-held",
        naturalKey: "1099990001/intervention-session/\(key)", occurredOn: date, payload: payload)
    }
    try expectEvents(
      try ledger.events(),
      [
        session(
          "care-2567/home-visit/2024-06-20/\(s1)", "2024-06-20",
          #"{"date":"2024-06-20","dosageMinutes":45,"interventionId":"care-2567","#
            + #""kind":"home-visit","studentKeys":["\#(s1)"]}"#
        ),
        session(
          "reading-catch-up/tutoring/2024-06-21/\(s2)", "2024-06-21",
          #"{"date":"2024-06-21","dosageMinutes":60,"interventionId":"reading-catch-up","#
            + #""kind":"tutoring","studentKeys":["\#(s2)"]}"#
        ),
        session(
          "reading-catch-up/tutoring/2024-06-21/\(s4)", "2024-06-21",
          #"{"date":"2024-06-21","dosageMinutes":60,"interventionId":"reading-catch-up","#
            + #""kind":"tutoring","studentKeys":["\#(s4)"]}"#
        ),
        session(
          "-/plc-meeting/2024-06-26/staff", "2024-06-26",
          #"{"date":"2024-06-26","dosageMinutes":90,"kind":"plc-meeting","studentKeys":[]}"#),
      ])
  }

  @Test("plan progress with the school in a column, no --school needed")
  func planProgress() throws {
    let ledger = try CSVLedger()
    let result = try CLI.run(
      [
        "import", "--format", "csv", "--kind", "plan-progress",
        CSVLedger.sample("plan-progress-2567.csv"),
      ], ledger: ledger.path)
    #expect(result.status == 0, "\(result.stderr)")
    func progress(_ goal: String, _ value: String) -> ExpectedEvent {
      ExpectedEvent(
        type: "plan.progress-reported",
        naturalKey: "1099990001/plan-progress/plan-2567/\(goal)/2024-09-30",
        occurredOn: "2024-09-30",
        payload:
          #"{"asOf":"2024-09-30","goalId":"\#(goal)","planId":"plan-2567","value":\#(value)}"#
      )
    }
    try expectEvents(
      try ledger.events(),
      [
        progress("attendance-rate", "0.94"), progress("reading-proficient-share", "0.41"),
        progress("dropouts", "1"),
      ])
  }
}
