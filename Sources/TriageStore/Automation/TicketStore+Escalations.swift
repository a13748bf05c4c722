import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Escalations — what on-call sees of the runner's paging

    /// For each of `ids` that is escalated: the pages sent in its current SLA cycle (the highest page number in
    /// `sla_facts`), when the breach was recorded, and who acknowledged and when (the ticket's `acknowledged_at` and
    /// the actor of its latest `acknowledged` event). Ids that are unknown or not escalated are left out. Staff only.
    /// Reads only the given tickets, each by primary key (tickets, then the facts of its cycle, then its events).
    public func escalations(of ids: [TicketID], as principal: Principal) throws(TicketError) -> [TicketID: EscalationInfo] {
        try AccessRules.require(principal, .viewAutomation)
        guard !ids.isEmpty else { return [:] }
        return try reading { db in try Self.escalations(db, of: ids) }
    }

    /// `escalations(of:as:)` within a read the caller holds.
    static func escalations(_ db: Database, of ids: [TicketID]) throws -> [TicketID: EscalationInfo] {
        guard !ids.isEmpty else { return [:] }
        let ticket = try db.cachedStatement(sql: "SELECT cycle, acknowledged_at FROM tickets WHERE id = ? AND escalated = 1")
        let facts = try db.cachedStatement(
            sql: """
                SELECT MAX(CASE WHEN kind = 'page' THEN n END), MAX(CASE WHEN kind = 'breach' THEN at END)
                FROM sla_facts WHERE ticket_id = ? AND cycle = ? AND kind IN ('breach', 'page')
                """)
        let acknowledger = try db.cachedStatement(
            sql: "SELECT actor FROM events WHERE ticket_id = ? AND kind = 'acknowledged' ORDER BY id DESC LIMIT 1")
        var out: [TicketID: EscalationInfo] = [:]
        for id in Set(ids) {
            guard let row = try Row.fetchOne(ticket, arguments: [id.rawValue]) else { continue }
            let cycle: Int = row[0]
            var info = EscalationInfo(
                ticketID: id, cycle: cycle, acknowledgedAt: (row[1] as Double?).map(Date.init(timeIntervalSince1970:)))
            if let fact = try Row.fetchOne(facts, arguments: [id.rawValue, cycle]) {
                info.pages = (fact[0] as Int?) ?? 0
                info.breachedAt = (fact[1] as Double?).map(Date.init(timeIntervalSince1970:))
            }
            if info.acknowledgedAt != nil {
                info.acknowledgedBy = try String.fetchOne(acknowledger, arguments: [id.rawValue])
            }
            out[id] = info
        }
        return out
    }
}
