import Foundation

/// What one run of the SLA timers did.
public struct TimerRun: Sendable, Equatable {
    /// Tickets looked at.
    public var tickets = 0
    /// Facts recorded (warnings, breaches, pages, inactivity steps) by this run; a fact another runner recorded
    /// first is not counted.
    public var facts = 0
    public init() {}
}

/// The SLA timers as a store runs them (SPEC §6), on either backend: level-triggered from the stored timers, each
/// fact a unique row written with its events and notifications, so any number of runners never double one.
public protocol SLATimerRunning: Sendable {
    /// When the earliest timer falls due (nil: no live ticket needs the runner).
    func nextTimerDue() async throws(TicketError) -> Date?
    /// Runs the timers due by `now` (up to `limit` tickets), each ticket in a transaction of its own.
    func runDueTimers(now: Date, inactivity: InactivityRule, limit: Int) async throws(TicketError) -> TimerRun
}

/// A fire-once fact of the automations (`sla_facts`): unique per ticket, cycle, kind and number, so a second
/// runner's insert of the same fact does nothing, and nothing that follows from it is recorded twice.
public struct SLAFact: Sendable, Equatable {
    public var kind: String
    public var n: Int
    /// How late the step was taken (a warning or breach a runner that was down found late).
    public var late: TimeInterval?

    public init(_ kind: String, n: Int = 0, late: TimeInterval? = nil) {
        self.kind = kind
        self.n = n
        self.late = late
    }
}

/// What one due step records, decided from the ticket as it stands (the same on every backend). The backend inserts
/// `fact`; only when that insert is new does it record the rest, in the same transaction: the other facts, the
/// events, the escalation, the cancelled pages, the close, and the notifications.
public struct TimerFiring: Sendable, Equatable {
    public var fact: SLAFact
    /// Facts recorded along with `fact` (a breach records page 1 too).
    public var alsoFacts: [SLAFact] = []
    public var events: [TicketEvent] = []
    /// The breach escalates the ticket (again, when an earlier escalation was acknowledged).
    public var escalates = false
    /// The pending on-call pages this one supersedes are cancelled with this reason.
    public var supersedes: String?
    /// The ticket is closed for inactivity with this resolution (its notification follows from the closed ticket:
    /// `Automations.inactivityClosed`).
    public var closeResolution: String?
    public var notifications: [OutboxNotification] = []

    /// What `step` records for `ticket` at `now`; nil when there is nothing to record (a reminder with no wait
    /// going). `facts` learns the step either way, so the timer is re-armed past it.
    public static func of(
        _ step: SLATimerStep, ticket: Ticket, facts: inout SLAFacts, inactivity: InactivityRule, url: String, now: Date
    ) -> TimerFiring? {
        let cycle = "c\(ticket.sla.cycle)"
        func event(_ kind: EventKind, _ value: String, at: Date? = nil) -> TicketEvent {
            TicketEvent(ticketID: ticket.id, kind: kind, actor: Automations.actor, at: at ?? now, newValue: value)
        }
        switch step {
        case .warn(let late):
            facts.warned = true
            return TimerFiring(
                fact: SLAFact("warning", late: late ? now.timeIntervalSince(ticket.sla.dueAt) : nil),
                events: [event(.slaWarning, late ? "\(cycle):late" : cycle)],
                notifications: late ? [] : Automations.slaWarning(ticket, url: url))
        case .breach(let page, let lateBy):
            facts.breached = true
            facts.lastPage = max(facts.lastPage, page)
            // The breach happened at the due time, even when a runner that was down finds it later: the week's
            // breach count follows the due time.
            var events = [event(.slaBreached, cycle, at: min(now, ticket.sla.dueAt))]
            let escalates = !ticket.escalated || ticket.acknowledgedAt != nil
            if escalates { events.append(event(.escalated, cycle)) }
            events.append(event(.paged, "\(cycle):n\(page)"))
            var escalated = ticket
            if escalates {
                escalated.escalated = true
                escalated.acknowledgedAt = nil
            }
            return TimerFiring(
                fact: SLAFact("breach", late: lateBy), alsoFacts: [SLAFact("page", n: page)], events: events, escalates: escalates,
                notifications: Automations.slaBreached(escalated, page: page, lateBy: lateBy, url: url))
        case .page(let n):
            facts.lastPage = n
            return TimerFiring(
                fact: SLAFact("page", n: n), events: [event(.paged, "\(cycle):n\(n)")], supersedes: "superseded by page \(n)",
                notifications: Automations.page(ticket, n: n, url: url))
        case .remindUser:
            facts.inactivityReminded = true
            guard let since = ticket.sla.pausedAt else { return nil }
            return TimerFiring(
                fact: SLAFact("inactivity_reminder", n: Int(since.timeIntervalSince1970)),
                notifications: Automations.inactivityReminder(ticket, waitingSince: since, url: url))
        case .closeForInactivity:
            guard let since = ticket.sla.pausedAt else { return nil }
            let hours = Int(inactivity.closeAfterHours.rounded())
            return TimerFiring(
                fact: SLAFact("inactivity_close", n: Int(since.timeIntervalSince1970)),
                closeResolution: "closed for inactivity (no answer from the user for \(hours)h)")
        }
    }
}

extension SLATimers {
    /// The steps due for `ticket` at `now`.
    public static func steps(_ ticket: Ticket, facts: SLAFacts, policy: SLAPolicy, inactivity: InactivityRule, now: Date) -> [SLATimerStep] {
        steps(
            status: ticket.status, sla: ticket.sla, acknowledged: ticket.acknowledgedAt != nil, facts: facts, policy: policy,
            inactivity: inactivity, now: now)
    }

    /// When `ticket` next needs the runner (nil: never, as for a closed ticket).
    public static func nextInstant(_ ticket: Ticket, facts: SLAFacts, policy: SLAPolicy, inactivity: InactivityRule) -> Date? {
        guard ticket.status != .closed else { return nil }
        return nextInstant(
            status: ticket.status, sla: ticket.sla, acknowledged: ticket.acknowledgedAt != nil, facts: facts, policy: policy,
            inactivity: inactivity)
    }
}
