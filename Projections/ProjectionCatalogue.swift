/// The built-in projections, in the order the runner brings them up to date.
///
/// A new projection is one file under `Builtin/` and one line here (docs/PROJECTIONS.md).
public enum ProjectionCatalogue {
  public static let all: [any Projection] = [
    SchoolProgressProjection(),
    NetworkSummaryProjection(),
    StudentsNeedingCareProjection(),
    DailyAttendanceProjection(),
    HomeVisitsProjection(),
  ]

  /// The projection called `name`, if there is one.
  public static func named(_ name: String) -> (any Projection)? {
    all.first { $0.name == name }
  }
}
