import Foundation
import PostgresNIO
import TriageCore

/// What a console (or an API server's page cache) learns from PostgreSQL when tickets change (design note §4): a
/// NOTIFY per changed ticket on channel `triage_tickets` (ticket ids only: notifications bypass row-level security),
/// and a transactional change counter as the safety net.
public enum TicketChange: Sendable, Equatable {
    /// Listening (again): anything may have changed meanwhile (a notification sent while nobody listened is lost),
    /// so reload everything.
    case reloadAll
    /// This ticket changed, in a committed transaction.
    case ticket(TicketID)
}

extension PostgresTicketStore {
    /// The channel the tickets' row trigger notifies.
    public static let changeChannel = "triage_tickets"

    /// The change counter: the sum of the striped `ticket_version`, which moves only with a committed ticket change
    /// (a draft or a token does not touch it). Staff only, like the console.
    public func ticketVersion(as principal: Principal) async throws(TicketError) -> Int {
        try AccessRules.require(principal, .useConsole)
        return try await transaction(as: principal) { c in
            var version = 0
            for try await sum in try await c.query("SELECT COALESCE(sum(value), 0)::int8 FROM triage.ticket_version", logger: logger)
                .decode(Int.self)
            {
                version = sum
            }
            return version
        }
    }

    /// Calls `onChange` for every committed ticket change, from a connection of its own (LISTEN cannot share a
    /// pooled one): `.reloadAll` each time it starts listening, then `.ticket(id)` per notification. A lost
    /// connection is opened again (after `retry`), with another `.reloadAll`. Runs until its task is cancelled.
    public func listen(retry: Duration = .seconds(1), _ onChange: @Sendable (TicketChange) async -> Void) async {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try location.configuration()
        } catch {
            logger.error("cannot listen for changes: \(error)")
            return
        }
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: attempt, logger: logger)
                defer { Task { try? await connection.close() } }
                try await connection.listen(on: Self.changeChannel) { notifications in
                    // LISTEN is in place before the reload is asked for, so nothing committed after it is missed.
                    await onChange(.reloadAll)
                    for try await notification in notifications {
                        if let id = TicketID(notification.payload) { await onChange(.ticket(id)) }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("lost the change feed from \(location): \(error); listening again in \(retry)")
            }
            try? await Task.sleep(for: retry)
        }
    }
}
