import Foundation
import Synchronization

/// A micro-cache for list pages: the encoded answer for one caller and query, kept while no ticket changed
/// (the store's ticket counter) and within the same second (SLA countdowns are whole seconds). Many agents and bots
/// polling the same queue page then cost one query and one encoding per second instead of one per request.
final class PageCache: Sendable {
    struct Entry {
        var version: Int
        var second: Int
        var body: Data
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 512) { self.capacity = capacity }

    func get(_ key: String, version: Int, second: Int) -> Data? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.version == version, entry.second == second else { return nil }
            return entry.body
        }
    }

    func put(_ key: String, version: Int, second: Int, body: Data) {
        entries.withLock { entries in
            if entries.count >= capacity {
                // Drop what can no longer be served: older versions or seconds; else start afresh.
                entries = entries.filter { $0.value.version == version && $0.value.second == second }
                if entries.count >= capacity { entries.removeAll() }
            }
            entries[key] = Entry(version: version, second: second, body: body)
        }
    }
}
