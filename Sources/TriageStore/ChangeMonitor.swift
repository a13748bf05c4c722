import Foundation
import GRDB
import Synchronization
import TriageCore

/// A cheap check for commits by any other connection or process, for the console's poller.
///
/// It holds one dedicated read-only connection and asks it `PRAGMA data_version`, which changes when anyone else
/// commits. No read transaction is held open between checks, so the WAL is never pinned.
public final class ChangeMonitor: Sendable {
    private let connection: DatabaseQueue
    private let last: Mutex<Int?>

    public init(store: TicketStore) throws(TicketError) {
        do {
            connection = try DatabaseQueue(path: store.path, configuration: TicketStore.configuration(readonly: true))
        } catch {
            throw .storage("cannot watch the store: \(error)")
        }
        last = Mutex(nil)
    }

    /// Whether anything was committed since the previous call (the first call says `true`).
    public func hasChanged() throws(TicketError) -> Bool {
        let version: Int
        do {
            version = try connection.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        } catch {
            throw .storage("cannot watch the store: \(error)")
        }
        return last.withLock { previous in
            defer { previous = version }
            return previous != version
        }
    }
}
