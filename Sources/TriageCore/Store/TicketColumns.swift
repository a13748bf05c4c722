import Foundation

/// A value as a store writes it into a column: each backend binds these its own way.
public enum ColumnValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case real(Double)
    case bool(Bool)
    case null
}

/// The `tickets` row of a ticket, for every backend: the stored fields, then the values that follow from its state
/// (the SLA snapshot and the queue key), in one fixed order that inserts and updates share. Dates are seconds since
/// 1970 as doubles (they round-trip exactly).
public enum TicketColumns {
    public static func values(_ t: Ticket) -> [(name: String, value: ColumnValue)] {
        let key = t.queueKey
        func text(_ s: String?) -> ColumnValue { s.map(ColumnValue.text) ?? .null }
        func real(_ d: Double?) -> ColumnValue { d.map(ColumnValue.real) ?? .null }
        func date(_ d: Date?) -> ColumnValue { real(d?.timeIntervalSince1970) }
        return [
            ("id", .text(t.id.rawValue)),
            ("user_id", .text(t.userID.description)),
            ("subject", .text(t.subject)),
            ("description", .text(t.description)),
            ("category", .text(t.category.rawValue)),
            ("priority", .text(t.priority.rawValue)),
            ("status", .text(t.status.rawValue)),
            ("assignee", text(t.assignee)),
            ("escalated", .bool(t.escalated)),
            ("acknowledged_at", date(t.acknowledgedAt)),
            ("resolution", text(t.resolution)),
            ("created_at", date(t.createdAt)),
            ("updated_at", date(t.updatedAt)),
            ("closed_at", date(t.closedAt)),
            ("first_response_at", date(t.firstResponseAt)),
            ("awaiting_agent_since", date(t.awaitingAgentSince)),
            ("priority_rank", .integer(t.priority.rank)),
            ("sla_hours", .real(t.sla.budget.hours)),
            ("sla_rule", .text(t.sla.budget.rule.rawValue)),
            ("cycle_start", date(t.sla.cycleStart)),
            ("cycle", .integer(t.sla.cycle)),
            ("paused_seconds", .real(t.sla.pausedSeconds)),
            ("paused_at", t.sla.isPaused ? date(t.sla.pausedAt) : .null),
            ("due_at", date(t.sla.dueAt)),
            ("sla_met", t.sla.met.map(ColumnValue.bool) ?? .null),
            ("queue_rank", key.map { .integer($0.rank) } ?? .null),
            ("queue_key", real(key?.key)),
        ]
    }

    /// The column names, in `values`' order.
    public static let names: [String] = values(sample).map(\.name)

    /// Any ticket, to read the column names from.
    static let sample = Ticket(
        id: TicketID("TKT000000")!, userID: UserID(0), subject: "", description: "", category: .general, priority: .low,
        createdAt: Date(timeIntervalSince1970: 0),
        sla: SLAClock.replay([SLATimedEvent(at: Date(timeIntervalSince1970: 0), event: .created(.general, .low))], policy: .default)!)
}
