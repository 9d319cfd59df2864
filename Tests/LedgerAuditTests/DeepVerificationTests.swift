import Foundation
import LedgerEvents
import LedgerProjections
import LedgerStore
import Testing

@testable import LedgerAudit

@Suite("verify --deep")
struct DeepVerificationTests {
  @Test("a read-model row edited behind the runner's back is reported; untouched ones are not")
  func editedRow() throws {
    let ledger = try AuditLedger(count: 30)
    let live = try ReadModelStore(path: ledger.directory.readModelsPath)
    _ = try ProjectionRunner(log: ledger.log, store: live, logger: .silent)
      .catchUp(ProjectionCatalogue.all)
    let deep = DeepVerification(log: ledger.log, live: live, logger: .silent)
    #expect(try deep.differences(ProjectionCatalogue.all) == [])

    let name = SchoolProgressProjection().name
    let rowKey = "student/1001000001/stu-" + String(repeating: "d", count: 32)
    let key = try #require(try live.read { try $0.storageKey(name, rowKey) })
    try live.environment.write { txn in
      let row = try #require(try txn.get("rows", key))
      let edited = String(decoding: row, as: UTF8.self)
        .replacingOccurrences(of: "unexcused-absence", with: "tardy")
      try txn.put("rows", key, Array(edited.utf8))
    }
    #expect(
      try deep.differences(ProjectionCatalogue.all)
        == [ReadModelDifference(projection: name, rowKey: rowKey, kind: .changed)])
  }
}
