#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// A hint that the store's files were written, from inotify on the store's folder: any process's commit writes the
/// WAL (or the database file), and the folder watch survives the WAL being deleted and created again. It is only a
/// hint — `PRAGMA data_version` stays the truth — so the console can sleep until a write or a key instead of
/// waking on a timer, and see another process's commit at once. Where inotify is missing (not Linux, a network
/// filesystem that never reports) the poll remains.
final class StoreWake: @unchecked Sendable {
    /// The descriptor that becomes readable on a write (poll it with the terminal's input).
    let descriptor: Int32

    /// Watches the folder holding `storePath`; nil when inotify is not available.
    init?(storePath: String) {
        #if os(Linux)
            let folder = (URL(fileURLWithPath: storePath).deletingLastPathComponent().path as NSString).standardizingPath
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { return nil }
            let mask = UInt32(IN_MODIFY | IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE)
            guard inotify_add_watch(fd, folder, mask) >= 0 else {
                close(fd)
                return nil
            }
            descriptor = fd
        #else
            return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Reads every pending notification (their content does not matter: any write is worth one check).
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }
}
