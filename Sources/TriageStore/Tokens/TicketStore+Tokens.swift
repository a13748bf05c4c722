import Foundation
import GRDB
import TriageCore

extension TicketStore {
    // MARK: API tokens

    /// Creates a token and returns its secret, which is shown once and stored only as a SHA-256 hash.
    /// A `user` token must name the user it is bound to.
    ///
    /// The name (`APITokens.validName`) is unique among live tokens, ignoring case: creating a second live `alice` (or
    /// `Alice`) is refused with an error naming the field `name`. The name of a **revoked** token may be used again,
    /// on purpose: the name is the agent's identity (the author of their messages, the assignee of their tickets,
    /// their drafts and seen marks), and the token only a credential, so revoking `alice`'s token and creating a new
    /// one named `alice` rotates her credential and she stays the same agent — which is also why it must be given
    /// to the same person. The check runs in the write transaction (`BEGIN IMMEDIATE`), so two processes cannot both
    /// pass it. Without a name, the token is named `ROLE-SECONDS` (`-2`, `-3`… when that is taken).
    ///
    /// Live duplicates written before names were unique are left as they are: both tokens keep working, and
    /// revoking that name revokes them all.
    public func createToken(role: Role, userID: UserID?, name: String?, as principal: Principal, now: Date) throws(TicketError) -> (
        token: APIToken, secret: String
    ) {
        try AccessRules.require(principal, .manageTokens)
        try APITokens.checkBinding(role: role, userID: userID)
        let chosen = try name.map { text throws(TicketError) in try APITokens.validName(text) }
        let secret = APITokens.newSecret()
        let (id, label) = try writing { db in
            let live = try Row.fetchAll(db, sql: "SELECT id, name FROM api_tokens WHERE revoked_at IS NULL ORDER BY id DESC").map {
                (id: $0["id"] as Int64, name: $0["name"] as String)
            }
            let label = try APITokens.name(chosen, role: role, now: now, live: live)
            try db.execute(
                sql: "INSERT INTO api_tokens (name, role, user_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [label, role.rawValue, userID?.description, APITokens.hash(secret), now.timeIntervalSince1970])
            return (db.lastInsertedRowID, label)
        }
        return (APIToken(id: id, name: label, role: role, userID: userID, createdAt: now), secret)
    }

    public func tokens(as principal: Principal) throws(TicketError) -> [APIToken] {
        try AccessRules.require(principal, .manageTokens)
        return try reading { db in try Row.fetchAll(db, sql: "SELECT * FROM api_tokens ORDER BY id").map(Self.decodeToken) }
    }

    /// Revokes a token, by id or by name (never a match on either); it stops working at once for every process.
    /// Returns what was revoked: one token, or by name every live token of exactly that name (several only in a
    /// store that held duplicates before names were unique).
    ///
    /// Nothing to revoke is an error that says why: no token with that id, a token already revoked (`conflict`),
    /// or no live token of that name.
    @discardableResult
    public func revokeToken(_ reference: TokenReference, as principal: Principal, now: Date) throws(TicketError) -> [APIToken] {
        try AccessRules.require(principal, .manageTokens)
        return try writing { db in
            var tokens: [APIToken]
            switch reference {
            case .id(let id):
                let row = try Row.fetchOne(db, sql: "SELECT * FROM api_tokens WHERE id = ?", arguments: [id])
                tokens = [try APITokens.revocable(id: id, try row.map(Self.decodeToken))]
            case .name(let name):
                let live = try Row.fetchAll(
                    db, sql: "SELECT * FROM api_tokens WHERE name = ? AND revoked_at IS NULL ORDER BY id", arguments: [name])
                let similar = try String.fetchAll(
                    db, sql: "SELECT DISTINCT name FROM api_tokens WHERE lower(name) = lower(?) AND name != ? AND revoked_at IS NULL",
                    arguments: [name, name])
                let anyRevoked = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM api_tokens WHERE name = ?)", arguments: [name]) ?? false
                tokens = try APITokens.revocable(name: name, live: try live.map(Self.decodeToken), similar: similar, anyRevoked: anyRevoked)
            }
            for index in tokens.indices {
                try db.execute(
                    sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, tokens[index].id])
                tokens[index].revokedAt = now
            }
            return tokens
        }
    }

    /// Revokes by id when `idOrName` is all digits, else by name (a token name holds a letter): see the other
    /// `revokeToken`.
    @discardableResult
    public func revokeToken(_ idOrName: String, as principal: Principal, now: Date) throws(TicketError) -> [APIToken] {
        try revokeToken(TokenReference(idOrName), as: principal, now: now)
    }

    /// The token that `secret` proves, if it exists and is not revoked; records its last use.
    ///
    /// The lookup is by hash, and the stored hash is compared again in constant time.
    public func authenticate(_ secret: String, now: Date) throws(TicketError) -> APIToken? {
        let hash = APITokens.hash(secret)
        return try writing { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM api_tokens WHERE token_hash = ?", arguments: [hash]),
                APITokens.constantTimeEqual(row["token_hash"], hash), row["revoked_at"] as Double? == nil
            else { return nil }
            try db.execute(
                sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, row["id"] as Int64])
            return try Self.decodeToken(row)
        }
    }

    static func decodeToken(_ row: Row) throws(TicketError) -> APIToken {
        let user: String? = row["user_id"]
        return try APIToken(
            id: row["id"], name: row["name"], role: StrictColumn.value(row["role"], column: "api_tokens.role"),
            userID: user == nil ? nil : StrictColumn.userID(user, column: "api_tokens.user_id"), createdAt: Date(timeIntervalSince1970: row["created_at"]),
            lastUsedAt: TicketRow.date(row, "last_used_at"), revokedAt: TicketRow.date(row, "revoked_at"))
    }
}
