import LedgerEvents
import LedgerStore

/// What one register's import does, counted by record.
public struct CSVRegisterOutcome: Sendable, Equatable {
  public var school: String
  /// The register's name (`--register`, else the file's base name).
  public var register: String
  /// Records not in the log before.
  public var new = 0
  /// Records whose live event says the same: nothing appended.
  public var unchanged = 0
  /// Records whose live event says something else: a void of it, and the new event.
  public var corrected = 0
  /// Live events of this register with no record in the file any more: voided.
  public var removed = 0
  /// False when rows were rejected (`--skip-bad-rows`): a rejected row's record may be in
  /// the log, so absence from the file proves nothing, and nothing is voided as removed.
  public var removalChecked = true
}

/// Compares a file's records with the live events of the log and plans what to append.
///
/// The rule (docs/IMPORT-CSV.md): a record's natural key is its school, its kind and its
/// identifying fields; its event id is `csv/` + natural key + `#` + a digest of the event's
/// content. A record whose key has a live event with the same digest is unchanged. One
/// whose key has a live event with another digest is corrected: the live event is voided
/// and the new one appended. A live event of the same register (school, kind, register
/// name) whose key the file no longer holds is voided as removed.
struct CSVCorrectionPlanner {
  let kind: CSVKind
  let registerName: String
  let actor: String

  /// The events to append, in order (each void just before its replacement), and the
  /// counts per school.
  func plan(
    _ records: [CSVRecord], file: String, removalChecked: Bool, log: EventLog
  ) throws -> (events: [PendingEvent], outcomes: [CSVRegisterOutcome]) {
    let schools = Set(records.map(\.school))
    return try log.read { reader in
      let live = try CSVLiveRecords.read(reader, schools: schools, types: kind.eventTypes)
      var events: [PendingEvent] = []
      var outcomes: [CSVRegisterOutcome] = []
      var usedIds: Set<String> = []
      for school in schools.sorted() {
        let register = registerId(school)
        var outcome = CSVRegisterOutcome(
          school: school, register: registerName, removalChecked: removalChecked)
        let current = live[school] ?? CSVLiveRecords()
        var keysInFile: Set<String> = []
        for record in records where record.school == school {
          var envelope = self.envelope(record, register: register)
          keysInFile.insert(envelope.source.naturalKey)
          let digest = Self.contentDigest(envelope)
          let earlier = current.byNaturalKey[envelope.source.naturalKey] ?? []
          let same = earlier.filter { Self.contentDigest($0) == digest }
          if !same.isEmpty {
            outcome.unchanged += 1
            continue
          }
          envelope.id = try freeId(
            "\(CSVImporter.sourceSystem)/\(envelope.source.naturalKey)#\(digest)", reader,
            &usedIds)
          let reason =
            "corrected by re-import of register '\(registerName)'; replaced by \(envelope.id)"
          for old in earlier {
            events.append(void(old, reason: reason, register: register, line: record.line))
          }
          events.append(PendingEvent(envelope: envelope, record: "line \(record.line)"))
          if earlier.isEmpty { outcome.new += 1 } else { outcome.corrected += 1 }
        }
        if removalChecked {
          for old in current.byRegister[register] ?? []
          where !keysInFile.contains(old.source.naturalKey) {
            let reason = "no longer in register '\(registerName)' when it was re-imported"
            events.append(void(old, reason: reason, register: register, line: nil))
            outcome.removed += 1
          }
        }
        outcomes.append(outcome)
      }
      return (
        events.map {
          var e = $0
          e.file = file
          return e
        }, outcomes
      )
    }
  }

  /// The register's identity, stored as each event's correlation:
  /// `csv/<school>/<kind>/<register name>`.
  func registerId(_ school: String) -> String {
    "\(CSVImporter.sourceSystem)/\(school)/\(kind.rawValue)/\(registerName)"
  }

  /// The event a record becomes, without its id.
  func envelope(_ record: CSVRecord, register: String) -> EventEnvelope {
    EventEnvelope(
      id: "", stream: record.school, occurredOn: record.occurredOn, actor: actor,
      source: EventSource(system: CSVImporter.sourceSystem, naturalKey: record.naturalKey),
      correlation: register, payload: record.payload)
  }

  /// The first 8 bytes of BLAKE2b-256 over the canonical JSON of the event without its id
  /// and correlation (what the event says, whichever register said it), each half-byte
  /// written as a letter `a`–`p`. Letters, not hex: a digest in hex can hold a run of 13
  /// digits, which validation rightly refuses as a possible national id.
  static func contentDigest(_ envelope: EventEnvelope) -> String {
    var content = envelope
    content.id = ""
    content.correlation = nil
    let bytes = (try? CanonicalJSON.encode(content)) ?? []
    let digest = ChainHash.link(previous: [], body: bytes).prefix(8)
    let letters = Array("abcdefghijklmnop".unicodeScalars)
    var text = String.UnicodeScalarView()
    for byte in digest {
      text.append(letters[Int(byte >> 4)])
      text.append(letters[Int(byte & 0x0F)])
    }
    return String(text)
  }

  /// `id`, or `id~2`, `id~3`, … when the log already holds it (a voided event whose
  /// content the file now restores: a void is final, so the restored record needs a new id).
  private func freeId(_ id: String, _ reader: LogReader, _ used: inout Set<String>) throws
    -> String
  {
    var candidate = id
    var attempt = 1
    while try used.contains(candidate) || reader.sequence(ofEventId: candidate) != nil {
      attempt += 1
      candidate = "\(id)~\(attempt)"
    }
    used.insert(candidate)
    return candidate
  }

  private func void(_ old: EventEnvelope, reason: String, register: String, line: Int?)
    -> PendingEvent
  {
    let envelope = EventEnvelope(
      id: "\(CSVImporter.sourceSystem)-void/\(old.id)", stream: old.stream,
      occurredOn: old.occurredOn, actor: actor,
      source: EventSource(system: CSVImporter.sourceSystem, naturalKey: old.source.naturalKey),
      correlation: register,
      payload: .eventVoided(EventVoided(voidedEventId: old.id, reason: reason)))
    return PendingEvent(envelope: envelope, record: line.map { "line \($0)" } ?? "register")
  }
}
