import Foundation
import LedgerEvents
import Testing

@testable import LedgerImport

/// The descriptor table against the descriptor values the Grand Bend sample uses.
@Suite(.enabled(if: EdFiSamples.available, EdFiSamples.unavailableReason))
struct EdFiDescriptorTableTests {
  /// Every `uri://…/KindDescriptor#Value` in the sample files, by kind.
  static func usedValues() throws -> [String: Set<String>] {
    var used: [String: Set<String>] = [:]
    for file in try EdFiSamples.xmlFiles() {
      let text = try EdFiSamples.text(file)
      for piece in text.components(separatedBy: "uri://").dropFirst() {
        let uri = piece.prefix { $0 != "<" }
        let parts = uri.split(separator: "#", maxSplits: 1)
        guard parts.count == 2, let kind = parts[0].split(separator: "/").last else { continue }
        used[String(kind), default: []].insert(String(parts[1]))
      }
    }
    return used
  }

  @Test func everyValueTheSampleUsesOfAMappedKindIsInTheTable() throws {
    let used = try Self.usedValues()
    let tables: [(String, Set<String>)] = [
      (
        EdFiDescriptorTable.attendanceCategory.descriptor,
        Set(EdFiDescriptorTable.attendanceCategory.codes.keys)
      ),
      (
        EdFiDescriptorTable.interventionClass.descriptor,
        Set(EdFiDescriptorTable.interventionClass.codes.keys)
      ),
      (
        EdFiDescriptorTable.deliveryMethod.descriptor,
        Set(EdFiDescriptorTable.deliveryMethod.codes.keys)
      ),
      (EdFiDescriptorTable.diagnosis.descriptor, Set(EdFiDescriptorTable.diagnosis.codes.keys)),
      (
        EdFiDescriptorTable.assessmentPeriod.descriptor,
        Set(EdFiDescriptorTable.assessmentPeriod.codes.keys)
      ),
      (
        EdFiDescriptorTable.academicSubject.descriptor,
        Set(EdFiDescriptorTable.academicSubject.codes.keys)
      ),
      (EdFiDescriptorTable.gradeLevel.descriptor, Set(EdFiDescriptorTable.gradeLevel.codes.keys)),
      (
        EdFiDescriptorTable.reportingMethod.descriptor,
        Set(EdFiDescriptorTable.reportingMethod.codes.keys)
      ),
      (
        EdFiDescriptorTable.performanceLevel.descriptor,
        Set(EdFiDescriptorTable.performanceLevel.codes.keys)
      ),
      (EdFiDescriptorTable.schoolLevel.descriptor, Set(EdFiDescriptorTable.schoolLevel.codes.keys)),
    ]
    for (kind, mapped) in tables {
      let missing = (used[kind] ?? []).subtracting(mapped)
      #expect(missing.isEmpty, "\(kind): \(missing.sorted())")
    }
    #expect(used["AttendanceEventCategoryDescriptor"]?.count == 4)
  }

  @Test func codesAreLowercaseAndHyphenated() {
    let textCodes = [
      EdFiDescriptorTable.diagnosis, EdFiDescriptorTable.academicSubject,
      EdFiDescriptorTable.gradeLevel, EdFiDescriptorTable.reportingMethod,
      EdFiDescriptorTable.performanceLevel, EdFiDescriptorTable.schoolLevel,
    ].flatMap(\.codes.values)
    for code in textCodes {
      #expect(code.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(code)")
    }
  }
}
