import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: The agent roster — who a ticket can be assigned to

    /// How many of the latest events the roster looks through for agents at work (a bounded read at any store size:
    /// a range of the events' primary key, no scan of the whole log).
    public static let rosterRecentEvents = AgentRoster.recentEvents

    /// The agents known to the store, sorted: the names of staff tokens that are not revoked, the assignees of queued
    /// tickets, and the staff who acted in the latest `rosterRecentEvents` events (assigned, noted, changed, closed…).
    /// Users and the service act under a Discord id (digits only) and the automation runner as `triage`: neither is an
    /// agent. Staff only.
    public func agentRoster(as principal: Principal) throws(TicketError) -> [String] {
        try AccessRules.require(principal, .useConsole)
        let names = try reading { db in
            var names = try String.fetchAll(
                db, sql: "SELECT name FROM api_tokens WHERE role IN ('agent', 'admin') AND revoked_at IS NULL")
            names += try String.fetchAll(
                db, sql: "SELECT DISTINCT assignee FROM tickets WHERE queue_rank IS NOT NULL AND assignee IS NOT NULL")
            names += try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT actor FROM events
                    WHERE id > (SELECT COALESCE(MAX(id), 0) FROM events) - ?
                    UNION SELECT DISTINCT new_value FROM events
                    WHERE id > (SELECT COALESCE(MAX(id), 0) FROM events) - ? AND kind = 'assigned' AND new_value IS NOT NULL
                    """,
                arguments: [Self.rosterRecentEvents, Self.rosterRecentEvents])
            return names
        }
        return AgentRoster.names(names)
    }
}
