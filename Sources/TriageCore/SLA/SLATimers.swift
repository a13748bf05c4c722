import Foundation

/// What the automations have already recorded for a ticket's current SLA cycle (the fire-once facts).
public struct SLAFacts: Sendable, Equatable {
    public var warned: Bool
    public var breached: Bool
    /// The highest page number sent in this cycle (page 1 is the breach itself); 0 before the breach.
    public var lastPage: Int
    /// Whether the wait that started at the ticket's current pause was already reminded / closed for inactivity.
    public var inactivityReminded: Bool

    public init(warned: Bool = false, breached: Bool = false, lastPage: Int = 0, inactivityReminded: Bool = false) {
        self.warned = warned
        self.breached = breached
        self.lastPage = lastPage
        self.inactivityReminded = inactivityReminded
    }

    /// The facts of a ticket's current cycle from the recorded rows (`sla_facts`: kind and number), on every store.
    /// An inactivity reminder counts only for the wait that is still going (its number is the pause's start, in
    /// whole seconds).
    public init(recorded rows: [(kind: String, n: Int)], pausedAt: Date?) {
        self.init()
        let waitKey = pausedAt.map { Int($0.timeIntervalSince1970) } ?? -1
        for (kind, n) in rows {
            switch kind {
            case "warning": warned = true
            case "breach": breached = true
            case "page": lastPage = max(lastPage, n)
            case "inactivity_reminder": if n == waitKey { inactivityReminded = true }
            default: break
            }
        }
    }
}

/// How long a ticket may wait on the user before a reminder, and before it is closed (SPEC §6; 0 = never).
public struct InactivityRule: Sendable, Equatable {
    public var remindAfterHours: Double
    public var closeAfterHours: Double

    public init(remindAfterHours: Double = 48, closeAfterHours: Double = 0) {
        self.remindAfterHours = remindAfterHours
        self.closeAfterHours = closeAfterHours
    }

    public static let `default` = InactivityRule()
}

/// A step the automation runner must take for a ticket now.
public enum SLATimerStep: Sendable, Equatable {
    /// The warning lead time has come (`late`: it was missed while the runner was down, and the ticket is already
    /// breached, so the fact is recorded without a notification).
    case warn(late: Bool)
    /// The SLA ran out: record the breach and the escalation and send page `page` (1, or more after downtime).
    /// `lateBy` is set when the breach is found well after its due time.
    case breach(page: Int, lateBy: TimeInterval?)
    /// Page `n` (≥ 2) of an unacknowledged breach; after downtime only the current one.
    case page(Int)
    /// The ticket has waited on the user for `remind_after_hours`.
    case remindUser
    /// The ticket has waited on the user for `close_after_hours`: close it.
    case closeForInactivity
}

/// The SLA timers of SPEC §6 as pure functions: level-triggered from the ticket's state and the facts already
/// recorded, so a runner that restarts, or two runners at once, reach the same steps and the store's unique facts
/// keep each one single.
public enum SLATimers {
    /// A breach found more than this after its due time says it was detected late.
    public static let lateThreshold: TimeInterval = 60

    /// The steps due at `now`, in order.
    public static func steps(
        status: TicketStatus, sla: SLASnapshot, acknowledged: Bool, facts: SLAFacts, policy: SLAPolicy,
        inactivity: InactivityRule, now: Date
    ) -> [SLATimerStep] {
        switch status {
        case .closed:
            return []
        case .waiting:
            // A waiting ticket never warns or breaches (its clock is stopped); it may be waiting on the user too long.
            guard let since = sla.pausedAt else { return [] }
            let waited = now.timeIntervalSince(since)
            if inactivity.closeAfterHours > 0, waited >= inactivity.closeAfterHours * 3600 { return [.closeForInactivity] }
            if inactivity.remindAfterHours > 0, !facts.inactivityReminded, waited >= inactivity.remindAfterHours * 3600 {
                return [.remindUser]
            }
            return []
        case .open:
            var steps: [SLATimerStep] = []
            let due = sla.dueAt
            let breached = now >= due
            if !facts.warned, now >= due.addingTimeInterval(-policy.warningLead(for: sla.priority)) {
                steps.append(.warn(late: breached))
            }
            guard breached else { return steps }
            let current = currentPage(due: due, policy: policy, now: now)
            if !facts.breached {
                let late = now.timeIntervalSince(due)
                steps.append(.breach(page: acknowledged ? 1 : current, lateBy: late > lateThreshold ? late : nil))
            } else if !acknowledged, current > facts.lastPage {
                steps.append(.page(current))
            }
            return steps
        }
    }

    /// The page number in force at `now` for a breach due at `due`: 1 at the breach, one more every repeat.
    public static func currentPage(due: Date, policy: SLAPolicy, now: Date) -> Int {
        let repeatSeconds = max(60, policy.escalationRepeatHours * 3600)
        return 1 + Int((max(0, now.timeIntervalSince(due)) / repeatSeconds).rounded(.down))
    }

    /// The next instant after the recorded facts when a step may fall due (nil: nothing until the ticket changes).
    public static func nextInstant(
        status: TicketStatus, sla: SLASnapshot, acknowledged: Bool, facts: SLAFacts, policy: SLAPolicy,
        inactivity: InactivityRule
    ) -> Date? {
        switch status {
        case .closed:
            return nil
        case .waiting:
            guard let since = sla.pausedAt else { return nil }
            var candidates: [Date] = []
            if inactivity.remindAfterHours > 0, !facts.inactivityReminded {
                candidates.append(since.addingTimeInterval(inactivity.remindAfterHours * 3600))
            }
            if inactivity.closeAfterHours > 0 { candidates.append(since.addingTimeInterval(inactivity.closeAfterHours * 3600)) }
            return candidates.min()
        case .open:
            let due = sla.dueAt
            if !facts.warned { return due.addingTimeInterval(-policy.warningLead(for: sla.priority)) }
            if !facts.breached { return due }
            if acknowledged { return nil }
            let repeatSeconds = max(60, policy.escalationRepeatHours * 3600)
            return due.addingTimeInterval(Double(max(1, facts.lastPage)) * repeatSeconds)
        }
    }
}
