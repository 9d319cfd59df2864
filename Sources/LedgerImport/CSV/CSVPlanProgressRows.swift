import LedgerEvents

/// Plan progress: one row per measured value of a plan goal's indicator, as of a day. A
/// value is identified by its plan, goal and day.
enum CSVPlanProgressRows {
  static func records(_ reader: inout CSVRowReader) -> [CSVRecord.Partial] {
    let plan = reader.required(.plan)
    let goal = reader.required(.goal)
    let date = reader.date(.date)
    let value = reader.number(.value)
    if reader.text(.value) == nil { reader.fail(.value, "is empty") }
    guard let plan, let goal, let date, let value else { return [] }
    let payload = PlanProgressReported(planId: plan, goalId: goal, value: value, asOf: date)
    return [
      CSVRecord.Partial(
        keyParts: ["plan-progress", plan, goal, date], occurredOn: date,
        payload: .planProgressReported(payload))
    ]
  }
}
