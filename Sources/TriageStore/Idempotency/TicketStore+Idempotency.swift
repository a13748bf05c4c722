import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: Idempotent API writes — the key is stored in the transaction of the work it guards

    /// Opens a ticket once per key: the first request opens it and stores `answer(ticket)` with the key, in the
    /// same transaction; a retry (same caller, key and request) gets that answer again and opens nothing; the same
    /// key with another request is a 422.
    public func create(
        _ request: TicketCreation, key: IdempotencyKey, answer: (Ticket) -> StoredAnswer
    ) throws(TicketError) -> StoredAnswer {
        let new = try request.ticket.checked(as: request.principal)
        return try writing { db in
            if let stored = try Self.storedAnswer(db, for: key, now: request.now) { return stored }
            let answer = answer(try insertTicket(db, new, as: request.principal, now: request.now))
            try Self.store(db, answer, for: key, now: request.now)
            return answer
        }
    }

    /// Adds a message once per key, as `reply` does, with the same rules as the keyed `create`.
    public func reply(
        _ id: String, body: String, internal isInternal: Bool = false, as principal: Principal, now: Date, key: IdempotencyKey,
        answer: (Message) -> StoredAnswer
    ) throws(TicketError) -> StoredAnswer {
        let text = try TicketInput.message(body)
        return try writing { db in
            if let stored = try Self.storedAnswer(db, for: key, now: now) { return stored }
            let message = try insertReply(db, id, text: text, internal: isInternal, keepOpen: false, as: principal, now: now)
            let answer = answer(try Self.visibleMessage(db, message, as: principal))
            try Self.store(db, answer, for: key, now: now)
            return answer
        }
    }

    /// The answer stored for `key` within `IdempotencyKey.retention` (marked replayed), `nil` for a new key; the same
    /// key with another request is a 422. Expired keys are forgotten on the way.
    static func storedAnswer(_ db: Database, for key: IdempotencyKey, now: Date) throws -> StoredAnswer? {
        try db.execute(
            sql: "DELETE FROM idempotency_keys WHERE created_at <= ?",
            arguments: [now.timeIntervalSince1970 - IdempotencyKey.retention])
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT request_hash, status, body, location FROM idempotency_keys WHERE caller = ? AND key = ?",
                arguments: [key.caller, key.key])
        else { return nil }
        return try key.replay(storedRequestHash: row[0], StoredAnswer(status: row[1], body: row[2], location: row[3]))
    }

    static func store(_ db: Database, _ answer: StoredAnswer, for key: IdempotencyKey, now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO idempotency_keys (caller, key, request_hash, status, body, location, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                key.caller, key.key, key.requestHash, answer.status, answer.body, answer.location, now.timeIntervalSince1970,
            ])
    }
}
