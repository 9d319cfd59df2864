import LedgerEvents
import LedgerProjections

extension Replay {
  /// The events behind `school`'s school-progress row as of `sequence`, in log order.
  ///
  /// Every event of the school's stream that the projection reads: those still counted
  /// (``Contribution/Role/contributes``) and those a later void removed
  /// (``Contribution/Role/voided``); every void that removed one (``Contribution/Role/void``);
  /// and the definitions of the assessments the school's counted results use, from other
  /// streams (`programme`), which give learning gain its subjects, with their voids. Voids
  /// after `sequence` had not happened yet, so they mark nothing.
  public func schoolProgressContributions(school: String, through sequence: UInt64) throws
    -> [Contribution]
  {
    try log.read { reader in
      let inputs = SchoolInputs(
        eventTypes: SchoolProgressProjection().eventTypes, reader: reader, last: sequence)
      let own = try inputs.streamEvents(school)
      let used = Set(
        own.compactMap { input -> String? in
          guard input.contribution.role == .contributes,
            case .studentAssessed(let result) = input.event.payload
          else { return nil }
          return result.assessmentId
        })
      let definitions = try inputs.assessmentDefinitions(ids: used, outside: school)
      return (own + definitions).map(\.contribution).sorted { $0.sequence < $1.sequence }
    }
  }
}
