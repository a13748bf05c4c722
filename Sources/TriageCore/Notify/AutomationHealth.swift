import Foundation

/// What on-call needs to know about the automations at a glance (the console header, `triage outbox list`): when a
/// runner last finished a pass, how many run, the outbox's pending and dead counts, and the targets a 401/403/404
/// disabled. The store reads it (`TicketStore.automationHealth(as:)`); `runner(now:)` judges it.
public struct AutomationHealth: Sendable, Equatable {
    /// A delivery target switched off until an admin fixes it, and why.
    public struct DisabledTarget: Sendable, Equatable {
        public var target: String
        public var reason: String
        public init(target: String, reason: String) {
            self.target = target
            self.reason = reason
        }
    }

    /// How the runners look from here.
    public enum Runner: Sendable, Equatable {
        /// A runner finished a pass `age` seconds ago, within `staleAfter`.
        case passing(age: TimeInterval)
        /// A runner is registered but has not finished a pass for `age` seconds (nil: not one pass yet).
        case stale(age: TimeInterval?)
        /// A runner started less than `staleAfter` ago and none has passed since: its first pass is under way (a
        /// start after a long stop, or one whose first pass works through a backlog, is not a fault yet).
        case starting
        /// No runner is running: none ever ran on this store, or every one stopped.
        case none
    }

    /// A runner passes every 30 s; no pass for longer than this means it is stuck or gone.
    public static let staleAfter: TimeInterval = 120

    /// The most recent pass of any runner (nil: no runner ever finished one on this store).
    public var lastPassAt: Date?
    /// When the most recently started of the running runners started (nil: none is running).
    public var lastStartAt: Date?
    public var runningRunners: Int
    public var pending: Int
    public var dead: Int
    public var disabledTargets: [DisabledTarget]

    public init(
        lastPassAt: Date? = nil, lastStartAt: Date? = nil, runningRunners: Int = 0, pending: Int = 0, dead: Int = 0,
        disabledTargets: [DisabledTarget] = []
    ) {
        self.lastPassAt = lastPassAt
        self.lastStartAt = lastStartAt
        self.runningRunners = runningRunners
        self.pending = pending
        self.dead = dead
        self.disabledTargets = disabledTargets
    }

    /// The runners' state at `now`. A runner that died without saying so stays registered: its silence makes it stale.
    public func runner(now: Date) -> Runner {
        guard runningRunners > 0 else { return .none }
        let age = lastPassAt.map { max(0, now.timeIntervalSince($0)) }
        if let age, age <= Self.staleAfter { return .passing(age: age) }
        if let lastStartAt, now.timeIntervalSince(lastStartAt) <= Self.staleAfter, lastPassAt.map({ $0 < lastStartAt }) ?? true {
            return .starting
        }
        return .stale(age: age)
    }
}
