import Foundation
import LedgerStore
import Testing

/// Counts taken straight from the XML text with regular expressions: a different route from
/// the importer's XML parser and the projection.
private struct XMLCounts {
  /// School id -> category -> attendance events.
  var categories: [String: [String: Int]] = [:]
  /// School id -> absence category -> Σ EventDuration (1 when absent from the record).
  var absenceDays: [String: [String: Double]] = [:]
  /// School id -> distinct student ids with attendance or an intervention assignment there.
  var students: [String: Set<String>] = [:]

  init(attendanceFile: URL, interventionFile: URL) throws {
    let text = try String(contentsOf: attendanceFile, encoding: .utf8)
    let record = try Regex(
      #"<StudentSchoolAttendanceEvent>(.*?)</StudentSchoolAttendanceEvent>"#
    ).dotMatchesNewlines()
    let category = try Regex(#"AttendanceEventCategoryDescriptor#([^<]+)<"#)
    let student = try Regex(#"<StudentUniqueId>([^<]+)</StudentUniqueId>"#)
    let school = try Regex(#"<SchoolId>([^<]+)</SchoolId>"#)
    let durationTag = try Regex(#"<EventDuration>([^<]+)</EventDuration>"#)
    for match in text.matches(of: record) {
      let body = String(text[match.range])
      guard let c = body.firstMatch(of: category)?.output[1].substring,
        let s = body.firstMatch(of: student)?.output[1].substring,
        let id = body.firstMatch(of: school)?.output[1].substring
      else { continue }
      categories[String(id), default: [:]][String(c), default: 0] += 1
      students[String(id), default: []].insert(String(s))
      if c.hasSuffix("Absence") {
        let duration = body.firstMatch(of: durationTag).flatMap {
          Double($0.output[1].substring ?? "")
        }
        absenceDays[String(id), default: [:]][String(c), default: 0] += duration ?? 1
      }
    }
    let interventions = try String(contentsOf: interventionFile, encoding: .utf8)
    let association = try Regex(
      #"<StudentInterventionAssociation>(.*?)</StudentInterventionAssociation>"#
    ).dotMatchesNewlines()
    let organisation = try Regex(#"<EducationOrganizationId>([^<]+)<"#)
    for match in interventions.matches(of: association) {
      let body = String(interventions[match.range])
      guard let s = body.firstMatch(of: student)?.output[1].substring,
        let id = body.firstMatch(of: organisation)?.output[1].substring,
        categories[String(id)] != nil
      else { continue }
      students[String(id), default: []].insert(String(s))
    }
  }
}

/// Ed-Fi category names as the catalogue spells them.
private let catalogueCategory = [
  "Excused Absence": "excused-absence", "Unexcused Absence": "unexcused-absence",
  "Tardy": "tardy", "Early departure": "early-departure", "Partial": "partial",
  "In Attendance": "present",
]

@Suite(
  "Importing the Ed-Fi Grand Bend files",
  .enabled(if: CLI.edfiAvailable, "../shared/data/edfi-grand-bend is not beside the project"))
struct EdFiImportTests {
  @Test("a second import appends nothing; counts per school match the XML")
  func importTwiceAndCount() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    #expect(try CLI.run(["init"], ledger: ledger).status == 0)
    let first = try CLI.run(["import", CLI.edfiFolder.path], ledger: ledger)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("skipped"))
    #expect(!first.stdout.contains(", 0 appended"))
    let second = try CLI.run(["import", CLI.edfiFolder.path], ledger: ledger)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains(", 0 appended"))

    #expect(try CLI.run(["project"], ledger: ledger).status == 0)
    let query = try CLI.run(["query", "school-progress", "--format", "json"], ledger: ledger)
    #expect(query.status == 0, "\(query.stderr)")
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [[String: Any]])
    let expected = try XMLCounts(
      attendanceFile: CLI.edfiFolder.appendingPathComponent("StudentSchoolAttendance.xml"),
      interventionFile: CLI.edfiFolder.appendingPathComponent("StudentIntervention.xml"))
    #expect(!expected.categories.isEmpty)
    for (school, categories) in expected.categories {
      let row = try #require(rows.first { $0["schoolCode"] as? String == school })
      let events = row["attendanceEvents"] as? [String: Int] ?? [:]
      let wanted = Dictionary(
        uniqueKeysWithValues: categories.map { (catalogueCategory[$0.key] ?? $0.key, $0.value) })
      #expect(events == wanted, "school \(school)")
      #expect(row["studentsSeen"] as? Int == expected.students[school]?.count, "school \(school)")
      let days = row["absenceDays"] as? [String: Double] ?? [:]
      let wantedDays = Dictionary(
        uniqueKeysWithValues: (expected.absenceDays[school] ?? [:]).map {
          (catalogueCategory[$0.key] ?? $0.key, $0.value)
        })
      #expect(days == wantedDays, "school \(school)")
    }
  }

  @Test("no name from Student.xml appears anywhere in the ledger directory")
  func noNamesInLedger() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    #expect(try CLI.run(["import", CLI.edfiFolder.path], ledger: ledger).status == 0)
    #expect(try CLI.run(["project"], ledger: ledger).status == 0)

    let students = try String(
      contentsOf: CLI.edfiFolder.appendingPathComponent("Student.xml"), encoding: .utf8)
    let nameTag = try Regex(#"<(FirstName|LastSurname|MiddleName)>([^<]+)<"#)
    let person = try Regex(#"<FirstName>([^<]+)</FirstName>.*?<LastSurname>([^<]+)<"#)
      .dotMatchesNewlines()
    let fullNames = Set(
      students.matches(of: person).map {
        "\($0.output[1].substring ?? "") \($0.output[2].substring ?? "")"
      })
    #expect(fullNames.count > 100)

    // What `grep -ra` sees: every byte of every file in the ledger directory. Full names are
    // long enough that a match by chance in hash bytes is out of the question.
    var bytes = Data()
    let enumerator = FileManager.default.enumerator(atPath: ledger)
    while let name = enumerator?.nextObject() as? String {
      bytes += (try? Data(contentsOf: URL(fileURLWithPath: ledger + "/" + name))) ?? Data()
    }
    #expect(bytes.count > 100_000)
    let foundFull = fullNames.filter { bytes.range(of: Data($0.utf8)) != nil }
    #expect(foundFull.isEmpty, "full names found in the ledger: \(foundFull.sorted())")

    // Every single name, as a whole word of any event's text. Words that the other Ed-Fi
    // files also use ("Day", "Weeks") may come from those files and are left out.
    var otherFiles = ""
    for name in try FileManager.default.contentsOfDirectory(atPath: CLI.edfiFolder.path)
    where name != "Student.xml" {
      otherFiles +=
        (try? String(contentsOf: CLI.edfiFolder.appendingPathComponent(name), encoding: .utf8))
        ?? ""
    }
    let otherWords = Set(otherFiles.split { !$0.isLetter }.map(String.init))
    let tokens = Set(students.matches(of: nameTag).map { String($0.output[2].substring ?? "") })
    let names = tokens.filter { !$0.isEmpty && !otherWords.contains($0) }
    #expect(names.count > 100)
    let exported = try CLI.run(
      ["timeline", "--school", "255901001", "--format", "json"], ledger: ledger)
    var eventWords = Set(exported.stdout.split { !$0.isLetter }.map(String.init))
    let log = try EventLog(path: ledger + "/log", readOnly: true)
    try log.read { reader in
      try reader.forEachRecord { record in
        eventWords.formUnion(
          String(decoding: record.body, as: UTF8.self).split { !$0.isLetter }.map(String.init))
        return true
      }
    }
    #expect(eventWords.count > 50)
    let found = names.intersection(eventWords)
    #expect(found.isEmpty, "names found in events: \(found.sorted())")
  }

  @Test("a malformed file gives exit 65 naming file, record and field; the log is unchanged")
  func malformedFiles() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("ledger")
    _ = try CLI.run(["init"], ledger: ledger)
    #expect(try CLI.run(["import", CLI.edfiFolder.path], ledger: ledger).status == 0)
    let before = try CLI.run(["status", "--format", "json"], ledger: ledger).stdout

    let source = try String(
      contentsOf: CLI.edfiFolder.appendingPathComponent("StudentSchoolAttendance.xml"),
      encoding: .utf8)
    let cases: [(name: String, text: String, mentions: [String])] = [
      ("truncated.xml", String(source.prefix(5_000)), ["truncated.xml"]),
      (
        "unknown-descriptor.xml",
        source.replacingOccurrences(
          of: "AttendanceEventCategoryDescriptor#Tardy",
          with: "AttendanceEventCategoryDescriptor#Napping"),
        ["unknown-descriptor.xml", "AttendanceEventCategory", "Napping"]
      ),
      (
        "missing-date.xml",
        source.replacingOccurrences(of: "<EventDate>2021-08-31</EventDate>", with: ""),
        ["missing-date.xml", "EventDate"]
      ),
    ]
    for bad in cases {
      let path = dir.file(bad.name)
      try bad.text.write(toFile: path, atomically: true, encoding: .utf8)
      let result = try CLI.run(["import", path], ledger: ledger)
      #expect(result.status == 65, "\(bad.name): \(result.stderr)")
      for word in bad.mentions {
        #expect(
          result.stderr.contains(word), "\(bad.name) should mention \(word): \(result.stderr)")
      }
      #expect(try CLI.run(["status", "--format", "json"], ledger: ledger).stdout == before)
    }
  }
}
