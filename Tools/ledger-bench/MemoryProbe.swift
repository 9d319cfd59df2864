import Foundation

/// Reads the process's resident memory from `/proc/self/status` (Linux).
///
/// `VmHWM` is the peak resident set since the process started or since the peak was last
/// reset by writing `5` to `/proc/self/clear_refs`; it counts pages of memory-mapped files
/// (LMDB maps its data file) as well as the heap. `RssAnon` is the heap and stacks alone, so
/// a sampler keeps its own peak of it.
enum MemoryProbe {
  /// Resets the kernel's peak-resident counter; returns false where that is not possible
  /// (not Linux, or a kernel without the `5` command), in which case peaks run from start.
  @discardableResult
  static func resetPeak() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else {
      return false
    }
    defer { try? handle.close() }
    do {
      try handle.write(contentsOf: Data("5".utf8))
      return true
    } catch {
      return false
    }
  }

  /// A field of `/proc/self/status` in bytes (`VmHWM`, `VmRSS`, `RssAnon`, `RssFile`), or
  /// nil where it cannot be read.
  static func statusBytes(_ field: String) -> UInt64? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return nil
    }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
      let number = line.dropFirst(field.count + 1).split(whereSeparator: \.isWhitespace).first
      return number.flatMap { UInt64($0) }.map { $0 * 1024 }
    }
    return nil
  }
}

/// Peak memory of one phase: the kernel's peak resident set, and the sampled peak of
/// anonymous memory (heap), which excludes the LMDB map's file pages.
struct PhaseMemory {
  var peakResident: UInt64?
  var peakAnonymous: UInt64?
}

/// Samples `RssAnon` on a background thread every few milliseconds and keeps the highest.
final class AnonymousMemorySampler: @unchecked Sendable {
  // Safe to share: `peak` and `running` are only touched under `lock`.
  private let lock = NSLock()
  private var peak: UInt64 = 0
  private var running = true
  private let done = DispatchSemaphore(value: 0)

  /// Starts sampling at once.
  init(intervalMilliseconds: Int = 20) {
    let thread = Thread { [self] in
      while lock.withLock({ running }) {
        record()
        Thread.sleep(forTimeInterval: Double(intervalMilliseconds) / 1000)
      }
      done.signal()
    }
    thread.start()
  }

  private func record() {
    guard let anon = MemoryProbe.statusBytes("RssAnon") else { return }
    lock.withLock { peak = max(peak, anon) }
  }

  /// Stops sampling and returns the highest value seen (one last sample included).
  func stop() -> UInt64? {
    record()
    lock.withLock { running = false }
    done.wait()
    let value = lock.withLock { peak }
    return value == 0 ? nil : value
  }
}

/// Runs `body` as one measured phase: resets the peak, samples the heap, and returns the
/// phase's peak memory with the result.
func measuringMemory<T>(_ body: () throws -> T) rethrows -> (result: T, memory: PhaseMemory) {
  let reset = MemoryProbe.resetPeak()
  let sampler = AnonymousMemorySampler()
  let result: T
  do {
    result = try body()
  } catch {
    _ = sampler.stop()
    throw error
  }
  let anonymous = sampler.stop()
  let resident = reset ? MemoryProbe.statusBytes("VmHWM") : nil
  return (result, PhaseMemory(peakResident: resident, peakAnonymous: anonymous))
}
