import Foundation
import PostgresNIO
import TriageCore

extension PostgresTicketStore {
    // MARK: What the API server needs beyond the tickets: threads, idempotent writes, the change counter, tokens

    public func thread(_ id: String, as principal: Principal) async throws(TicketError) -> TicketDetail {
        try await transaction(as: principal, kind: .prepared) { c in
            let ticket = try await visibleTicket(c, id, as: principal)
            return TicketDetail(ticket: ticket, messages: try await visibleMessages(c, ticket.id, as: principal), events: [])
        }
    }

    public func create(
        _ new: NewTicket, as principal: Principal, now: Date, key: IdempotencyKey, answer: @escaping @Sendable (Ticket) -> StoredAnswer
    ) async throws(TicketError) -> StoredAnswer {
        let new = try new.checked(as: principal)
        return try await keyed(key, as: principal, now: now) { c in answer(try await self.insertTicket(c, new, as: principal, now: now)) }
    }

    public func reply(
        _ id: String, body: String, internal isInternal: Bool, as principal: Principal, now: Date, key: IdempotencyKey,
        answer: @escaping @Sendable (Message) -> StoredAnswer
    ) async throws(TicketError) -> StoredAnswer {
        let text = try TicketInput.message(body)
        return try await keyed(key, as: principal, now: now) { c in
            answer(try await self.insertReply(c, id, text: text, internal: isInternal, keepOpen: false, as: principal, now: now))
        }
    }

    /// `work` once per key, in one transaction with the key's row (readable and writable only by its caller, under
    /// row-level security). Requests with the same key wait for each other (a transaction lock on the key), so a
    /// retry sent while the first is still running gets its answer instead of doing the work twice.
    func keyed(
        _ key: IdempotencyKey, as principal: Principal, now: Date, _ work: @escaping (PostgresConnection) async throws -> StoredAnswer
    ) async throws(TicketError) -> StoredAnswer {
        try await transaction(as: principal, caller: key.caller) { c in
            try await c.query(
                "SELECT pg_advisory_xact_lock(hashtextextended(\("\(key.caller)|\(key.key)"), \(PostgresSchema.idempotencyLockSeed)))",
                logger: logger)
            try await c.query(
                "DELETE FROM triage.idempotency_keys WHERE created_at <= \(now.timeIntervalSince1970 - IdempotencyKey.retention)",
                logger: logger)
            let rows = try await c.query(
                "SELECT request_hash, status, body, location FROM triage.idempotency_keys WHERE caller = \(key.caller) AND key = \(key.key)",
                logger: logger)
            for try await (hash, status, body, location) in rows.decode((String, Int, Data, String?).self) {
                return try key.replay(storedRequestHash: hash, StoredAnswer(status: status, body: body, location: location))
            }
            let answer = try await work(c)
            try await c.query(
                """
                INSERT INTO triage.idempotency_keys (caller, key, request_hash, status, body, location, created_at)
                VALUES (\(key.caller), \(key.key), \(key.requestHash), \(answer.status), \(answer.body), \(answer.location), \(now.timeIntervalSince1970))
                """, logger: logger)
            return answer
        }
    }

    /// The sum of the striped `ticket_version`, read as the worker (the counter says nothing about any ticket).
    public func changeCounter() async throws(TicketError) -> Int {
        try await transaction(.worker) { c in try await Self.version(c, logger: logger) }
    }

    static func version(_ c: PostgresConnection, logger: Logger) async throws -> Int {
        var version = 0
        for try await sum in try await c.query("SELECT COALESCE(sum(value), 0)::int8 FROM triage.ticket_version", logger: logger).decode(
            Int.self)
        {
            version = sum
        }
        return version
    }

    // MARK: API tokens: admins manage them as staff with principal_role 'admin' (row-level security says the same)

    public func createToken(role: Role, userID: UserID?, name: String?, as principal: Principal, now: Date) async throws(TicketError)
        -> CreatedToken
    {
        try AccessRules.require(principal, .manageTokens)
        try APITokens.checkBinding(role: role, userID: userID)
        let chosen = try name.map { text throws(TicketError) in try APITokens.validName(text) }
        let secret = APITokens.newSecret()
        return try await transaction(as: principal) { c in
            // Names are unique among live tokens: creators wait for each other, so two cannot both pass the check.
            try await c.query("SELECT pg_advisory_xact_lock(\(PostgresSchema.tokenNamesLock))", logger: logger)
            var live: [(id: Int64, name: String)] = []
            for try await (id, name) in try await c.query(
                "SELECT id, name FROM triage.api_tokens WHERE revoked_at IS NULL ORDER BY id DESC", logger: logger
            ).decode((Int64, String).self) {
                live.append((id, name))
            }
            let label = try APITokens.name(chosen, role: role, now: now, live: live)
            var id: Int64 = 0
            for try await inserted in try await c.query(
                """
                INSERT INTO triage.api_tokens (name, role, user_id, token_hash, created_at)
                VALUES (\(label), \(role.rawValue), \(userID?.description), \(APITokens.hash(secret)), \(now.timeIntervalSince1970))
                RETURNING id
                """, logger: logger
            ).decode(Int64.self) {
                id = inserted
            }
            return CreatedToken(token: APIToken(id: id, name: label, role: role, userID: userID, createdAt: now), secret: secret)
        }
    }

    public func tokens(as principal: Principal) async throws(TicketError) -> [APIToken] {
        try AccessRules.require(principal, .manageTokens)
        return try await transaction(as: principal) { c in
            try await tokens(c, "SELECT \(unescaped: Self.tokenColumns) FROM triage.api_tokens ORDER BY id")
        }
    }

    public func revokeToken(_ reference: TokenReference, as principal: Principal, now: Date) async throws(TicketError) -> [APIToken] {
        try AccessRules.require(principal, .manageTokens)
        return try await transaction(as: principal) { c in
            var revoked: [APIToken]
            switch reference {
            case .id(let id):
                let found = try await tokens(c, "SELECT \(unescaped: Self.tokenColumns) FROM triage.api_tokens WHERE id = \(id) FOR UPDATE")
                revoked = [try APITokens.revocable(id: id, found.first)]
            case .name(let name):
                let live = try await tokens(
                    c,
                    "SELECT \(unescaped: Self.tokenColumns) FROM triage.api_tokens WHERE name = \(name) AND revoked_at IS NULL ORDER BY id FOR UPDATE"
                )
                var similar: [String] = []
                for try await other in try await c.query(
                    """
                    SELECT DISTINCT name FROM triage.api_tokens WHERE lower(name) = lower(\(name)) AND name <> \(name) AND revoked_at IS NULL
                    ORDER BY name
                    """, logger: logger
                ).decode(String.self) {
                    similar.append(other)
                }
                var anyRevoked = false
                for try await exists in try await c.query(
                    "SELECT EXISTS (SELECT 1 FROM triage.api_tokens WHERE name = \(name))", logger: logger
                ).decode(Bool.self) {
                    anyRevoked = exists
                }
                revoked = try APITokens.revocable(name: name, live: live, similar: similar, anyRevoked: anyRevoked)
            }
            for index in revoked.indices {
                try await c.query(
                    "UPDATE triage.api_tokens SET revoked_at = \(now.timeIntervalSince1970) WHERE id = \(revoked[index].id)", logger: logger
                )
                revoked[index].revokedAt = now
            }
            return revoked
        }
    }

    /// Through `triage.authenticate` (SECURITY DEFINER): no principal exists before the token is known, and the
    /// login role reads no token row itself. The lookup is by hash; the stored hash is compared again in constant
    /// time.
    public func authenticate(_ secret: String, now: Date, recordingUse: Bool) async throws(TicketError) -> APIToken? {
        let hash = APITokens.hash(secret)
        let at: Double? = recordingUse ? now.timeIntervalSince1970 : nil
        do {
            let rows = try await client.query(
                "SELECT \(unescaped: Self.tokenColumns) FROM triage.authenticate(\(hash), \(at), \(APITokens.lastUseResolution))",
                logger: logger)
            for try await row in rows {
                let token = try Self.decodeToken(row)
                guard APITokens.constantTimeEqual(try row.makeRandomAccess()["token_hash"].decode(String.self), hash) else { return nil }
                return token
            }
            return nil
        } catch {
            throw PostgresFailure.mapped(error, at: location)
        }
    }

    static let tokenColumns = "id, name, role, user_id, token_hash, created_at, last_used_at, revoked_at"

    func tokens(_ c: PostgresConnection, _ query: PostgresQuery) async throws -> [APIToken] {
        var found: [APIToken] = []
        for try await row in try await c.query(query, logger: logger) { found.append(try Self.decodeToken(row)) }
        return found
    }

    static func decodeToken(_ row: PostgresRow) throws -> APIToken {
        let r = row.makeRandomAccess()
        let roleText = try r["role"].decode(String.self)
        guard let role = Role(rawValue: roleText) else {
            throw TicketError.storage("api_tokens.role holds an unknown value \(roleText.debugDescription)")
        }
        let userText = try r["user_id"].decode(String?.self)
        let user = try userText.map { text throws in
            guard let id = UserID(text) else {
                throw TicketError.storage("api_tokens.user_id holds a malformed id \(text.debugDescription)")
            }
            return id
        }
        func date(_ name: String) throws -> Date? { try r[name].decode(Double?.self).map(Date.init(timeIntervalSince1970:)) }
        return APIToken(
            id: try r["id"].decode(Int64.self), name: try r["name"].decode(String.self), role: role, userID: user,
            createdAt: try date("created_at")!, lastUsedAt: try date("last_used_at"), revokedAt: try date("revoked_at"))
    }
}
