import Foundation
import Synchronization
import TriageCore

/// A cheap check for commits by any other connection or process, for the console's poller.
///
/// It holds one dedicated read-only connection and asks it `PRAGMA data_version`, which changes when anyone else
/// commits; only then does it read the ticket counter (bumped by every ticket change, not by drafts), so an agent's
/// own draft saves do not make the console reload. No read transaction is held open between checks, so the WAL is
/// never pinned.
public final class ChangeMonitor: Sendable {
    private let watch: CommitWatch
    private let last: Mutex<(dataVersion: Int, tickets: Int)?>

    public init(store: TicketStore) throws(TicketError) {
        watch = try CommitWatch(store: store)
        last = Mutex(nil)
    }

    /// Whether any ticket changed since the previous call (the first call says `true`).
    public func hasChanged() throws(TicketError) -> Bool { try check().ticketsChanged }

    /// What the previous call has not seen: a commit of any kind (`committed`: a draft, a presence beat, a ticket
    /// change), and among them a ticket change (`ticketsChanged`). The first call says `true` to both.
    public func check() throws(TicketError) -> (committed: Bool, ticketsChanged: Bool) {
        let previous = last.withLock { $0 }
        let dataVersion = try watch.version()
        if let previous, previous.dataVersion == dataVersion { return (false, false) }
        let current = (dataVersion: dataVersion, tickets: try watch.ticketVersion())
        last.withLock { $0 = current }
        return (true, previous?.tickets != current.tickets)
    }
}
