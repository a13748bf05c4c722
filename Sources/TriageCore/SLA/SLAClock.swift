import Foundation

/// A change that moves the SLA clock (SPEC §3).
public enum SLAEvent: Sendable, Equatable {
    case created(Category, Priority)
    case statusChanged(TicketStatus)
    case priorityChanged(Priority)
    case categoryChanged(Category)
    case closed
    case reopened
}

public struct SLATimedEvent: Sendable, Equatable {
    public var at: Date
    public var event: SLAEvent
    public init(at: Date, event: SLAEvent) {
        self.at = at
        self.event = event
    }
}

/// The state of a ticket's SLA: for an open ticket ok / warning / breached; for a closed one met / missed.
public enum SLAState: String, Sendable, Codable, Equatable {
    case ok, warning, breached, met, missed
}

/// The SLA clock of a ticket's current cycle, replayed from its event log.
///
/// Due = cycle start + S + completed pauses. While paused, the remaining time is frozen at the pause.
public struct SLASnapshot: Sendable, Equatable {
    public var category: Category
    public var priority: Priority
    public var budget: SLABudget
    public var cycleStart: Date
    /// Seconds spent `waiting` in this cycle, for pauses that have ended.
    public var pausedSeconds: TimeInterval
    /// Set while the ticket is `waiting`: the clock stopped then.
    public var pausedAt: Date?
    /// Set once the cycle ended with a close.
    public var closedAt: Date?
    /// Which cycle this is: 1, then one more for each reopen.
    public var cycle: Int

    public init(
        category: Category, priority: Priority, budget: SLABudget, cycleStart: Date, pausedSeconds: TimeInterval,
        pausedAt: Date?, closedAt: Date?, cycle: Int = 1
    ) {
        self.cycle = cycle
        self.category = category
        self.priority = priority
        self.budget = budget
        self.cycleStart = cycleStart
        self.pausedSeconds = pausedSeconds
        self.pausedAt = pausedAt
        self.closedAt = closedAt
    }

    public var dueAt: Date { cycleStart.addingTimeInterval(budget.seconds + pausedSeconds) }

    /// Time left before due (negative once breached); frozen while paused or closed.
    public func remaining(now: Date) -> TimeInterval {
        dueAt.timeIntervalSince(closedAt ?? pausedAt ?? now)
    }

    /// The countdown to show for this cycle: the time left (negative once breached, frozen while paused), or `nil`
    /// once the cycle has closed. A closed ticket shows its outcome (`state`: met or missed, `closedMargin` for by how
    /// much), never a countdown. Every view of a ticket's time left goes through here.
    public func countdown(now: Date) -> TimeInterval? { closedAt == nil ? remaining(now: now) : nil }

    /// How long before its due time a closed cycle was closed (negative: after it, by how much it was missed);
    /// `nil` while the cycle is still running.
    public var closedMargin: TimeInterval? { closedAt.map { dueAt.timeIntervalSince($0) } }

    /// Whether a closed cycle met its SLA; `nil` while the cycle is still running.
    public var met: Bool? { closedAt.map { $0 <= dueAt } }

    /// How a closed cycle ended, `.met` or `.missed` (its word is the raw value); `nil` while it is still running.
    public var outcome: SLAState? { met.map { $0 ? .met : .missed } }

    public var isPaused: Bool { pausedAt != nil && closedAt == nil }

    /// Which rule set the budget, in words: `category billing`, `priority high`, or both (`compact` leaves out the
    /// values when both rules agree, for narrow places).
    public func ruleDescription(compact: Bool = false) -> String {
        switch budget.rule {
        case .category: "category \(category.rawValue)"
        case .priority: "priority \(priority.rawValue)"
        case .both: compact ? "category and priority" : "category \(category.rawValue) and priority \(priority.rawValue)"
        }
    }

    public func state(now: Date, policy: SLAPolicy) -> SLAState {
        if let outcome { return outcome }
        return .running(remaining: remaining(now: now), lead: policy.warningLead(for: priority))
    }
}

/// Replays a ticket's SLA-relevant events into its current SLA snapshot (SPEC §3).
public enum SLAClock {
    /// The snapshot after `events` (in time order; ties keep their order), under `policy`.
    ///
    /// Priority and category changes recompute S from the current values while keeping paused time; a reopen starts
    /// a new cycle with a fresh budget from the reopen time. Returns `nil` if there is no `created` event.
    public static func replay(_ events: [SLATimedEvent], policy: SLAPolicy) -> SLASnapshot? {
        var snapshot: SLASnapshot?
        for timed in events {
            let at = timed.at
            if case .created(let category, let priority) = timed.event {
                snapshot = SLASnapshot(
                    category: category, priority: priority, budget: policy.budget(category: category, priority: priority),
                    cycleStart: at, pausedSeconds: 0, pausedAt: nil, closedAt: nil)
                continue
            }
            guard var s = snapshot else { continue }
            switch timed.event {
            case .created: break
            case .statusChanged(.waiting):
                if s.pausedAt == nil && s.closedAt == nil { s.pausedAt = at }
            case .statusChanged(.open):
                s.resume(at: at)
            case .statusChanged(.closed), .closed:
                if s.closedAt == nil {
                    s.resume(at: at)
                    s.closedAt = at
                }
            case .priorityChanged(let priority):
                s.priority = priority
            case .categoryChanged(let category):
                s.category = category
            case .reopened:
                s.cycle += 1
                s.cycleStart = at
                s.pausedSeconds = 0
                s.pausedAt = nil
                s.closedAt = nil
            }
            s.budget = policy.budget(category: s.category, priority: s.priority)
            snapshot = s
        }
        return snapshot
    }
}

extension SLASnapshot {
    fileprivate mutating func resume(at: Date) {
        if let paused = pausedAt {
            pausedSeconds += max(0, at.timeIntervalSince(paused))
            pausedAt = nil
        }
    }
}

extension SLAState {
    /// The state of a running clock with `remaining` seconds left, under a warning lead of `lead` (SPEC §3): breached
    /// once the due time has passed, warning within the lead. The one rule that a ticket's state, the console's header
    /// counts and the store's counts (the same bounds in SQL, `TicketStore.queueSummary`) follow.
    public static func running(remaining: TimeInterval, lead: TimeInterval) -> SLAState {
        if remaining < 0 { return .breached }
        if remaining <= lead { return .warning }
        return .ok
    }
}
