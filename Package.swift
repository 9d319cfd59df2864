// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "SchoolLedger",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "school-ledger", targets: ["school-ledger"]),
    .executable(name: "ledger-bench", targets: ["ledger-bench"]),
  ],
  targets: [
    .systemLibrary(
      name: "CLMDB", path: "Sources/CLMDB", providers: [.apt(["liblmdb-dev"])]),
    .systemLibrary(
      name: "CSodium", path: "Sources/CSodium", providers: [.apt(["libsodium-dev"])]),
    .systemLibrary(
      name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    .target(name: "LedgerEvents", dependencies: ["CSodium"], path: "Events"),
    .target(name: "LedgerStore", dependencies: ["CLMDB", "CSodium", "LedgerEvents"]),
    .target(
      name: "LedgerProjections", dependencies: ["LedgerStore", "LedgerEvents"],
      path: "Projections"),
    .target(name: "LedgerImport", dependencies: ["LedgerStore", "LedgerEvents"]),
    .target(
      name: "LedgerAudit",
      dependencies: ["CSodium", "LedgerStore", "LedgerEvents", "LedgerProjections"]),
    .executableTarget(
      name: "school-ledger",
      dependencies: [
        "LedgerStore", "LedgerEvents", "LedgerProjections", "LedgerImport", "LedgerAudit",
      ],
      path: "Tools/school-ledger"),
    .executableTarget(
      name: "ledger-bench",
      dependencies: [
        "CLMDB", "CSQLite", "LedgerStore", "LedgerEvents", "LedgerProjections", "LedgerImport",
        "LedgerAudit",
      ],
      path: "Tools/ledger-bench"),
    .testTarget(
      name: "LedgerEventsTests", dependencies: ["LedgerEvents"], path: "Tests/LedgerEventsTests"),
    .testTarget(
      name: "LedgerStoreTests", dependencies: ["LedgerStore", "CLMDB"],
      path: "Tests/LedgerStoreTests"),
    .testTarget(
      name: "LedgerProjectionsTests", dependencies: ["LedgerProjections", "LedgerStore"],
      path: "Tests/LedgerProjectionsTests"),
    .testTarget(
      name: "LedgerImportTests", dependencies: ["LedgerImport", "LedgerProjections"],
      path: "Tests/LedgerImportTests"),
    .testTarget(
      name: "LedgerAuditTests", dependencies: ["LedgerAudit", "LedgerImport"],
      path: "Tests/LedgerAuditTests"),
    .testTarget(
      name: "SchoolLedgerCLITests",
      dependencies: ["school-ledger", "LedgerStore", "LedgerEvents", "LedgerProjections"],
      path: "Tests/SchoolLedgerCLITests"),
    .testTarget(
      name: "LedgerBenchTests", dependencies: ["ledger-bench"], path: "Tests/LedgerBenchTests"),
  ]
)
