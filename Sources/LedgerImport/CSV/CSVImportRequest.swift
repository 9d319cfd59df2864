/// What `school-ledger import --format csv` was asked to do.
public struct CSVImportRequest: Sendable {
  /// The file, as the user named it.
  public var path: String
  public var kind: CSVKind
  /// The school for rows without a school column (`--school`).
  public var school: String?
  /// The register's name (`--register`); nil: the file's base name.
  public var register: String?
  /// The encoding (`--encoding`); nil: detected.
  public var encoding: ThaiTextEncoding?
  public var mapping: CSVMapping
  /// Append the good rows and write the rejected ones to ``rejectsPath`` (`--skip-bad-rows`).
  public var skipBadRows: Bool
  /// Where rejected rows go; nil: beside the input, as `NAME.rejected.csv`.
  public var rejectsPath: String?
  /// Check and report, write nothing (`--dry-run`).
  public var dryRun: Bool

  public init(
    path: String, kind: CSVKind, school: String? = nil, register: String? = nil,
    encoding: ThaiTextEncoding? = nil, mapping: CSVMapping = CSVMapping(),
    skipBadRows: Bool = false, rejectsPath: String? = nil, dryRun: Bool = false
  ) {
    self.path = path
    self.kind = kind
    self.school = school
    self.register = register
    self.encoding = encoding
    self.mapping = mapping
    self.skipBadRows = skipBadRows
    self.rejectsPath = rejectsPath
    self.dryRun = dryRun
  }
}

/// What a CSV import found and did.
public struct CSVImportReport: Sendable {
  public var file: String
  /// The encoding read, e.g. `UTF-8 with BOM` or `tis-620`.
  public var encoding: String
  /// `comma`, `semicolon` or `tab`.
  public var separator: String
  public var layout: CSVLayout
  public var register: String
  /// Data rows read (the heading row and blank rows not counted).
  public var rows = 0
  /// Facts read from the good rows: a wide register row gives one per marked day.
  public var records = 0
  /// Every problem of every rejected row.
  public var rejected: [ImportError] = []
  /// Rows rejected (each may have several problems).
  public var rejectedRows = 0
  /// Problems that did not stop a row: a national id's check digit, an unknown column.
  public var warnings: [ImportError] = []
  public var registers: [CSVRegisterOutcome] = []
  /// Events planned: new events and voids.
  public var events = 0
  public var voids = 0
  public var appended = 0
  public var alreadyPresent = 0
  /// Where the rejected rows were written, when they were.
  public var rejectsFile: String?
  public var dryRun = false
  /// The log head after the import; nil on a dry run.
  public var head: LedgerHeadSummary?
}

/// The log head as the report prints it.
public struct LedgerHeadSummary: Sendable {
  public var sequence: UInt64
  public var hash: String
}
