import Foundation
import GRDB
import TriageCore

/// The store's commit counter, read with one `PRAGMA data_version` on a dedicated read-only connection: it moves
/// whenever anyone (any process, this one included) commits. The automation runner wakes on it, and the console's
/// `ChangeMonitor` is built on it.
public final class CommitWatch: Sendable {
    private let connection: DatabaseQueue

    public init(store: TicketStore) throws(TicketError) {
        do {
            connection = try DatabaseQueue(path: store.path, configuration: TicketStore.configuration(readonly: true))
        } catch {
            throw .storage("cannot watch the store: \(error)")
        }
    }

    /// The store's commit counter as this connection sees it: it moves whenever anyone commits a change.
    public func version() throws(TicketError) -> Int {
        do {
            // No transaction around it: the pragma needs none, and BEGIN/COMMIT would triple the cost of an idle poll.
            return try connection.inDatabase { db in try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0 }
        } catch {
            throw .storage("cannot watch the store: \(error)")
        }
    }

    /// The ticket counter (`ticket_version`, bumped by every change to a ticket row), on the same connection.
    func ticketVersion() throws(TicketError) -> Int {
        do {
            return try connection.inDatabase { db in
                try Int.fetchOne(db.cachedStatement(sql: "SELECT value FROM ticket_version WHERE id = 1")) ?? 0
            }
        } catch {
            throw .storage("cannot watch the store: \(error)")
        }
    }
}
