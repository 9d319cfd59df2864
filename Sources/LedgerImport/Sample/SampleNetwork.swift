import LedgerEvents

/// A deterministic, made-up school improvement network for demonstrations and benchmarks:
/// schools in support networks through Thai academic year 2567, with enrolments,
/// exception-based attendance, care for students flagged at risk, tutoring, plans and their
/// progress, assessments and a few corrections.
///
/// Nothing in it is real apart from province names and the holiday calendar. Students are
/// known only by pseudonymous keys made from source ids such as `S0003-00042`; no names and
/// no national ids are ever made.
public struct SampleNetwork: Sendable {
  /// What is generated.
  public let configuration: Configuration
  private let pseudonyms: PseudonymousKey
  private let schools: [SampleSchool]
  private let calendar: SampleCalendar

  /// A network for `configuration`, whose students' keys are made with `pseudonyms`.
  public init(configuration: Configuration, pseudonyms: PseudonymousKey) {
    precondition(configuration.schools < 1_000_000, "school codes have six digits per school")
    self.configuration = configuration
    self.pseudonyms = pseudonyms
    self.schools = SampleSchool.roster(for: configuration)
    self.calendar = SampleCalendar()
  }

  /// The schools' codes, in generation order.
  public var schoolCodes: [String] {
    schools.map(\.code)
  }

  /// Generates every event, school by school, calling `body` with batches of at most
  /// `batchSize` envelopes, in an order that makes sense for a log (registry and calendar
  /// first, then per school enrolments, then the year day by day). Never holds the whole
  /// year in memory (full scale is about four million events).
  ///
  /// The programme's assessment definitions and every school's registry events and calendar
  /// come first; then each school's year in turn, in date order within the school (a
  /// correction comes weeks after the record it voids). Only one school's year is held at a
  /// time. Every batch but the last is full.
  public func generate(batchSize: Int, _ body: ([EventEnvelope]) throws -> Void) rethrows {
    precondition(batchSize > 0, "a batch holds at least one event")
    var batch: [EventEnvelope] = []
    batch.reserveCapacity(batchSize)

    try Self.deliver(registryEvents(), into: &batch, batchSize: batchSize, body)
    for school in schools {
      var year = SampleSchoolYear(school: school, calendar: calendar)
      for chunk in year.generate(pseudonyms: pseudonyms) {
        try Self.deliver(chunk, into: &batch, batchSize: batchSize, body)
      }
    }
    if !batch.isEmpty { try body(batch) }
  }

  /// Adds `events` to the batch, handing the batch to `body` each time it fills.
  private static func deliver(
    _ events: [EventEnvelope], into batch: inout [EventEnvelope], batchSize: Int,
    _ body: ([EventEnvelope]) throws -> Void
  ) rethrows {
    for event in events {
      batch.append(event)
      if batch.count == batchSize {
        try body(batch)
        batch.removeAll(keepingCapacity: true)
      }
    }
  }

  /// The programme's assessment definitions, then for each school its registration,
  /// network, model designation and calendar, all dated the registry day.
  private func registryEvents() -> [EventEnvelope] {
    let day = calendar.dayText[0]
    let yearStart = calendar.text(ofInstructionalDay: 0)
    let year = SampleCalendar.academicYear
    var events = SampleInstrument.all.map { $0.definition(on: day) }
    for school in schools {
      let actor = "school:" + school.code
      func event(_ suffix: String, _ payload: EventPayload) -> EventEnvelope {
        .sample(school.code + suffix, stream: school.code, on: day, actor: actor, payload)
      }
      events.append(
        event(
          "/registered",
          .schoolRegistered(
            SchoolRegistered(
              schoolCode: school.code, name: school.name, province: school.province,
              level: school.level))))
      events.append(
        event(
          "/joined/" + school.network.id + "/" + yearStart,
          .schoolJoinedGroup(
            SchoolJoinedGroup(
              groupId: school.network.id, groupName: school.network.name, groupKind: .network,
              effectiveDate: yearStart))))
      if school.isModel {
        events.append(
          event(
            "/model/" + year,
            .schoolDesignatedModel(
              SchoolDesignatedModel(academicYear: year, effectiveDate: yearStart))))
      }
      events.append(event("/calendar/" + year, .calendarPublished(calendar.publication)))
    }
    return events
  }
}
