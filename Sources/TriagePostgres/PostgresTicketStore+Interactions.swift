import Foundation
import PostgresNIO
import TriageCore

extension PostgresTicketStore {
    // MARK: Discord interactions, exactly once, as the worker (the API has checked Discord's signature)

    public func claimInteraction(_ id: String, now: Date) async throws(TicketError) -> InteractionClaim {
        try await transaction(.worker) { c in
            try await c.query(
                "DELETE FROM triage.discord_interactions WHERE created_at < \(now.timeIntervalSince1970 - InteractionClaim.retention)",
                logger: logger)
            let claimed = try await count(
                c,
                """
                INSERT INTO triage.discord_interactions (id, response, created_at) VALUES (\(id), NULL, \(now.timeIntervalSince1970))
                ON CONFLICT (id) DO NOTHING RETURNING 1
                """)
            if claimed == 1 { return .new }
            var stored: String?
            for try await response in try await c.query(
                "SELECT response FROM triage.discord_interactions WHERE id = \(id)", logger: logger
            ).decode(String?.self) {
                stored = response
            }
            return stored.map(InteractionClaim.answered) ?? .inProgress
        }
    }

    public func releaseInteraction(_ id: String) async throws(TicketError) {
        try await transaction(.worker) { c in
            _ = try await c.query("DELETE FROM triage.discord_interactions WHERE id = \(id) AND response IS NULL", logger: logger)
        }
    }

    public func recordInteractionResponse(_ id: String, response: String, now: Date) async throws(TicketError) {
        try await transaction(.worker) { c in
            _ = try await c.query(
                """
                INSERT INTO triage.discord_interactions (id, response, created_at) VALUES (\(id), \(response), \(now.timeIntervalSince1970))
                ON CONFLICT (id) DO UPDATE SET response = excluded.response
                """, logger: logger)
        }
    }
}
