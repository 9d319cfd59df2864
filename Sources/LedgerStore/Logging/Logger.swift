/// A small logger passed into the libraries; the program decides where lines go.
///
/// Messages are built only when their level is enabled, so a debug line on a hot path
/// costs a comparison when debugging is off.
public struct Logger: Sendable {
  /// How much to say, from least to most.
  public enum Level: Int, Sendable, Comparable {
    case error, warning, info, debug

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  public var level: Level
  private let sink: @Sendable (Level, String) -> Void

  public init(level: Level, sink: @escaping @Sendable (Level, String) -> Void) {
    self.level = level
    self.sink = sink
  }

  /// A logger that drops everything, for tests and library defaults.
  public static let silent = Logger(level: .error) { _, _ in }

  public func log(_ level: Level, _ message: @autoclosure () -> String) {
    if level <= self.level { sink(level, message()) }
  }

  public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
  public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
  public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
  public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
}
