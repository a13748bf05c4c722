import Foundation
import GRDB
import TriageCore

/// The policy in force, as last read from the store, and when it was read.
struct PolicyCache: Sendable {
    var version: Int64
    var policy: SLAPolicy
    var checkedAt: ContinuousClock.Instant
}

extension TicketStore {
    // MARK: The SLA policy, stored so that every process applies the same one

    /// The policy in force. Writes re-read it inside their transaction; this cached copy is re-checked at most once
    /// a second, so a long-running process follows `triage policy set` from another one.
    public var policy: SLAPolicy {
        let cached = policyCache.withLock { $0 }
        if ContinuousClock.now - cached.checkedAt < .seconds(1) { return cached.policy }
        return (try? reading { db in try self.currentPolicy(db) }) ?? cached.policy
    }

    /// The policy in force inside a transaction, refreshing the cache when another process changed it.
    func currentPolicy(_ db: Database) throws -> SLAPolicy {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT version, toml FROM policy_versions ORDER BY version DESC LIMIT 1"))
        let version: Int64 = row?["version"] ?? 0
        let parsed: SLAPolicy? =
            if let row, version != policyCache.withLock({ $0.version }) { try SLAPolicy(toml: row["toml"]) } else { nil }
        return policyCache.withLock { cache in
            cache.checkedAt = .now
            if version != cache.version {
                cache.policy = parsed ?? .default
                cache.version = version
            }
            return cache.policy
        }
    }

    /// Who changed the policy and when (newest first); empty while the defaults are in force.
    public func policyHistory() throws(TicketError) -> [(version: Int, setAt: Date, setBy: String)] {
        try reading { db in
            try Row.fetchAll(db, sql: "SELECT version, set_at, set_by FROM policy_versions ORDER BY version DESC").map {
                (version: $0["version"], setAt: Date(timeIntervalSince1970: $0["set_at"]), setBy: $0["set_by"])
            }
        }
    }

    /// Makes `policy` the one every process applies (admins only) and recomputes the due time of every ticket that
    /// is not closed from its event log under it. Returns how many tickets were recomputed (0, and no new version,
    /// when the policy is unchanged).
    @discardableResult
    public func setPolicy(_ policy: SLAPolicy, as principal: Principal, now: Date) throws(TicketError) -> Int {
        try AccessRules.require(principal, .setPolicy)
        return try writing { db in
            guard try self.currentPolicy(db) != policy else { return 0 }
            try db.execute(
                sql: "INSERT INTO policy_versions (toml, set_at, set_by) VALUES (?, ?, ?)",
                arguments: [policy.tomlText, now.timeIntervalSince1970, principal.actorName])
            let policy = try self.currentPolicy(db)
            let ids = try String.fetchAll(db, sql: "SELECT id FROM tickets WHERE status != 'closed'")
            for id in ids {
                var ticket = try Self.visibleTicket(db, id, as: principal)
                try Self.replaySLA(db, &ticket, policy: policy)
                try TicketRow.update(db, ticket)
                try Self.armTimer(db, ticket, policy: policy, now: now)
            }
            return ids.count
        }
    }

    /// Stores `policy` if it differs from the one in force (what `--policy FILE` does), as `actor`.
    public func importPolicy(_ policy: SLAPolicy, actor: String, now: Date) throws(TicketError) {
        let current = try reading { db in try self.currentPolicy(db) }
        if current != policy { try setPolicy(policy, as: .admin(actor), now: now) }
    }
}
