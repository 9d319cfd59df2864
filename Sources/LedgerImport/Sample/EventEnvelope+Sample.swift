import LedgerEvents

extension EventEnvelope {
  /// The source system every sample event names.
  static let sampleSystem = "sample-network"

  /// An envelope of the sample network: its id is `sample/` and the readable natural key,
  /// so that generating the same network twice asserts the same events.
  static func sample(
    _ naturalKey: String, stream: String, on day: String, actor: String,
    _ payload: EventPayload
  ) -> EventEnvelope {
    EventEnvelope(
      id: "sample/" + naturalKey, stream: stream, occurredOn: day, actor: actor,
      source: EventSource(system: sampleSystem, naturalKey: naturalKey), payload: payload)
  }
}
