import LedgerEvents
import LedgerStore

/// The CSV-imported events of one school that are still live (not voided), as the log
/// holds them: what a re-import is compared against.
struct CSVLiveRecords {
  /// Live events by natural key; more than one only if something other than this importer
  /// appended under the same key.
  var byNaturalKey: [String: [EventEnvelope]] = [:]
  /// Live events by register (their correlation), in log order.
  var byRegister: [String: [EventEnvelope]] = [:]

  /// Reads the live CSV events of `types` in each of `schools`' streams.
  ///
  /// This walks every event of each school's stream, so a re-import takes time in
  /// proportion to the school's whole history (a school year of daily marks for 500
  /// students is about 100,000 events, a second or two), not to the file.
  static func read(
    _ reader: LogReader, schools: Set<String>, types: Set<EventType>
  ) throws -> [String: CSVLiveRecords] {
    var result: [String: CSVLiveRecords] = [:]
    for school in schools.sorted() {
      var voided: Set<String> = []
      var candidates: [EventEnvelope] = []
      for sequence in try reader.sequences(inStream: school) {
        guard let event = try reader.event(at: sequence)?.envelope else { continue }
        if case .eventVoided(let void) = event.payload { voided.insert(void.voidedEventId) }
        if event.source.system == CSVImporter.sourceSystem, types.contains(event.type) {
          candidates.append(event)
        }
      }
      var live = CSVLiveRecords()
      for event in candidates where !voided.contains(event.id) {
        live.byNaturalKey[event.source.naturalKey, default: []].append(event)
        if let register = event.correlation {
          live.byRegister[register, default: []].append(event)
        }
      }
      result[school] = live
    }
    return result
  }
}
