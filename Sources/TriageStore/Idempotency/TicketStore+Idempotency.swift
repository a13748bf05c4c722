import Crypto
import Foundation
import GRDB
import TriageCore

/// A client's `Idempotency-Key` on one API write: who sent it (the token's id), the key, and the request it came
/// with (a canonical text of method, path and decoded body; the store keeps only its hash).
public struct IdempotencyKey: Sendable, Equatable {
    public var caller: Int64
    public var key: String
    public var request: String

    public init(caller: Int64, key: String, request: String) {
        self.caller = caller
        self.key = key
        self.request = request
    }
}

/// The answer given to the first request of an idempotency key, given again to its retries.
public struct StoredAnswer: Sendable, Equatable {
    public var status: Int
    public var body: Data
    /// The `Location` header, if the answer had one.
    public var location: String?
    /// Whether this is a stored answer given again (`false` for the request that did the work).
    public var replayed: Bool

    public init(status: Int, body: Data, location: String? = nil, replayed: Bool = false) {
        self.status = status
        self.body = body
        self.location = location
        self.replayed = replayed
    }
}

extension TicketStore {
    // MARK: Idempotent API writes — the key is stored in the transaction of the work it guards

    /// How long a key is remembered: a retry within a day gets the first answer; after that the key is new again.
    public static let idempotencyRetention: TimeInterval = 86_400

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

    /// The answer stored for `key` within `idempotencyRetention` (marked replayed), `nil` for a new key; the same
    /// key with another request is a 422. Expired keys are forgotten on the way.
    static func storedAnswer(_ db: Database, for key: IdempotencyKey, now: Date) throws -> StoredAnswer? {
        try db.execute(
            sql: "DELETE FROM idempotency_keys WHERE created_at <= ?",
            arguments: [now.timeIntervalSince1970 - idempotencyRetention])
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT request_hash, status, body, location FROM idempotency_keys WHERE caller = ? AND key = ?",
                arguments: [key.caller, key.key])
        else { return nil }
        guard row[0] as String == hash(key.request) else {
            throw TicketError.invalidField(
                field: "Idempotency-Key", message: "Idempotency-Key '\(key.key)' was used with another request in the last 24 hours")
        }
        return StoredAnswer(status: row[1], body: row[2], location: row[3], replayed: true)
    }

    static func store(_ db: Database, _ answer: StoredAnswer, for key: IdempotencyKey, now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO idempotency_keys (caller, key, request_hash, status, body, location, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                key.caller, key.key, hash(key.request), answer.status, answer.body, answer.location, now.timeIntervalSince1970,
            ])
    }
}
