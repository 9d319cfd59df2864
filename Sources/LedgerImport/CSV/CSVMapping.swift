import Foundation

/// A school's own column headings and words, read from a small JSON mapping file:
///
/// ```json
/// {
///   "columns": {"เลข ปชช.": "national-id", "รวมวันขาด": "ignore"},
///   "marks": {"ข.": "unexcused-absence"},
///   "defaults": {"assessment": "tsqp-thai-reading-2567", "date": "14/6/2567"},
///   "layout": "wide"
/// }
/// ```
///
/// `columns` names the field (a ``CSVField`` raw value, or `ignore`) a heading holds,
/// before the built-in headings are tried. `marks` adds attendance marks (values are
/// catalogue categories). `defaults` gives a field's value for every row whose file has no
/// such column or leaves the cell empty. `layout` forces `wide` or `long` for attendance.
public struct CSVMapping: Sendable, Equatable {
  /// Heading (as compared by ``CSVHeaderAliases/normalise(_:)``) to field; nil: ignore.
  public var columns: [String: CSVField?] = [:]
  public var marks: [String: String] = [:]
  public var defaults: [CSVField: String] = [:]
  public var layout: CSVLayout?

  public init() {}

  /// Reads a mapping file, refusing unknown fields, categories and layouts by name.
  public static func load(_ path: String) throws -> CSVMapping {
    func failure(_ message: String) -> ImportFailure {
      ImportFailure(errors: [
        ImportError(file: path, record: "mapping file", field: "-", message: message)
      ])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw failure("cannot be read")
    }
    let file: MappingFile
    do {
      file = try JSONDecoder().decode(MappingFile.self, from: data)
    } catch {
      throw failure("is not a mapping file (a JSON object with columns, marks, defaults, layout)")
    }
    return try CSVMapping(file, failure: failure)
  }

  private init(_ file: MappingFile, failure: (String) -> ImportFailure) throws {
    let fieldNames = CSVField.allCases.map(\.rawValue).joined(separator: ", ")
    for (heading, name) in file.columns ?? [:] {
      if name == "ignore" {
        columns[CSVHeaderAliases.normalise(heading)] = .some(nil)
        continue
      }
      guard let field = CSVField(rawValue: name) else {
        throw failure("column '\(heading)': unknown field '\(name)'; known: \(fieldNames), ignore")
      }
      columns[CSVHeaderAliases.normalise(heading)] = field
    }
    for (mark, category) in file.marks ?? [:] {
      guard AttendanceCategoryName.isKnown(category) else {
        throw failure(
          "mark '\(mark)': '\(category)' is not an attendance category ("
            + AttendanceCategoryName.all + ")")
      }
      marks[CSVValueTables.lookupKey(mark)] = category
    }
    for (name, value) in file.defaults ?? [:] {
      guard let field = CSVField(rawValue: name) else {
        throw failure("default '\(name)': unknown field; known: \(fieldNames)")
      }
      defaults[field] = value.precomposedStringWithCanonicalMapping
    }
    if let name = file.layout {
      guard let layout = CSVLayout(rawValue: name) else {
        throw failure("layout '\(name)' is neither wide nor long")
      }
      self.layout = layout
    }
  }

  private struct MappingFile: Decodable {
    var columns: [String: String]?
    var marks: [String: String]?
    var defaults: [String: String]?
    var layout: String?
  }
}

/// How an attendance register is laid out.
public enum CSVLayout: String, Sendable, Equatable {
  /// One row per student, one column per date.
  case wide
  /// One row per student and date.
  case long
}
