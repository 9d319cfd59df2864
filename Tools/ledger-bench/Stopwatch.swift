import Foundation

/// Monotonic time in nanoseconds, for timing phases and single operations.
enum Stopwatch {
  /// Nanoseconds on the monotonic clock (`CLOCK_MONOTONIC`); only differences mean anything.
  static func now() -> UInt64 {
    DispatchTime.now().uptimeNanoseconds
  }

  /// Runs `body` and returns its result with the nanoseconds it took.
  static func time<T>(_ body: () throws -> T) rethrows -> (result: T, nanoseconds: UInt64) {
    let start = now()
    let result = try body()
    return (result, now() - start)
  }
}
