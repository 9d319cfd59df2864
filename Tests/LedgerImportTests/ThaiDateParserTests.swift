import LedgerEvents
import Testing

@testable import LedgerImport

@Suite("Thai dates and digits")
struct ThaiDateParserTests {
  @Test(
    "B.E. and C.E. years, Thai digits and month names give the same ISO date",
    arguments: [
      "2024-06-03", "3/6/2567", "03/06/2024", "๓/๖/๒๕๖๗", "3-6-2567", "3.6.2567",
      "2567-06-03", "3 มิ.ย. 2567", "๓ มิถุนายน ๒๕๖๗", "3 มิ.ย. พ.ศ. 2567", "3 Jun 2024",
      " 3/6/2567 ",
    ])
  func sameDay(_ text: String) throws {
    let date = try ThaiDateParser.parse(text).get()
    #expect(date.description == "2024-06-03")
  }

  @Test("B.E. 2567 is C.E. 2024; B.E. 2568 in March is C.E. 2025")
  func buddhistEra() throws {
    #expect(try ThaiDateParser.parse("1/1/2567").get().description == "2024-01-01")
    #expect(try ThaiDateParser.parse("7/3/2568").get().description == "2025-03-07")
    #expect(try ThaiDateParser.parse("29/2/2567").get().description == "2024-02-29")
  }

  @Test(
    "days that do not exist, short years and other text are refused with a reason",
    arguments: [
      ("31/6/2567", "names no real day"), ("29/2/2566", "names no real day"),
      ("3/6/67", "short year"), ("soon", "is not a date"), ("", "is empty"),
    ])
  func refused(_ text: String, _ reason: String) {
    guard case .failure(let problem) = ThaiDateParser.parse(text) else {
      Issue.record("'\(text)' was read as a date")
      return
    }
    #expect(problem.description.contains(reason))
  }

  @Test("Thai digits ๐–๙ become 0–9 and nothing else changes")
  func digits() {
    #expect(ThaiDigits.westernised("๐๑๒๓๔๕๖๗๘๙") == "0123456789")
    #expect(ThaiDigits.westernised("ป.๔/๑") == "ป.4/1")
    #expect(ThaiDigits.westernised("no digits") == "no digits")
  }
}
