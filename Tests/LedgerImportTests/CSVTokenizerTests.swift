import Testing

@testable import LedgerImport

@Suite("CSV tokenizer")
struct CSVTokenizerTests {
  @Test("quoted fields keep separators, doubled quotes and line breaks; lines are counted")
  func quotedFields() throws {
    let text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\r\nlines\",z\r\n3,,\r\n"
    let rows = try CSVTokenizer(separator: ",").rows(text)
    #expect(
      rows == [
        CSVRow(line: 1, fields: ["a", "b", "c"]),
        CSVRow(line: 2, fields: ["1", "x, y", "say \"hi\""]),
        CSVRow(line: 3, fields: ["2", "two\nlines", "z"]),
        CSVRow(line: 5, fields: ["3", "", ""]),
      ])
  }

  @Test("a last line without a newline is a row; a blank line is a blank row")
  func lastLineAndBlank() throws {
    let rows = try CSVTokenizer(separator: ";").rows("a;b\n\nc;d")
    #expect(rows.map(\.fields) == [["a", "b"], [""], ["c", "d"]])
    #expect(rows.map(\.line) == [1, 2, 3])
    #expect(rows[1].isBlank)
  }

  @Test("a quote left open names the line it opened on")
  func unterminatedQuote() {
    #expect(
      throws: CSVTokenizerError(line: 2, message: "a quoted field opened here is never closed")
    ) {
      try CSVTokenizer(separator: ",").rows("a,b\n1,\"open\n2,3\n")
    }
  }

  @Test("the separator is the commonest of comma, semicolon and tab in the first line")
  func separatorDetection() {
    #expect(CSVTokenizer.detectSeparator("a;b;\"c,d,e\"\n1,2,3,4") == ";")
    #expect(CSVTokenizer.detectSeparator("a\tb\tc\n") == "\t")
    #expect(CSVTokenizer.detectSeparator("a,b\n") == ",")
    #expect(CSVTokenizer.detectSeparator("single\n") == ",")
  }
}
