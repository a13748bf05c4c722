import Foundation
import PostgresNIO
import TriageCore

extension PostgresTicketStore {
    // MARK: The stored SLA policy: a new version (admins, under row-level security too), then every ticket not
    // closed replayed under it, in the same transaction

    public func setPolicy(_ policy: SLAPolicy, as principal: Principal, now: Date) async throws(TicketError) -> Int {
        try AccessRules.require(principal, .setPolicy)
        return try await transaction(as: principal) { c in
            // Setters wait for each other: the comparison with the policy in force holds until the commit.
            try await c.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.policyLock))", logger: logger)
            guard try await currentPolicy(c) != policy else { return 0 }
            try await c.query(
                """
                INSERT INTO triage.policy_versions (toml, set_at, set_by)
                VALUES (\(policy.tomlText), \(now.timeIntervalSince1970), \(principal.actorName))
                """, logger: logger)
            let inForce = try await currentPolicy(c)
            var ids: [String] = []
            for try await id in try await c.query("SELECT id FROM triage.tickets WHERE status <> 'closed' ORDER BY id FOR UPDATE", logger: logger)
                .decode(String.self)
            {
                ids.append(id)
            }
            for id in ids {
                var ticket = try await visibleTicket(c, id, as: principal)
                let log = try await events(c, of: ticket.id, kinds: EventKind.slaKinds)
                if let sla = SLAClock.replay(log.compactMap(\.slaEvent), policy: inForce) { ticket.sla = sla }
                try await save(c, ticket)
                try await armTimer(c, ticket, policy: inForce, now: now)
            }
            return ids.count
        }
    }

    public func policyHistory(as principal: Principal) async throws(TicketError) -> [PolicyVersion] {
        try await transaction(as: principal) { c in
            var versions: [PolicyVersion] = []
            for try await (version, at, by) in try await c.query(
                "SELECT version::int8, set_at, set_by FROM triage.policy_versions ORDER BY version DESC", logger: logger
            ).decode((Int, Double, String).self) {
                versions.append(PolicyVersion(version: version, setAt: Date(timeIntervalSince1970: at), setBy: by))
            }
            return versions
        }
    }
}
