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
}

extension TicketStore {
    // MARK: API tokens

    /// Creates a token and returns its secret, which is shown once and stored only as a SHA-256 hash.
    /// A `user` token must name the user it is bound to.
    public func createToken(role: Role, userID: UserID?, name: String?, as principal: Principal, now: Date) throws(TicketError) -> (
        token: APIToken, secret: String
    ) {
        guard AccessRules.allows(principal, .manageTokens) else { throw .forbidden("only admins manage tokens") }
        if role == .user && userID == nil {
            throw .invalidField(field: "user", message: "a user token needs --user ID (the Discord id it acts for)")
        }
        if role != .user && userID != nil {
            throw .invalidField(field: "user", message: "only user tokens are bound to a user id")
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let secret = "trg_" + String((0..<40).map { _ in alphabet.randomElement(using: &generator)! })
        let label = name ?? "\(role.rawValue)-\(Int(now.timeIntervalSince1970))"
        let id = try writing { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (name, role, user_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [label, role.rawValue, userID?.description, Self.hash(secret), now.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
        return (APIToken(id: id, name: label, role: role, userID: userID, createdAt: now), secret)
    }

    public func tokens(as principal: Principal) throws(TicketError) -> [APIToken] {
        guard AccessRules.allows(principal, .manageTokens) else { throw .forbidden("only admins manage tokens") }
        return try reading { db in try Row.fetchAll(db, sql: "SELECT * FROM api_tokens ORDER BY id").map(Self.decodeToken) }
    }

    /// Revokes a token by id or name; it stops working at once for every process.
    public func revokeToken(_ idOrName: String, as principal: Principal, now: Date) throws(TicketError) {
        guard AccessRules.allows(principal, .manageTokens) else { throw .forbidden("only admins manage tokens") }
        let changed = try writing { db in
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = ? WHERE (id = ? OR name = ?) AND revoked_at IS NULL",
                arguments: [now.timeIntervalSince1970, Int64(idOrName) ?? -1, idOrName])
            return db.changesCount
        }
        if changed == 0 { throw .notFound("no active token \(idOrName)") }
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
            return Self.decodeToken(row)
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

    static func decodeToken(_ row: Row) -> APIToken {
        APIToken(
            id: row["id"], name: row["name"], role: Role(rawValue: row["role"]) ?? .user,
            userID: (row["user_id"] as String?).flatMap(UserID.init), createdAt: Date(timeIntervalSince1970: row["created_at"]),
            lastUsedAt: TicketRow.date(row, "last_used_at"), revokedAt: TicketRow.date(row, "revoked_at"))
    }
}
