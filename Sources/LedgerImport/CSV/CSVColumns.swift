import LedgerEvents

/// What one column of a CSV file holds.
enum CSVColumnRole: Sendable, Equatable {
  case field(CSVField)
  /// A day of a wide attendance register: the heading is the date.
  case day(LocalDate)
  /// Read and dropped: names, roll numbers, columns a mapping file says to ignore,
  /// recognised fields that this kind of file does not use.
  case ignored
  /// A heading nobody recognised: ignored, with a warning so that a misspelt heading is
  /// noticed.
  case unknown
}

/// The columns of a CSV file, resolved from its heading row.
struct CSVColumns: Sendable {
  let headings: [String]
  let roles: [CSVColumnRole]
  let layout: CSVLayout

  /// The column holding `field`, if the file has one.
  func index(of field: CSVField) -> Int? {
    roles.firstIndex(of: .field(field))
  }

  /// The day columns of a wide register, with their dates.
  var days: [(index: Int, date: LocalDate)] {
    roles.enumerated().compactMap { index, role in
      if case .day(let date) = role { return (index, date) }
      return nil
    }
  }

  /// How errors name a column: its number, its heading and the field it holds, as in
  /// `column 4 (วันที่: date)` or `column 6 (2024-06-12: mark)`.
  func label(_ index: Int) -> String {
    let heading = index < headings.count ? headings[index] : ""
    switch index < roles.count ? roles[index] : .unknown {
    case .field(let field): return "column \(index + 1) (\(heading): \(field.rawValue))"
    case .day: return "column \(index + 1) (\(heading): mark)"
    case .ignored, .unknown: return "column \(index + 1) (\(heading))"
    }
  }

  /// Resolves `header` for `kind`: the mapping file's headings first, then the built-in
  /// ones; in an attendance file, headings that are dates make it a wide register.
  static func resolve(
    header: [String], kind: CSVKind, mapping: CSVMapping
  ) -> (columns: CSVColumns, problems: [String], unknown: [String]) {
    var roles: [CSVColumnRole] = []
    var problems: [String] = []
    var unknown: [String] = []
    var seen: [CSVField: Int] = [:]
    for (index, heading) in header.enumerated() {
      let key = CSVHeaderAliases.normalise(heading)
      var role: CSVColumnRole
      if let mapped = mapping.columns[key] {
        role = mapped.map { .field($0) } ?? .ignored
      } else if let field = CSVHeaderAliases.byHeading[key] {
        role = .field(field)
      } else if kind == .attendance, mapping.layout != .long,
        case .success(let date) = ThaiDateParser.parse(heading)
      {
        role = .day(date)
      } else {
        role = key.isEmpty ? .ignored : .unknown
        if !key.isEmpty { unknown.append("column \(index + 1) (\(heading))") }
      }
      if case .field(let field) = role {
        if [.name, .rollNumber, .importError].contains(field)
          || (field != .school && !kind.fields.contains(field))
        {
          role = .ignored
        } else if let earlier = seen[field] {
          problems.append(
            "columns \(earlier + 1) and \(index + 1) both hold \(field.rawValue); "
              + "rename one or map it in a mapping file")
        } else {
          seen[field] = index
        }
      }
      roles.append(role)
    }
    let hasDays = roles.contains { if case .day = $0 { true } else { false } }
    let layout = mapping.layout ?? (hasDays && seen[.date] == nil ? .wide : .long)
    if layout == .long {
      roles = roles.map { if case .day = $0 { .unknown } else { $0 } }
    }
    return (CSVColumns(headings: header, roles: roles, layout: layout), problems, unknown)
  }
}
