import Foundation

/// The moment an SLA cycle ran out while its clock was running: what the automation runner records as an
/// `sla_breached` event (`new_value` `c<cycle>`).
public struct SLABreach: Sendable, Equatable {
    public var cycle: Int
    public var at: Date

    public init(cycle: Int, at: Date) {
        self.cycle = cycle
        self.at = at
    }

    /// The `new_value` of the cycle's `sla_breached` event: `c1`, `c2`, …
    public var eventValue: String { "c\(cycle)" }
}

extension SLAClock {
    /// When each cycle of a ticket's log breached, as seen at `now` (at most one breach per cycle): the first instant
    /// its clock was running past its due time. A cycle never breaches while it waits or once it is closed, and a
    /// close exactly at the due time meets it; a priority change that leaves a running cycle already past due
    /// breaches it at that change. `events` in time order, as for `replay`.
    public static func breaches(_ events: [SLATimedEvent], policy: SLAPolicy, now: Date) -> [SLABreach] {
        var breaches: [SLABreach] = []
        for index in events.indices {
            // Each prefix is short (a ticket has a handful of SLA events), so replaying it again is cheap.
            guard let snapshot = replay(Array(events[...index]), policy: policy), snapshot.closedAt == nil,
                snapshot.pausedAt == nil, breaches.last?.cycle != snapshot.cycle
            else { continue }
            let until = index + 1 < events.count ? min(events[index + 1].at, now) : now
            if snapshot.dueAt < until {
                breaches.append(SLABreach(cycle: snapshot.cycle, at: max(snapshot.dueAt, events[index].at)))
            }
        }
        return breaches
    }
}
