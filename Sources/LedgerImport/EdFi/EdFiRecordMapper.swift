/// Turns the records of one interchange into events, one record at a time.
///
/// Mappers that need the whole file first (a calendar gathers its sessions, a school's
/// district may be defined after the school) keep what they need and emit in ``finish``.
protocol EdFiRecordMapper {
  /// Takes one top-level record. Records the mapper has no event for are left alone; they
  /// still count as read.
  mutating func map(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: inout ImportContext)

  /// Called once after the last record, when the XML was read to its end.
  mutating func finish(into output: inout EdFiFileOutput, context: inout ImportContext)
}

extension EdFiRecordMapper {
  mutating func finish(into output: inout EdFiFileOutput, context: inout ImportContext) {}
}

/// Student identities (`InterchangeStudent`): every record is counted and dropped.
///
/// Names and birth dates must never reach the ledger, and the `StudentUniqueId` reaches it
/// only through the pseudonymous keys the other files' records are given, so there is
/// nothing here to import.
struct EdFiIdentityMapper: EdFiRecordMapper {
  mutating func map(
    _ record: EdFiRecord, into output: inout EdFiFileOutput, context: inout ImportContext
  ) {}
}
