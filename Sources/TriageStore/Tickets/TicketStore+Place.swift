import Foundation
import GRDB
import TriageCore

extension TicketStore {
    public static let estimateWeeks = QueuePlace.estimateWeeks
    public static let estimateMinimumSamples = QueuePlace.estimateMinimumSamples

    /// Ticket `id`'s place in the queue — one more than the open tickets ahead of it in queue order (every
    /// requester's: only the count is told) — and the expected first response: the median of the first responses of
    /// the last `estimateWeeks` weeks for its priority, or for every priority when that priority had fewer than
    /// `estimateMinimumSamples`. The ticket must be visible to `principal` (else `no ticket`, as everywhere).
    public func place(of id: TicketID, as principal: Principal, now: Date) throws(TicketError) -> QueuePlace {
        try reading { db in
            let ticket = try Self.visibleTicket(db, id.rawValue, as: principal)
            var place: Int?
            if let key = ticket.queueKey {
                let ahead = Self.queued("<", key)
                place =
                    try Int.fetchOne(
                        db.cachedStatement(sql: "SELECT COUNT(*) FROM tickets t WHERE t.queue_rank = 0 AND \(ahead.sql)"),
                        arguments: ahead.arguments)! + 1
            }
            let since = QueuePlace.estimateSince(now)
            let estimate =
                try Self.firstResponseEstimate(db, since: since, priority: ticket.priority)
                .flatMap { $0.samples >= Self.estimateMinimumSamples ? $0 : nil }
                ?? Self.firstResponseEstimate(db, since: since, priority: nil)
            return QueuePlace(place: place, estimate: estimate)
        }
    }

    /// The median first response (hours) of the tickets first answered from week number `since` on, of `priority`
    /// (their current one) or of all; nil when there are none. Two look-ups along the `responses_week` index.
    private static func firstResponseEstimate(_ db: Database, since: Int, priority: Priority?) throws -> CommandText.Estimate? {
        let from =
            priority == nil
            ? "FROM responses r WHERE r.week >= ?"
            : "FROM responses r JOIN tickets t ON t.id = r.ticket_id WHERE r.week >= ? AND t.priority = ?"
        let arguments: StatementArguments = priority.map { [since, $0.rawValue] } ?? [since]
        let count = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) \(from)"), arguments: arguments) ?? 0
        let ranks = WeekSample.Durations.medianRanks(count: count)
        guard let first = ranks.first else { return nil }
        let middle = try Double.fetchAll(
            db.cachedStatement(sql: "SELECT r.seconds \(from) ORDER BY r.seconds LIMIT ? OFFSET ?"),
            arguments: arguments + [ranks.count, first])
        guard !middle.isEmpty else { return nil }
        let hours = middle.reduce(0, +) / Double(middle.count) / 3600
        return CommandText.Estimate(medianHours: hours, samples: count, weeks: estimateWeeks, priority: priority)
    }
}
