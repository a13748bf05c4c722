import Foundation
import GRDB
import TriageCore

/// Copies the store's WAL back into the database file on a connection of its own, so that writers never wait for
/// it (see `TicketStore.deferCheckpoints()`), and gives the WAL file back its space.
///
/// A passive checkpoint never shrinks the `-wal` file: SQLite reuses it from the start once every frame is in the
/// database, so the file stays at its largest size. So when a passive checkpoint has copied every frame, a
/// `TRUNCATE` checkpoint follows and empties the file. It needs a moment with no writer and no reader on an older
/// snapshot; the connection never waits for one (no busy timeout): while another process writes, the attempt
/// simply fails and the next run tries again, so it never holds up a writer for longer than the truncation.
public final class WALCheckpointer: Sendable {
    let connection: DatabaseQueue

    init(_ connection: DatabaseQueue) { self.connection = connection }

    /// A passive checkpoint: copies every frame it can without waiting for readers or writers, and syncs the
    /// database file; then, when every frame was copied, truncates the WAL file if nobody needs it at that moment.
    /// Returns the WAL's size in frames and how many of them are now in the database (as the passive checkpoint saw
    /// them), and whether the WAL file was emptied.
    @discardableResult
    public func checkpoint() throws(TicketError) -> (walFrames: Int, checkpointed: Int, truncated: Bool) {
        do {
            return try connection.writeWithoutTransaction { db in
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
                let (frames, copied): (Int, Int) = (row?[1] ?? 0, row?[2] ?? 0)
                guard frames > 0, copied == frames else { return (frames, copied, false) }
                // busy = 0 when the WAL was copied and emptied; 1 when a writer or a reader stood in the way.
                let truncate = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                return (frames, copied, (truncate?[0] ?? 1) == 0)
            }
        } catch {
            throw TicketStore.mapped(error)
        }
    }
}
