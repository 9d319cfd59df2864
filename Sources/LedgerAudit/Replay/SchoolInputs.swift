import LedgerEvents
import LedgerStore

/// The logged events a projection reads for one school's row, up to a last sequence.
///
/// An event counts when the projection reads its type. A void counts when it removed such
/// an event: the runner then calls the projection's `retract`, so the void changed the row.
/// Voids of events the projection never read change nothing and are left out.
struct SchoolInputs {
  /// One event with its role.
  typealias Input = (event: RecordedEvent, contribution: Contribution)

  let eventTypes: Set<EventType>
  let reader: LogReader
  let last: UInt64

  /// The school's own events the projection reads, and the voids that removed one of them,
  /// in log order.
  func streamEvents(_ school: String) throws -> [Input] {
    try classify(try Timeline.events(inStream: school, cut: .throughSequence(last), reader))
  }

  /// The definitions of assessments `ids` stored outside `school`'s stream (in practice in
  /// `programme`), and the voids that removed one, in log order.
  func assessmentDefinitions(ids: Set<String>, outside school: String) throws -> [Input] {
    guard !ids.isEmpty else { return [] }
    var definitions: [RecordedEvent] = []
    for sequence in try reader.sequences(ofType: .assessmentDefined) where sequence <= last {
      guard let event = try reader.event(at: sequence), event.stream != school,
        case .assessmentDefined(let definition) = event.payload,
        ids.contains(definition.assessmentId)
      else { continue }
      definitions.append(event)
    }
    let definitionIds = Set(definitions.map(\.id))
    var voids: [RecordedEvent] = []
    for sequence in try reader.sequences(ofType: .eventVoided) where sequence <= last {
      guard let event = try reader.event(at: sequence),
        case .eventVoided(let void) = event.payload, definitionIds.contains(void.voidedEventId)
      else { continue }
      voids.append(event)
    }
    return try classify((definitions + voids).sorted { $0.sequence < $1.sequence })
  }

  /// Keeps the events the projection reads and the voids that removed one, with roles.
  /// `events` must be in log order and hold every void of the events among them.
  private func classify(_ events: [RecordedEvent]) throws -> [Input] {
    var voidOfTarget: [String: UInt64] = [:]
    var targetOfVoid: [UInt64: UInt64] = [:]
    for event in events {
      guard case .eventVoided(let void) = event.payload,
        let target = try reader.sequence(ofEventId: void.voidedEventId),
        target < event.sequence, let original = try reader.event(at: target),
        eventTypes.contains(original.type)
      else { continue }
      if voidOfTarget[void.voidedEventId] == nil {
        voidOfTarget[void.voidedEventId] = event.sequence
      }
      targetOfVoid[event.sequence] = target
    }
    return events.compactMap { event in
      if let target = targetOfVoid[event.sequence] {
        return (event, Contribution(event, role: .void, voids: target))
      }
      guard eventTypes.contains(event.type) else { return nil }
      if let void = voidOfTarget[event.id] {
        return (event, Contribution(event, role: .voided, voidedBy: void))
      }
      return (event, Contribution(event, role: .contributes))
    }
  }
}
