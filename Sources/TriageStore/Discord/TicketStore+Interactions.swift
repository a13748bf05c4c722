import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Discord interactions, exactly once

    /// How long answered interaction ids are kept: Discord's tokens live 15 minutes, so a redelivery after a day
    /// cannot happen.
    public static let interactionRetention: TimeInterval = InteractionClaim.retention

    /// Claims interaction `id` (insert first, `ON CONFLICT DO NOTHING`) and says whether it is new, already answered
    /// or being answered. Ids older than `interactionRetention` are forgotten on the way.
    ///
    /// The claim commits before the work it guards, so a crash between the work (a ticket) and
    /// `recordInteractionResponse` leaves the id claimed without an answer: a redelivery is then told it is in
    /// progress and never creates a second ticket (at most once; the user finds the ticket with `/ticket list`).
    public func claimInteraction(_ id: String, now: Date) throws(TicketError) -> InteractionClaim {
        try writing { db in
            try db.execute(
                sql: "DELETE FROM discord_interactions WHERE created_at < ?",
                arguments: [now.timeIntervalSince1970 - Self.interactionRetention])
            try db.execute(
                sql: "INSERT INTO discord_interactions (id, response, created_at) VALUES (?, NULL, ?) ON CONFLICT (id) DO NOTHING",
                arguments: [id, now.timeIntervalSince1970])
            if db.changesCount > 0 { return .new }
            let stored = try String.fetchOne(db, sql: "SELECT response FROM discord_interactions WHERE id = ?", arguments: [id])
            return stored.map(InteractionClaim.answered) ?? .inProgress
        }
    }

    /// Gives up a claim whose work did not happen (the store was too busy to do it): the id may be claimed again.
    /// An answered id is kept.
    public func releaseInteraction(_ id: String) throws(TicketError) {
        try writing { db in
            try db.execute(sql: "DELETE FROM discord_interactions WHERE id = ? AND response IS NULL", arguments: [id])
        }
    }

    /// Records the answer given to interaction `id`, the one its redeliveries get.
    public func recordInteractionResponse(_ id: String, response: String, now: Date) throws(TicketError) {
        try writing { db in
            try db.execute(
                sql: """
                    INSERT INTO discord_interactions (id, response, created_at) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET response = excluded.response
                    """,
                arguments: [id, response, now.timeIntervalSince1970])
        }
    }
}
