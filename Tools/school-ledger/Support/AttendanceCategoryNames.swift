import LedgerEvents

/// Attendance category names in catalogue order, for stable columns.
enum AttendanceCategoryNames {
  static let all = AttendanceCategory.allCases.map(\.rawValue)
}
