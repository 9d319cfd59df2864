import Foundation
import LedgerStore

#if canImport(Glibc)
  import Glibc
#endif

/// The right to run projections over one set of read models, held by one process at a time.
///
/// An exclusive `flock` on `runner.lock` in the read-model directory. The kernel drops it
/// when the process ends in any way, so a killed runner never leaves it behind. The holder
/// writes its process id into the file so that a second runner can say who has it.
public final class RunnerLock: @unchecked Sendable {
  // Safe to share: the descriptor is only closed, once, in deinit.
  private let descriptor: Int32
  public let path: String

  /// Takes the lock in `directory`: waits for it when `wait` is true, and otherwise throws
  /// a `.busy` ``StoreError`` naming the process that holds it.
  public init(directory: String, wait: Bool) throws {
    path = directory + "/runner.lock"
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true,
      attributes: [.posixPermissions: 0o700])
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw StoreError(.io, "cannot open \(path): \(String(cString: strerror(errno)))")
    }
    while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
      let code = errno
      if code == EINTR { continue }
      let holder = Self.holder(descriptor)
      close(descriptor)
      guard code == EWOULDBLOCK else {
        throw StoreError(.io, "cannot lock \(path): \(String(cString: strerror(code)))")
      }
      throw StoreError(
        .busy,
        "another projection runner\(holder.map { " (process \($0))" } ?? "") is updating "
          + "these read models (it holds \(path)); let it finish, or run with --wait")
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(descriptor, 0)
    _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }

  deinit {
    // Closing the descriptor releases the lock.
    close(descriptor)
  }

  private static func holder(_ descriptor: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    return Int32(
      String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines))
  }
}
