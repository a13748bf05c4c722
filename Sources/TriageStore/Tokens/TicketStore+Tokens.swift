import Crypto
import Foundation
import GRDB
import TriageCore

/// An API token as listed (never the secret: only its hash is stored).
public struct APIToken: Sendable, Equatable, Encodable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var userID: UserID?
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, role
        case userID = "user_id"
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case revokedAt = "revoked_at"
    }

    /// Dates are ISO-8601 (`2026-11-18T10:30:00Z`, as every `--json` output and the API write them); a date not set
    /// is `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(userID?.description, forKey: .userID)
        try container.encode(Timestamp.string(createdAt), forKey: .createdAt)
        try container.encode(lastUsedAt.map(Timestamp.string), forKey: .lastUsedAt)
        try container.encode(revokedAt.map(Timestamp.string), forKey: .revokedAt)
    }
}

/// Which token `revokeToken` revokes: one by its id, or the live one by its name — never "either".
public enum TokenReference: Sendable, Equatable, CustomStringConvertible {
    case id(Int64)
    case name(String)

    public var description: String {
        switch self {
        case .id(let id): "token \(id)"
        case .name(let name): "token named '\(name)'"
        }
    }
}

extension TicketStore {
    // MARK: API tokens

    /// The words a token's name may not be, in any case: `me`, `none` and `nobody` mean something else wherever an
    /// agent is named (`ticket assign none`, `assignee=me`, the console's `a`), and `triage` is the automation's own
    /// name in the event log (`automationActor`).
    public static let reservedTokenNames: Set<String> = ["me", "none", "nobody", automationActor]

    /// Checks a token's name and returns it trimmed. An agent's or admin's token name is who they are: the author of
    /// their replies and notes, the actor in the event log, the name tickets are assigned to. So a name is an agent
    /// name (1–64 letters, digits, `.`, `-`, `_`: no space or control character) with at least one letter (a name of
    /// digits alone would read as a Discord user's id in the event log, and as a token id), and not a reserved word
    /// (`reservedTokenNames`). Every error names the field `name`.
    public static func validTokenName(_ text: String) throws(TicketError) -> String {
        let name = try Validation.agentName(text, field: "name")
        guard name.contains(where: \.isLetter) else {
            throw .invalidField(
                field: "name", message: "name '\(name)' must hold at least one letter (1 to 64 letters, digits, '.', '-' or '_')")
        }
        guard !reservedTokenNames.contains(name.lowercased()) else {
            let words = reservedTokenNames.sorted().joined(separator: ", ")
            throw .invalidField(field: "name", message: "name '\(name)' is reserved (\(words) mean something else); choose another")
        }
        return name
    }

    /// Creates a token and returns its secret, which is shown once and stored only as a SHA-256 hash.
    /// A `user` token must name the user it is bound to.
    ///
    /// The name (`validTokenName`) is unique among live tokens, ignoring case: creating a second live `alice` (or
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
        if role == .user && userID == nil {
            throw .invalidField(field: "user", message: "a user token needs --user ID (the Discord id it acts for)")
        }
        if role != .user && userID != nil {
            throw .invalidField(field: "user", message: "only user tokens are bound to a user id")
        }
        let chosen = try name.map { text throws(TicketError) in try Self.validTokenName(text) }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let secret = "trg_" + String((0..<40).map { _ in alphabet.randomElement(using: &generator)! })
        let (id, label) = try writing { db in
            var live: [String: (id: Int64, name: String)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM api_tokens WHERE revoked_at IS NULL ORDER BY id DESC") {
                live[(row["name"] as String).lowercased()] = (row["id"], row["name"])
            }
            let label: String
            if let chosen {
                if let other = live[chosen.lowercased()] {
                    let used = other.name == chosen ? "" : " as '\(other.name)'"
                    throw TicketError.invalidField(
                        field: "name",
                        message: "name '\(chosen)' is already used\(used) by live token \(other.id) (names are unique among live tokens, "
                            + "ignoring case); revoke that token first to give its name to a new one, or choose another name")
                }
                label = chosen
            } else {
                let base = "\(role.rawValue)-\(Int(now.timeIntervalSince1970))"
                var candidate = base
                var suffix = 1
                while live[candidate.lowercased()] != nil {
                    suffix += 1
                    candidate = "\(base)-\(suffix)"
                }
                label = candidate
            }
            try db.execute(
                sql: "INSERT INTO api_tokens (name, role, user_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [label, role.rawValue, userID?.description, Self.hash(secret), now.timeIntervalSince1970])
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
            let rows: [Row]
            switch reference {
            case .id(let id):
                rows = try Row.fetchAll(db, sql: "SELECT * FROM api_tokens WHERE id = ?", arguments: [id])
                guard let row = rows.first else { throw TicketError.notFound("no token with id \(id) (see `triage token list`)") }
                if let revoked = TicketRow.date(row, "revoked_at") {
                    throw TicketError.conflict(
                        "token \(id) ('\(row["name"] as String)') was already revoked at \(Timestamp.string(revoked))")
                }
            case .name(let name):
                rows = try Row.fetchAll(
                    db, sql: "SELECT * FROM api_tokens WHERE name = ? AND revoked_at IS NULL ORDER BY id", arguments: [name])
                if rows.isEmpty {
                    let similar = try String.fetchAll(
                        db, sql: "SELECT DISTINCT name FROM api_tokens WHERE lower(name) = lower(?) AND name != ? AND revoked_at IS NULL",
                        arguments: [name, name]
                    )
                    let revoked =
                        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM api_tokens WHERE name = ?)", arguments: [name]) ?? false
                    let hint =
                        !similar.isEmpty ? " (did you mean '\(similar.joined(separator: "', '"))'?)" : revoked ? " (only revoked ones)" : ""
                    throw TicketError.notFound("no live token named '\(name)'\(hint)")
                }
            }
            var tokens = try rows.map(Self.decodeToken)
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
        try revokeToken(Int64(idOrName).map(TokenReference.id) ?? .name(idOrName), as: principal, now: now)
    }

    /// The token that `secret` proves, if it exists and is not revoked; records its last use.
    ///
    /// The lookup is by hash, and the stored hash is compared again in constant time.
    public func authenticate(_ secret: String, now: Date) throws(TicketError) -> APIToken? {
        let hash = Self.hash(secret)
        return try writing { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM api_tokens WHERE token_hash = ?", arguments: [hash]),
                Self.constantTimeEqual(row["token_hash"], hash), row["revoked_at"] as Double? == nil
            else { return nil }
            try db.execute(
                sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, row["id"] as Int64])
            return try Self.decodeToken(row)
        }
    }

    static func hash(_ secret: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(secret.utf8)) {
            hex += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
        }
        return String(decoding: hex, as: UTF8.self)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    static func decodeToken(_ row: Row) throws(TicketError) -> APIToken {
        let user: String? = row["user_id"]
        return try APIToken(
            id: row["id"], name: row["name"], role: StrictColumn.value(row["role"], column: "api_tokens.role"),
            userID: user == nil ? nil : StrictColumn.userID(user, column: "api_tokens.user_id"), createdAt: Date(timeIntervalSince1970: row["created_at"]),
            lastUsedAt: TicketRow.date(row, "last_used_at"), revokedAt: TicketRow.date(row, "revoked_at"))
    }
}
