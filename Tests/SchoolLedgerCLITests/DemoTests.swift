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

  @Test("one school's or one network's row equals its row in the unfiltered query")
  func filteredQueriesMatchTheFullOnes() throws {
    let dir = try TemporaryDirectory()
    let ledger = dir.file("demo")
    #expect(try CLI.run(["demo"], ledger: ledger).status == 0)

    let all = try jsonRows(["query", "school-progress", "--format", "json"], ledger)
    #expect(all.count == 20)
    for index in [0, 7, 19] {
      guard let code = all[index]["schoolCode"] as? String else {
        Issue.record("row \(index) has no schoolCode")
        continue
      }
      let one = try jsonRows(
        ["query", "school-progress", "--school", code, "--format", "json"], ledger)
      #expect(one.count == 1)
      #expect(
        one.first.map { NSDictionary(dictionary: $0) } == NSDictionary(dictionary: all[index]))
    }

    let networks = try jsonRows(
      ["query", "network-summary", "--as-of", "2025-03-31", "--format", "json"], ledger)
    #expect(networks.count == 4)
    for network in networks {
      guard let id = network["groupId"] as? String else {
        Issue.record("a network row has no groupId: \(network)")
        continue
      }
      let one = try jsonRows(
        ["query", "network-summary", "--as-of", "2025-03-31", "--network", id, "--format", "json"],
        ledger)
      #expect(one.map { NSDictionary(dictionary: $0) } == [NSDictionary(dictionary: network)])
    }
  }

  private func jsonRows(_ arguments: [String], _ ledger: String) throws -> [[String: Any]] {
    let result = try CLI.run(arguments, ledger: ledger)
    #expect(result.status == 0, "\(result.stderr)")
    let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return parsed as? [[String: Any]] ?? []
  }
}
