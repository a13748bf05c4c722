import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Digests — one per kind and period, whatever the number of runners

    /// Whether the digest for this kind and period was already sent (or skipped because it was empty).
    public func digestRecorded(kind: String, period: String) throws(TicketError) -> Bool {
        try reading { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM digests WHERE kind = ? AND period = ?", arguments: [kind, period]) ?? false
        }
    }

    /// Records a digest and writes its notifications in one transaction; `false` (and nothing written) when another
    /// runner or an earlier pass recorded it already. An empty `notifications` records a skipped digest.
    @discardableResult
    public func recordDigest(kind: String, period: String, notifications: [OutboxNotification], now: Date) throws(TicketError) -> Bool {
        try writing { db in
            try db.execute(
                sql: "INSERT INTO digests (kind, period, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [kind, period, now.timeIntervalSince1970])
            guard db.changesCount == 1 else { return false }
            try Self.enqueue(db, notifications, now: now)
            return true
        }
    }

    // MARK: Runner health

    public func runnerStarted(_ owner: String, now: Date) throws(TicketError) {
        try writing { db in
            try db.execute(
                sql: """
                    INSERT INTO runners (owner, started_at) VALUES (?, ?)
                    ON CONFLICT (owner) DO UPDATE SET started_at = excluded.started_at, stopped_at = NULL
                    """, arguments: [owner, now.timeIntervalSince1970])
        }
    }

    public func runnerPassed(_ owner: String, now: Date) throws(TicketError) {
        try writing { db in
            try db.execute(sql: "UPDATE runners SET last_pass_at = ? WHERE owner = ?", arguments: [now.timeIntervalSince1970, owner])
        }
    }

    public func runnerStopped(_ owner: String, now: Date) throws(TicketError) {
        try writing { db in
            try db.execute(sql: "UPDATE runners SET stopped_at = ? WHERE owner = ?", arguments: [now.timeIntervalSince1970, owner])
            try db.execute(sql: "DELETE FROM runners WHERE stopped_at < ?", arguments: [now.timeIntervalSince1970 - 7 * 86_400])
        }
    }

    /// The runners, the outbox's pending and dead counts and the disabled targets. Staff only.
    public func automationHealth(as principal: Principal) throws(TicketError) -> AutomationHealth {
        try AccessRules.require(principal, .viewAutomation)
        return try reading { db in
            let runners = try Row.fetchAll(db, sql: "SELECT * FROM runners")
            let running = runners.filter { ($0["stopped_at"] as Double?) == nil }
            var pending = 0
            var dead = 0
            for row in try Self.liveCounts(db) {
                if row.status == .dead { dead += row.count } else { pending += row.count }
            }
            let disabled = try Row.fetchAll(
                db, sql: "SELECT target, disabled_reason FROM delivery_targets WHERE disabled_reason IS NOT NULL ORDER BY target"
            ).map { AutomationHealth.DisabledTarget(target: $0[0], reason: $0[1]) }
            return AutomationHealth(
                lastPassAt: runners.compactMap { ($0["last_pass_at"] as Double?) }.max().map(Date.init(timeIntervalSince1970:)),
                lastStartAt: running.map { $0["started_at"] as Double }.max().map(Date.init(timeIntervalSince1970:)),
                runningRunners: running.count, pending: pending, dead: dead, disabledTargets: disabled)
        }
    }
}
