import Foundation

extension EventEnvelope {
  /// The longest text any one field may hold, in UTF-8 bytes: a reason, a title or a name
  /// fits many times over, while a file with a runaway cell cannot bloat the log.
  public static let maximumTextBytes = 4_096

  /// Checks the envelope and payload against the catalogue's rules, reporting every
  /// problem at once so that a user can fix a record in one pass.
  public func validate() throws(ValidationError) {
    var check = FieldChecker()
    check.nonEmpty(id, "id")
    check.nonEmpty(stream, "stream")
    check.identifier(stream, "stream")
    check.date(occurredOn, "occurredOn")
    check.nonEmpty(actor, "actor")
    check.nonEmpty(source.system, "source.system")
    check.nonEmpty(source.naturalKey, "source.naturalKey")
    if let occurredAt, !FieldChecker.isClockTime(occurredAt) {
      check.fail("occurredAt", "'\(occurredAt)' is not a time of day HH:MM or HH:MM:SS")
    }
    if id.utf8.count > 400 { check.fail("id", "is longer than 400 bytes") }
    let envelopeText: [(String, String?)] = [
      ("id", id), ("stream", stream), ("actor", actor), ("source.system", source.system),
      ("source.naturalKey", source.naturalKey), ("correlation", correlation),
    ]
    for (path, value) in envelopeText.compactMap({ f in f.1.map { (f.0, $0) } })
      + payload.textFields
    {
      check.text(value, path)
    }
    payload.validate(into: &check)
    if !check.issues.isEmpty {
      throw ValidationError(eventId: id, issues: check.issues)
    }
  }
}

extension EventPayload {
  fileprivate func validate(into check: inout FieldChecker) {
    for key in studentKeys { check.studentKey(key, "payload.studentKey") }
    switch self {
    case .schoolRegistered(let p):
      check.identifier(p.schoolCode, "payload.schoolCode")
      check.nonEmpty(p.name, "payload.name")
    case .schoolJoinedGroup(let p):
      check.nonEmpty(p.groupId, "payload.groupId")
      check.date(p.effectiveDate, "payload.effectiveDate")
    case .schoolLeftGroup(let p):
      check.nonEmpty(p.groupId, "payload.groupId")
      check.date(p.effectiveDate, "payload.effectiveDate")
    case .schoolDesignatedModel(let p):
      check.nonEmpty(p.academicYear, "payload.academicYear")
      check.date(p.effectiveDate, "payload.effectiveDate")
    case .calendarPublished(let p):
      validateCalendar(p, into: &check)
    case .studentEnrolled(let p):
      check.nonEmpty(p.gradeLevel, "payload.gradeLevel")
      check.date(p.entryDate, "payload.entryDate")
    case .studentExited(let p):
      check.date(p.exitDate, "payload.exitDate")
    case .attendanceRecorded(let p):
      check.date(p.date, "payload.date")
      if !(p.duration > 0 && p.duration <= 1) {
        check.fail("payload.duration", "\(p.duration) is not a share of a day in (0, 1]")
      }
    case .planAdopted(let p):
      check.nonEmpty(p.planId, "payload.planId")
      check.nonEmpty(p.academicYear, "payload.academicYear")
      for (index, goal) in p.goals.enumerated() {
        check.nonEmpty(goal.goalId, "payload.goals[\(index)].goalId")
        check.nonEmpty(goal.indicator, "payload.goals[\(index)].indicator")
      }
    case .planGoalSet(let p):
      check.nonEmpty(p.planId, "payload.planId")
      check.nonEmpty(p.goal.goalId, "payload.goal.goalId")
    case .planProgressReported(let p):
      check.nonEmpty(p.planId, "payload.planId")
      check.nonEmpty(p.goalId, "payload.goalId")
      check.date(p.asOf, "payload.asOf")
    case .selfAssessmentSubmitted(let p):
      check.nonEmpty(p.planId, "payload.planId")
      check.nonEmpty(p.rating, "payload.rating")
    case .interventionDefined(let p):
      check.nonEmpty(p.interventionId, "payload.interventionId")
      check.date(p.beginDate, "payload.beginDate")
      if let end = p.endDate { check.date(end, "payload.endDate") }
    case .interventionStudentAssigned(let p):
      check.nonEmpty(p.interventionId, "payload.interventionId")
      check.date(p.beginDate, "payload.beginDate")
    case .interventionSessionHeld(let p):
      check.date(p.date, "payload.date")
      if p.dosageMinutes < 0 || p.dosageMinutes > 24 * 60 {
        check.fail("payload.dosageMinutes", "\(p.dosageMinutes) is not minutes within a day")
      }
    case .interventionEnded(let p):
      check.nonEmpty(p.interventionId, "payload.interventionId")
      check.date(p.endDate, "payload.endDate")
    case .assessmentDefined(let p):
      check.nonEmpty(p.assessmentId, "payload.assessmentId")
      check.nonEmpty(p.subject, "payload.subject")
    case .studentAssessed(let p):
      check.nonEmpty(p.assessmentId, "payload.assessmentId")
      check.date(p.administrationDate, "payload.administrationDate")
      if p.scores.isEmpty && p.performanceLevel == nil {
        check.fail("payload.scores", "a result needs a score or a performance level")
      }
      for (index, score) in p.scores.enumerated() {
        if let number = Double(score.value), !number.isFinite {
          check.fail("payload.scores[\(index)].value", "'\(score.value)' is not a finite number")
        }
      }
    case .studentFlaggedAtRisk(let p):
      check.date(p.date, "payload.date")
      check.nonEmpty(p.rule, "payload.rule")
      if p.reasons.isEmpty { check.fail("payload.reasons", "at least one reason is needed") }
    case .riskCleared(let p):
      check.date(p.date, "payload.date")
      check.nonEmpty(p.rule, "payload.rule")
    case .eventVoided(let p):
      check.nonEmpty(p.voidedEventId, "payload.voidedEventId")
      check.nonEmpty(p.reason, "payload.reason")
    }
  }

  private func validateCalendar(_ p: CalendarPublished, into check: inout FieldChecker) {
    check.nonEmpty(p.academicYear, "payload.academicYear")
    if p.sessions.isEmpty { check.fail("payload.sessions", "a calendar needs a session") }
    for (index, session) in p.sessions.enumerated() {
      let path = "payload.sessions[\(index)]"
      check.date(session.beginDate, path + ".beginDate")
      check.date(session.endDate, path + ".endDate")
      if session.beginDate > session.endDate {
        check.fail(path + ".endDate", "ends before it begins")
      }
      if let dates = session.instructionalDates {
        for date in dates where !(session.beginDate...session.endDate).contains(date) {
          check.fail(path + ".instructionalDates", "\(date) is outside the session")
        }
        if dates.count != session.instructionalDays {
          check.fail(
            path + ".instructionalDays",
            "\(session.instructionalDays) does not match the \(dates.count) dates listed")
        }
      }
    }
  }
}

/// Collects issues field by field.
struct FieldChecker {
  var issues: [ValidationIssue] = []

  mutating func fail(_ field: String, _ message: String) {
    issues.append(ValidationIssue(field: field, message: message))
  }

  mutating func nonEmpty(_ value: String, _ field: String) {
    // Empty after trimming whitespace means every scalar is whitespace; asking that directly
    // stops at the first letter instead of building a trimmed copy of every field.
    if value.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains) {
      fail(field, "is empty")
    }
  }

  mutating func date(_ value: String, _ field: String) {
    guard let date = LocalDate(value) else {
      fail(field, "'\(value)' is not an ISO date YYYY-MM-DD")
      return
    }
    if date.year >= 2400 {
      fail(field, "'\(value)' looks like a Buddhist Era year; the log stores C.E. (B.E. - 543)")
    }
  }

  /// Stream names and codes: printable, no separators the key layout relies on.
  mutating func identifier(_ value: String, _ field: String) {
    if value.utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }) || value.utf8.count > 200 {
      fail(field, "'\(value)' must be 1 to 200 bytes with no spaces or control characters")
    }
  }

  /// Rules for every text field: no personal ids, no control characters (they could forge
  /// lines in a timeline), Unicode NFC (so equal text is equal bytes, and hashes agree).
  mutating func text(_ value: String, _ field: String) {
    let length = value.utf8.count
    guard length <= EventEnvelope.maximumTextBytes else {
      fail(
        field,
        "is \(length) bytes long; a text field holds at most \(EventEnvelope.maximumTextBytes) "
          + "bytes of UTF-8 (about 1,300 Thai characters)")
      return
    }
    if PersonalData.looksLikeNationalId(value) {
      fail(
        field,
        "contains what looks like a national id or G-code; personal data may not enter the log")
    }
    if value.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    {
      fail(field, "contains a control character (newline, tab, escape, ...)")
    }
    // Every scalar below U+0300 is NFC on its own and composes with nothing before it (the
    // quick check's boundary), so only text with a scalar from U+0300 up pays for
    // Foundation's normalisation: most fields of most events are ASCII.
    if value.unicodeScalars.contains(where: { $0.value >= 0x300 }),
      !value.unicodeScalars.elementsEqual(
        value.precomposedStringWithCanonicalMapping.unicodeScalars)
    {
      fail(field, "is not in Unicode NFC; normalise it (importers do)")
    }
  }

  /// Refuses anything that looks like a national id or G-code in a student key field.
  mutating func studentKey(_ value: String, _ field: String) {
    if PseudonymousKey.isWellFormed(value) { return }
    if PersonalData.looksLikeNationalId(value) {
      fail(field, "looks like a national id or G-code; only pseudonymous keys may be stored")
    } else {
      fail(field, "'\(value)' is not a pseudonymous student key (stu-<32 hex>)")
    }
  }

  static func isClockTime(_ text: String) -> Bool {
    let parts = text.split(separator: ":")
    guard parts.count == 2 || parts.count == 3,
      let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
    else { return false }
    return parts.count == 2 || Int(parts[2]).map { (0..<60).contains($0) } ?? false
  }
}
