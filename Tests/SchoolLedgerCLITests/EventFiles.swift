import Foundation

/// Writes JSON Lines of valid attendance events, for tests that need volume.
enum EventFiles {
  /// `count` events for `school`, ids `prefix-0...`, one student key per 40 events and one
  /// school day per event (cycling through June and July 2024).
  static func attendance(count: Int, school: String, prefix: String, to path: String) throws {
    var text = ""
    text.reserveCapacity(count * 330)
    for index in 0..<count {
      let day = 1 + index % 28
      let date = "2024-0\(6 + (index / 28) % 2)-\(day < 10 ? "0" : "")\(day)"
      let student = String(format: "stu-%032x", index / 40 + 1)
      text += """
        {"id":"\(prefix)-\(index)","type":"attendance.recorded","stream":"\(school)",\
        "occurredOn":"\(date)","actor":"teacher:1","source":{"system":"test",\
        "naturalKey":"\(prefix)-\(index)"},"payload":{"studentKey":"\(student)",\
        "date":"\(date)","category":"unexcused-absence","duration":1}}

        """
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }
}
