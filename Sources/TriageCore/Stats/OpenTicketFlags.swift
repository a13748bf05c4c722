import Foundation

/// What one ticket adds to the two KPIs that count open tickets (SPEC §5): open (or waiting) with no assignee, and
/// open at critical priority. The store keeps the per-day changes of these counts, so that a past week's KPIs can be
/// read as of that week's end without looking at any ticket.
public struct OpenTicketFlags: Sendable, Equatable {
    public var unassigned: Bool
    public var critical: Bool

    public init(status: TicketStatus, assignee: String?, priority: Priority) {
        let open = status != .closed
        unassigned = open && assignee == nil
        critical = open && priority == .critical
    }

    /// What changing from `old` (nil: the ticket is new) to `new` adds to the two counts.
    public static func delta(from old: OpenTicketFlags?, to new: OpenTicketFlags) -> (unassigned: Int, critical: Int) {
        func value(_ flag: Bool?) -> Int { flag == true ? 1 : 0 }
        return (value(new.unassigned) - value(old?.unassigned), value(new.critical) - value(old?.critical))
    }

    /// The changes a ticket's event log implies, in log order, leaving out events that change neither count: for
    /// histories written in bulk (the seeder) and for checking the store's bookkeeping. Reads `created`
    /// (`category/priority`), `assigned` (the new assignee, none when unassigned), `priority_changed`, `closed` and
    /// `reopened`.
    public static func changes(_ events: [TicketEvent]) -> [(at: Date, unassigned: Int, critical: Int)] {
        var status = TicketStatus.open
        var assignee: String?
        var priority = Priority.medium
        var flags: OpenTicketFlags?
        var changes: [(at: Date, unassigned: Int, critical: Int)] = []
        for event in events {
            switch event.kind {
            case .created:
                let parts = (event.newValue ?? "").split(separator: "/")
                if parts.count == 2, let p = Priority(rawValue: String(parts[1])) { priority = p }
            case .assigned: assignee = event.newValue
            case .priorityChanged: if let p = event.newValue.flatMap(Priority.init(rawValue:)) { priority = p }
            case .closed: status = .closed
            case .reopened: status = .open
            default: continue
            }
            let new = OpenTicketFlags(status: status, assignee: assignee, priority: priority)
            let delta = delta(from: flags, to: new)
            flags = new
            if delta != (0, 0) { changes.append((event.at, delta.unassigned, delta.critical)) }
        }
        return changes
    }
}
