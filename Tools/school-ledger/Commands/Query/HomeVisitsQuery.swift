import LedgerEvents
import LedgerProjections
import LedgerStore

/// `query home-visits`: the example projection's rows, per school and month.
struct HomeVisitsQuery: ReadModelQuery {
  static let name = "home-visits"
  static let readModels = [HomeVisitsProjection().name]
  static let usage = """
    home-visits [--school CODE]
        Per school and month: home visits held, their minutes, and the students they
        reached (one per student per visit). The worked example of docs/PROJECTIONS.md.
    """

  /// One printed row: the stored month with its key split into school and month.
  struct Row: Codable {
    var schoolCode: String
    var month: String
    var visits: Int
    var minutes: Int
    var studentVisits: Int
  }

  var school: String?

  init(_ arguments: inout Arguments) throws {
    school = arguments.option("school")
  }

  func output(_ reader: ReadModelReader, _ format: OutputFormat, _ logger: Logger) throws
    -> String
  {
    let name = HomeVisitsProjection().name
    let rows = try reader.rows(name, prefix: school.map { $0 + "/" } ?? "", as: HomeVisitMonth.self)
      .map { stored in
        let parts = stored.key.split(separator: "/", maxSplits: 1).map(String.init)
        return Row(
          schoolCode: parts[0], month: parts.count > 1 ? parts[1] : "",
          visits: stored.value.visits, minutes: stored.value.minutes,
          studentVisits: stored.value.studentVisits)
      }
    if let school, rows.isEmpty { logger.warning("no home visits at school '\(school)'") }
    switch format {
    case .json: return try prettyJSON(rows)
    case .table, .csv:
      return Grid(
        columns: ["schoolCode", "month", "visits", "minutes", "studentVisits"],
        rows: rows.map {
          [
            $0.schoolCode, $0.month, String($0.visits), String($0.minutes),
            String($0.studentVisits),
          ]
        }
      ).render(format)
    }
  }
}
