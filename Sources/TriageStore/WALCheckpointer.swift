import Foundation
import GRDB
import TriageCore

/// Copies the store's WAL back into the database file on a connection of its own, so that writers never wait for
/// it (see `TicketStore.deferCheckpoints()`).
public final class WALCheckpointer: Sendable {
    let connection: DatabaseQueue

    init(_ connection: DatabaseQueue) { self.connection = connection }

    /// A passive checkpoint: copies every frame it can without waiting for readers or writers, and syncs the
    /// database file. Returns the WAL's size in frames and how many of them are now in the database.
    @discardableResult
    public func checkpoint() throws(TicketError) -> (walFrames: Int, checkpointed: Int) {
        do {
            return try connection.writeWithoutTransaction { db in
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
                return (walFrames: row?[1] ?? 0, checkpointed: row?[2] ?? 0)
            }
        } catch {
            throw TicketStore.mapped(error)
        }
    }
}
