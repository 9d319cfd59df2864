import Foundation
import LedgerEvents

/// What reading one Ed-Fi file has produced so far: events (one per natural key), errors
/// and data gaps.
struct EdFiFileOutput {
  /// The file as the user named it.
  let file: String
  private(set) var events: [PendingEvent] = []
  private(set) var errors: [ImportError] = []
  private(set) var gaps: [DataGap] = []
  private var positionOfId: [String: Int] = [:]

  init(file: String) {
    self.file = file
  }

  mutating func fail(record: String, field: String, _ message: String) {
    errors.append(ImportError(file: file, record: record, field: field, message: message))
  }

  mutating func fail(_ more: [ImportError]) {
    errors += more
  }

  mutating func gap(_ kind: DataGapKind, record: String, detail: String) {
    gaps.append(DataGap(kind: kind, file: file, record: record, detail: detail))
  }

  /// Adds the event for `key`, checked against the catalogue's rules.
  ///
  /// A second record with the same key and the same content adds nothing (sources repeat
  /// records); one with different content is an error naming both records, since the
  /// ledger could keep only one of them under that id and must not pick.
  mutating func emit(
    _ key: EdFiNaturalKey, stream: String, occurredOn: String, occurredAt: String? = nil,
    payload: EventPayload, record: String, context: ImportContext
  ) {
    let envelope = EventEnvelope(
      id: key.eventId, stream: stream, occurredOn: occurredOn, occurredAt: occurredAt,
      actor: context.actor,
      source: EventSource(system: EdFiReader.sourceSystem, naturalKey: key.description),
      correlation: context.correlation, payload: payload)
    do {
      try envelope.validate()
    } catch {
      for issue in error.issues {
        fail(record: record, field: issue.field, issue.message)
      }
      return
    }

    if let position = positionOfId[envelope.id] {
      let earlier = events[position]
      guard earlier.envelope != envelope else { return }
      let fields = Self.differingFields(earlier.envelope, envelope)
      fail(
        record: record, field: fields.isEmpty ? "-" : fields.joined(separator: ", "),
        "has the same natural key (\(key)) as \(earlier.record) but different content; "
          + "the source must say which one holds")
      return
    }
    positionOfId[envelope.id] = events.count
    events.append(PendingEvent(envelope: envelope, record: record))
  }

  /// Names the envelope and payload fields whose canonical JSON differs, e.g.
  /// `payload.duration`, so that a conflict says what to look at.
  static func differingFields(_ first: EventEnvelope, _ second: EventEnvelope) -> [String] {
    func object(_ envelope: EventEnvelope) -> [String: Any] {
      guard let bytes = try? CanonicalJSON.encode(envelope),
        let value = try? JSONSerialization.jsonObject(with: Data(bytes)),
        let object = value as? [String: Any]
      else { return [:] }
      return object
    }
    func text(_ value: Any) -> String {
      let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed]
      guard let data = try? JSONSerialization.data(withJSONObject: value, options: options)
      else { return "\(value)" }
      return String(decoding: data, as: UTF8.self)
    }
    func flatten(_ object: [String: Any]) -> [String: String] {
      var flat: [String: String] = [:]
      for (key, value) in object {
        if key == "payload", let payload = value as? [String: Any] {
          for (field, inner) in payload { flat["payload." + field] = text(inner) }
        } else {
          flat[key] = text(value)
        }
      }
      return flat
    }
    let a = flatten(object(first))
    let b = flatten(object(second))
    return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
  }
}
