import LedgerEvents
import LedgerProjections

extension Replay {
  /// Replays school-progress at `from` and at `to` and lists, per school, each field whose
  /// value differs, with the events in `(from, to]` that changed it.
  ///
  /// The events are those of the school's stream that the projection reads, and the voids
  /// that removed one; a change in `learningGain` also cites the definitions (and their
  /// voids) of the assessments the school's results use, which live in stream `programme`.
  /// The sequences are given in either order; the earlier one is A.
  public func schoolProgressChanges(
    from: UInt64, to: UInt64, report: SchoolProgressReport = SchoolProgressReport(),
    school: String? = nil
  ) throws -> ProgressDiff {
    let (a, b) = (min(from, to), max(from, to))
    let projection = SchoolProgressProjection()
    let snapshots = try rebuild(projection, through: [a, b]) { reader in
      try report.rows(reader, school: school)
    }
    let before = try fieldsBySchool(snapshots.first ?? [])
    let after = try fieldsBySchool(snapshots.last ?? [])
    let codes = Set(before.keys).union(after.keys).sorted()
    let schools = try log.read { reader in
      let inputs = SchoolInputs(eventTypes: projection.eventTypes, reader: reader, last: b)
      return try codes.compactMap { code -> SchoolChanges? in
        let old = before[code] ?? [:]
        let new = after[code] ?? [:]
        let changed = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
        guard !changed.isEmpty else { return nil }
        let causes = try Causes(inputs: inputs, school: code, after: a)
        return SchoolChanges(
          school: code,
          changes: changed.map { field in
            FieldChange(
              field: field, before: old[field], after: new[field],
              events: field.hasPrefix("learningGain.") ? causes.withDefinitions : causes.own)
          })
      }
    }
    return ProgressDiff(from: a, to: b, schools: schools)
  }

  private func fieldsBySchool(_ rows: [SchoolProgressRow]) throws -> [String: [String: FieldValue]]
  {
    var result: [String: [String: FieldValue]] = [:]
    for row in rows { result[row.schoolCode] = try FieldValue.fields(of: row) }
    return result
  }
}

/// The sequences after A, up to the inputs' last sequence, that a school's row read.
private struct Causes {
  /// The school's own events.
  var own: [UInt64]
  /// Those and the definitions of the assessments its results use.
  var withDefinitions: [UInt64]

  init(inputs: SchoolInputs, school: String, after start: UInt64) throws {
    let events = try inputs.streamEvents(school)
    own = events.map(\.event.sequence).filter { $0 > start }
    // Every result up to B, counted or voided: a result voided in (A, B] counted at A.
    let used = Set(
      events.compactMap { input -> String? in
        guard case .studentAssessed(let result) = input.event.payload else { return nil }
        return result.assessmentId
      })
    let definitions = try inputs.assessmentDefinitions(ids: used, outside: school)
    withDefinitions = (own + definitions.map(\.event.sequence).filter { $0 > start }).sorted()
  }
}
