import Foundation
import GRDB
import Synchronization
import TriageCore

/// A cheap check for commits by any other connection or process, for the console's poller.
///
/// It holds one dedicated read-only connection and asks it `PRAGMA data_version`, which changes when anyone else
/// commits; only then does it read the ticket counter (bumped by every ticket change, not by drafts), so an agent's
/// own draft saves do not make the console reload. No read transaction is held open between checks, so the WAL is
/// never pinned.
public final class ChangeMonitor: Sendable {
    private let connection: DatabaseQueue
    private let last: Mutex<(dataVersion: Int, tickets: Int)?>

    public init(store: TicketStore) throws(TicketError) {
        do {
            connection = try DatabaseQueue(path: store.path, configuration: TicketStore.configuration(readonly: true))
        } catch {
            throw .storage("cannot watch the store: \(error)")
        }
        last = Mutex(nil)
    }

    /// Whether any ticket changed since the previous call (the first call says `true`).
    public func hasChanged() throws(TicketError) -> Bool {
        let previous = last.withLock { $0 }
        let current: (dataVersion: Int, tickets: Int)
        do {
            current = try connection.read { db in
                let dataVersion = try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
                if let previous, previous.dataVersion == dataVersion { return previous }
                let tickets = try Int.fetchOne(db, sql: "SELECT value FROM ticket_version WHERE id = 1") ?? 0
                return (dataVersion, tickets)
            }
        } catch {
            throw .storage("cannot watch the store: \(error)")
        }
        last.withLock { $0 = current }
        return previous?.tickets != current.tickets
    }
}
