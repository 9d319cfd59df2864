import LedgerEvents
import Testing

@testable import LedgerImport

@Suite("CSV value tables and headings")
struct CSVValueTablesTests {
  @Test(
    "the usual Thai and English marks map to the catalogue's categories",
    arguments: [
      ("มา", AttendanceCategory.present), ("/", .present), ("Present", .present),
      ("ขาด", .unexcusedAbsence), ("x", .unexcusedAbsence), ("Absent", .unexcusedAbsence),
      ("ลา", .excusedAbsence), ("ป่วย", .excusedAbsence), ("Leave", .excusedAbsence),
      ("สาย", .tardy), ("late", .tardy), ("กลับก่อน", .earlyDeparture),
    ])
  func marks(_ mark: String, _ category: AttendanceCategory) {
    #expect(CSVValueTables.attendanceMarks[CSVValueTables.lookupKey(mark)] == category)
  }

  @Test("headings match after case, underscores and spacing are set aside")
  func headings() {
    #expect(CSVHeaderAliases.byHeading[CSVHeaderAliases.normalise("Student_ID")] == .studentNumber)
    #expect(CSVHeaderAliases.byHeading[CSVHeaderAliases.normalise(" วันที่ ")] == .date)
    #expect(
      CSVHeaderAliases.byHeading[CSVHeaderAliases.normalise("เลขประจำตัวประชาชน")] == .nationalId)
  }

  @Test("an attendance file headed by dates is wide; names and unknown headings are set aside")
  func wideLayout() {
    let resolved = CSVColumns.resolve(
      header: ["เลขที่", "เลขประจำตัวประชาชน", "ชื่อ-นามสกุล", "๑๐/๖/๒๕๖๗", "2024-06-11", "รวม"],
      kind: .attendance, mapping: CSVMapping())
    #expect(resolved.columns.layout == .wide)
    #expect(
      resolved.columns.roles == [
        .ignored, .field(.nationalId), .ignored,
        .day(LocalDate(year: 2024, month: 6, day: 10)!),
        .day(LocalDate(year: 2024, month: 6, day: 11)!), .unknown,
      ])
    #expect(resolved.unknown == ["column 6 (รวม)"])
  }

  @Test("two columns for one field are a problem naming both")
  func duplicateColumns() {
    let resolved = CSVColumns.resolve(
      header: ["date", "วันที่", "status"], kind: .attendance, mapping: CSVMapping())
    #expect(resolved.problems.count == 1)
    #expect(resolved.problems.first?.hasPrefix("columns 1 and 2 both hold date") == true)
  }
}
