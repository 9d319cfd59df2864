import Foundation
import Testing

private let keyA = "stu-" + String(repeating: "a", count: 32)
private let keyB = "stu-" + String(repeating: "b", count: 32)

/// One school in network net-a, worked out by hand:
///
/// Calendar: three listed days, 2024-05-16, 17 and 20. A and B enrolled from 05-16.
/// A absent 05-17 (1 of 3 days: chronic), flagged that day, visited at home 05-20 (3 days
/// later). School: 6 enrolled days, 1 absent, rate 5/6 = 0.833; no plan.
private func smallLedger(in dir: TemporaryDirectory) throws -> String {
  func line(_ id: String, _ type: String, _ date: String, _ payload: String) -> String {
    """
    {"id":"\(id)","type":"\(type)","stream":"1001000001","occurredOn":"\(date)",\
    "actor":"teacher:1","source":{"system":"test","naturalKey":"\(id)"},"payload":\(payload)}
    """
  }
  let lines = [
    line(
      "reg", "registry.school-registered", "2024-05-01",
      #"{"schoolCode":"1001000001","name":"Ban Test School"}"#),
    line(
      "join", "registry.school-joined-group", "2024-05-01",
      #"{"groupId":"net-a","groupName":"Network A","groupKind":"network","#
        + #""effectiveDate":"2024-05-01"}"#),
    line(
      "cal", "registry.calendar-published", "2024-05-01",
      #"{"academicYear":"2567","sessions":[{"name":"t1","beginDate":"2024-05-16","#
        + #""endDate":"2024-05-20","instructionalDays":3,"#
        + #""instructionalDates":["2024-05-16","2024-05-17","2024-05-20"]}]}"#),
    line(
      "in-a", "enrolment.student-enrolled", "2024-05-16",
      #"{"studentKey":"\#(keyA)","gradeLevel":"P4","entryDate":"2024-05-16"}"#),
    line(
      "in-b", "enrolment.student-enrolled", "2024-05-16",
      #"{"studentKey":"\#(keyB)","gradeLevel":"P4","entryDate":"2024-05-16"}"#),
    line(
      "abs", "attendance.recorded", "2024-05-17",
      #"{"studentKey":"\#(keyA)","date":"2024-05-17","category":"unexcused-absence"}"#),
    line(
      "flag", "care.student-flagged", "2024-05-17",
      #"{"studentKey":"\#(keyA)","reasons":["chronic-absence"],"#
        + #""rule":"absence-3-in-20-days","ruleVersion":1,"date":"2024-05-17"}"#),
    line(
      "visit", "intervention.session-held", "2024-05-20",
      #"{"kind":"home-visit","date":"2024-05-20","studentKeys":["\#(keyA)"],"#
        + #""dosageMinutes":45}"#),
  ]
  let ledger = dir.file("ledger")
  #expect(try CLI.run(["init"], ledger: ledger).status == 0)
  try lines.joined(separator: "\n").write(
    toFile: dir.file("events.jsonl"), atomically: true, encoding: .utf8)
  let imported = try CLI.run(["import", dir.file("events.jsonl")], ledger: ledger)
  #expect(imported.status == 0, "\(imported.stderr)")
  #expect(try CLI.run(["project"], ledger: ledger).status == 0)
  return ledger
}

/// The keys of each object of a JSON array, in the order printed.
private func printedKeys(_ json: String) -> [String] {
  let firstObject = json.prefix { $0 != "}" }
  let key = try? Regex(#"\n    "([^"]+)" :"#)
  return key.map { firstObject.matches(of: $0).map { String($0.output[1].substring ?? "") } }
    ?? []
}

private func objects(_ text: String) throws -> [[String: Any]] {
  try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
}

@Suite("query for every read model")
struct ReadModelQueryTests {
  @Test("network-summary: table, csv and json with fixed columns and the hand-worked numbers")
  func networkSummary() throws {
    let dir = try TemporaryDirectory()
    let ledger = try smallLedger(in: dir)
    let base = ["query", "network-summary", "--as-of", "2024-06-01"]
    let table = try CLI.run(base, ledger: ledger)
    #expect(table.status == 0, "\(table.stderr)")
    let lines = table.stdout.split(separator: "\n").map {
      $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
    #expect(
      lines.first
        == "kind group name as.of schools improving impr.share 80%.met model model.share "
        + "10%.met students att.rate chronic dropouts dropout.rate flagged care.cov sessions "
        + "home.visits no.plan gaps")
    // No plan: not improving, counted under no.plan. 1 of 1 flagged visited.
    #expect(
      lines.last
        == "network net-a Network A 2024-06-01 1 0 0.00 no 0 0.00 no 2 0.833 1 0 0.000 1 1.00 "
        + "1 1 1 0")
    let csv = try CLI.run(base + ["--format", "csv"], ledger: ledger)
    #expect(
      csv.stdout.hasPrefix(
        "groupKind,groupId,name,asOf,schools,members,schoolsImproving,improvingShare,"))
    #expect(csv.stdout.contains("\nnetwork,net-a,Network A,2024-06-01,1,1001000001,0,0.0000,"))
    let json = try CLI.run(base + ["--format", "json"], ledger: ledger)
    let keys = printedKeys(json.stdout)
    #expect(keys == keys.sorted())
    #expect(keys.count >= 10)
    let row = try #require(try objects(json.stdout).first)
    #expect(row["enrolledDays"] as? Double == 6)
    #expect(row["absentDays"] as? Double == 1)
    #expect(row["members"] as? [String] == ["1001000001"])
    // Before the school joined there are no members and the shares are empty: JSON leaves
    // an empty value's key out, as school-progress does.
    let before = try objects(
      CLI.run(
        ["query", "network-summary", "--as-of", "2024-04-30", "--format", "json"], ledger: ledger
      ).stdout)
    #expect(before.first?["schools"] as? Int == 0)
    #expect(before.first?.keys.contains("improvingShare") == false)
  }

  @Test("students-needing-care: keys per school, suppressed counts per network")
  func studentsNeedingCare() throws {
    let dir = try TemporaryDirectory()
    let ledger = try smallLedger(in: dir)
    let list = try CLI.run(
      ["query", "students-needing-care", "--school", "1001000001", "--format", "csv"],
      ledger: ledger)
    #expect(list.status == 0, "\(list.stderr)")
    #expect(
      list.stdout == """
        schoolCode,studentKey,firstFlagged,reasons,rules,status,clearedOn,sessions,\
        sessionsSinceFlag,sessionMinutes,sessionKinds,firstSessionAfterFlag,daysToFirstSession,\
        enrolledDays,absentDays,attendanceRate,attendanceGap
        1001000001,\(keyA),2024-05-17,chronic-absence,absence-3-in-20-days@1,open,,1,1,45,\
        home-visit:1,2024-05-20,3,3,1.0,0.6667,

        """)
    let network = ["query", "students-needing-care", "--network", "net-a", "--as-of", "2024-06-01"]
    let csv = try CLI.run(network + ["--format", "csv"], ledger: ledger)
    #expect(
      csv.stdout == """
        scope,code,name,flagged,byReason.chronic-absence,byReason.low-attainment,\
        byReason.poverty,byReason.dropout-risk,byReason.other,withoutSession,cleared,\
        withoutAttendance
        school,1001000001,Ban Test School,<5,<5,0,0,0,0,0,0,0
        total,net-a,Network A,<5,<5,0,0,0,0,0,0,0

        """)
    let table = try CLI.run(network, ledger: ledger)
    #expect(table.stdout.contains("<5"))
    #expect(!table.stdout.contains(keyA))
    let json = try CLI.run(network + ["--format", "json"], ledger: ledger)
    #expect(!json.stdout.contains(keyA))
    let rows = try objects(json.stdout)
    #expect(rows.map { $0["flagged"] as? String } == ["<5", "<5"])
    #expect(rows.first?["cleared"] as? Int == 0)
    let keys = printedKeys(json.stdout)
    #expect(keys == keys.sorted())
    let both = try CLI.run(
      ["query", "students-needing-care", "--school", "1", "--network", "n"], ledger: ledger)
    #expect(both.status == 64)
  }

  @Test("daily-attendance: a row per school day with membership and the day's rate")
  func dailyAttendance() throws {
    let dir = try TemporaryDirectory()
    let ledger = try smallLedger(in: dir)
    let csv = try CLI.run(
      ["query", "daily-attendance", "--school", "1001000001", "--format", "csv"], ledger: ledger)
    #expect(csv.status == 0, "\(csv.stderr)")
    // 05-17: A absent: (2 - 1) / 2 = 0.5.
    #expect(
      csv.stdout == """
        schoolCode,date,instructional,membership,studentsRecorded,studentsByCategory.present,\
        studentsByCategory.excused-absence,studentsByCategory.unexcused-absence,\
        studentsByCategory.tardy,studentsByCategory.early-departure,studentsByCategory.partial,\
        absenceDays,absentMembers,attendanceRate,gaps.marksOnNonInstructionalDay,\
        gaps.marksWithoutEnrolment
        1001000001,2024-05-16,true,2,0,0,0,0,0,0,0,0.00,0.00,1.0000,0,0
        1001000001,2024-05-17,true,2,1,0,0,1,0,0,0,1.00,1.00,0.5000,0,0
        1001000001,2024-05-20,true,2,0,0,0,0,0,0,0,0.00,0.00,1.0000,0,0

        """)
    let table = try CLI.run(
      ["query", "daily-attendance", "--from", "2024-05-17", "--to", "2024-05-17"], ledger: ledger)
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines.first?.hasPrefix("school      date        instr  members  recorded") == true)
    let json = try CLI.run(["query", "daily-attendance", "--format", "json"], ledger: ledger)
    let keys = printedKeys(json.stdout)
    #expect(keys == keys.sorted())
    #expect(try objects(json.stdout).count == 3)
    let backwards = try CLI.run(
      ["query", "daily-attendance", "--from", "2024-05-20", "--to", "2024-05-16"], ledger: ledger)
    #expect(backwards.status == 64)
  }

  @Test("an unknown read model is a usage error naming every read model; help lists them")
  func unknownName() throws {
    let result = try CLI.run(["query", "attendance"])
    #expect(result.status == 64)
    for name in ["school-progress", "network-summary", "students-needing-care", "daily-attendance"]
    {
      #expect(result.stderr.contains(name), "\(result.stderr)")
      #expect(try CLI.run(["query", "--help"]).stdout.contains(name))
    }
  }

  @Test("on the demo network: daily sums and network totals agree with school progress")
  func demoAgreement() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("demo")
    #expect(try CLI.run(["demo"], ledger: ledger).status == 0)
    let progress = try objects(
      CLI.run(["query", "school-progress", "--format", "json"], ledger: ledger).stdout)
    let daily = try objects(
      CLI.run(["query", "daily-attendance", "--format", "json"], ledger: ledger).stdout)
    let networks = try objects(
      CLI.run(
        ["query", "network-summary", "--as-of", "2099-01-01", "--format", "json"], ledger: ledger
      ).stdout)
    #expect(progress.count == 20)
    var bySchool: [String: [String: Any]] = [:]
    for row in progress { bySchool[row["schoolCode"] as? String ?? ""] = row }

    // Σ over a school's instructional days of the day's membership = its enrolled days, and
    // of the members' absence = its absent days.
    var membership: [String: Int] = [:]
    var absent: [String: Double] = [:]
    for day in daily where day["instructional"] as? Bool == true {
      let school = day["schoolCode"] as? String ?? ""
      membership[school, default: 0] += day["membership"] as? Int ?? 0
      absent[school, default: 0] += day["absentMembers"] as? Double ?? 0
    }
    for (school, row) in bySchool {
      #expect(Double(membership[school] ?? -1) == row["enrolledDays"] as? Double, "\(school)")
      let expected = row["absentDays"] as? Double ?? -1
      #expect(abs((absent[school] ?? -1) - expected) < 1e-9, "\(school)")
    }

    // Every school in exactly one network at the end; totals are the members' sums.
    #expect(networks.count == 4)
    let members = networks.flatMap { $0["members"] as? [String] ?? [] }
    #expect(members.sorted() == bySchool.keys.sorted())
    for network in networks {
      let rows = (network["members"] as? [String] ?? []).compactMap { bySchool[$0] }
      func sum(_ field: String) -> Int { rows.reduce(0) { $0 + ($1[field] as? Int ?? 0) } }
      #expect(network["studentsEnrolled"] as? Int == sum("studentsEnrolled"))
      #expect(network["chronicallyAbsent"] as? Int == sum("chronicallyAbsent"))
      #expect(network["dropouts"] as? Int == sum("dropouts"))
      #expect(network["flaggedStudents"] as? Int == sum("flaggedStudents"))
      #expect(network["homeVisits"] as? Int == sum("homeVisits"))
      let improving = rows.filter { $0["improving"] as? Bool == true }.count
      #expect(network["schoolsImproving"] as? Int == improving)
    }
  }
}
