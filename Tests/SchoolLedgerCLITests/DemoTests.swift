import Foundation
import Testing

@Suite("demo")
struct DemoTests {
  @Test("the demo prints a progress row for every sample school, and the log verifies")
  func demoTable() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("demo")
    let result = try CLI.run(["demo", "--format", "csv"], ledger: ledger)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("schoolCode,name,") == true)
    let rows = lines.dropFirst()
    #expect(rows.count == 20)
    #expect(rows.allSatisfy { $0.prefix(10).allSatisfy(\.isNumber) && $0.hasPrefix("10") })
    #expect(try CLI.run(["verify"], ledger: ledger).status == 0)
    let again = try CLI.run(["demo"], ledger: ledger)
    #expect(again.status == 64)
  }
}
