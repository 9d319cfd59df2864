import Foundation
import Testing

@testable import LedgerEvents

private let key = "stu-" + String(repeating: "0", count: 13) + String(repeating: "a", count: 19)

private func mark(
  id: String = "e1", stream: String = "1001000001", reason: String? = nil,
  date: String = "2024-06-03"
) -> EventEnvelope {
  EventEnvelope(
    id: id, stream: stream, occurredOn: date, actor: "teacher:1",
    source: EventSource(system: "test", naturalKey: id),
    payload: .attendanceRecorded(
      AttendanceRecorded(studentKey: key, date: date, category: .tardy, reason: reason)))
}

private func issues(_ envelope: EventEnvelope) -> [String] {
  do {
    try envelope.validate()
    return []
  } catch {
    return error.issues.map(\.field)
  }
}

@Suite("Validation keeps personal data and unsafe text out of the log")
struct ValidationTests {
  @Test("a pseudonymous key whose hex holds 13 decimal digits is accepted")
  func keyWithDigitsAccepted() {
    #expect(issues(mark()) == [])
  }

  @Test(
    "a national id is refused in any text field, plain, dashed or in Thai digits",
    arguments: [
      "1101700203451", "1-1017-00203-45-1", "G123456789012", "๑๑๐๑๗๐๐๒๐๓๔๕๑",
    ])
  func nationalIdRefused(_ id: String) {
    #expect(issues(mark(reason: "mother said \(id)")) == ["payload.reason"])
    #expect(issues(mark(stream: id)).contains("stream"))
  }

  @Test("dates and codes joined by dashes are not mistaken for national ids")
  func datesAreNotIds() {
    #expect(issues(mark(id: "sample/1010007919-2024-08-20/tardy")) == [])
    #expect(!PersonalData.looksLikeNationalId("1010007919-2024-08-20"))
  }

  @Test("control characters and text not in NFC are refused")
  func unsafeText() {
    #expect(issues(mark(reason: "ok\n999 forged row")) == ["payload.reason"])
    #expect(issues(mark(reason: "\u{1B}[31mred")) == ["payload.reason"])
    // ท + MAI EK + SARA U is not canonical order; NFC puts SARA U first.
    #expect(issues(mark(reason: "\u{0E17}\u{0E48}\u{0E38}")) == ["payload.reason"])
    #expect(issues(mark(reason: "\u{0E17}\u{0E38}\u{0E48}")) == [])
  }

  @Test("a text field holds at most 4,096 bytes of UTF-8: Thai letters count three each")
  func longTextRefused() {
    #expect(issues(mark(reason: String(repeating: "a", count: 4_096))) == [])
    #expect(issues(mark(reason: String(repeating: "a", count: 4_097))) == ["payload.reason"])
    // ก is three bytes in UTF-8: 1,365 of them are 4,095 bytes, 1,366 are 4,098.
    #expect(issues(mark(reason: String(repeating: "ก", count: 1_365))) == [])
    #expect(issues(mark(reason: String(repeating: "ก", count: 1_366))) == ["payload.reason"])
  }

  @Test("a Buddhist Era year is refused with the conversion to make")
  func buddhistYearRefused() throws {
    do {
      try mark(date: "2567-06-03").validate()
      Issue.record("a B.E. date was accepted")
    } catch {
      #expect(error.description.contains("Buddhist Era"))
      #expect(error.issues.map(\.field) == ["occurredOn", "payload.date"])
    }
  }

  @Test("ids longer than 400 bytes are refused before they reach LMDB's key limit")
  func longIdRefused() {
    #expect(issues(mark(id: String(repeating: "x", count: 401))).contains("id"))
  }

  @Test("a mark without a duration covers the whole day")
  func durationDefaults() throws {
    let json = """
      {"studentKey":"\(key)","date":"2024-06-03","category":"excused-absence"}
      """
    let decoded = try JSONDecoder().decode(AttendanceRecorded.self, from: Data(json.utf8))
    #expect(decoded.duration == 1)
  }

  @Test("the national id check digit follows the mod-11 rule")
  func checkDigit() {
    // 1-1017-00203-45-?: sum of digits times 13...2 = 1*13+1*12+0*11+1*10+7*9+0*8+0*7+
    // 2*6+0*5+3*4+4*3+5*2 = 13+12+10+63+12+12+12+10 = 144; 144 mod 11 = 1; 11-1 = 10 -> 0.
    #expect(PersonalData.nationalIdChecksumIsValid("1101700203450"))
    #expect(!PersonalData.nationalIdChecksumIsValid("1101700203451"))
  }
}

@Suite("Dates and times")
struct DateTests {
  @Test("Thai forms: B.E. years and Thai digits, D/M/YYYY or ISO")
  func thaiDates() {
    #expect(LocalDate(thai: "16/5/2567")?.description == "2024-05-16")
    #expect(LocalDate(thai: "๑๖/๐๕/๒๕๖๗")?.description == "2024-05-16")
    #expect(LocalDate(thai: "2567-05-16")?.description == "2024-05-16")
    #expect(LocalDate(thai: "2024-05-16")?.description == "2024-05-16")
    #expect(LocalDate(thai: "31/2/2567") == nil)
    #expect(LocalDate("2024-05-16")?.buddhistDescription == "2567-05-16")
  }

  @Test("days since 1970 round-trip, with leap days and weekdays")
  func epochDays() {
    #expect(LocalDate("1970-01-01")?.daysSinceEpoch == 0)
    #expect(LocalDate("2024-02-29")?.daysSinceEpoch == 19_782)
    #expect(LocalDate(daysSinceEpoch: 19_782).description == "2024-02-29")
    #expect(LocalDate("2023-02-29") == nil)
    #expect(LocalDate("2024-05-16")?.isoWeekday == 4)  // a Thursday
    #expect(LocalDate("2024-05-16")?.thaiAcademicYear == 2567)
  }

  @Test("timestamps print with six fraction digits and read back")
  func timestamps() {
    let stamp = Timestamp(microseconds: 1_717_400_000_123_456)
    #expect(stamp.description == "2024-06-03T07:33:20.123456Z")
    #expect(Timestamp(parsing: stamp.description) == stamp)
    #expect(Timestamp(parsing: "2024-06-03T07:33:20Z")?.microseconds == 1_717_400_000_000_000)
  }
}
