import Crypto
import Foundation

/// An API token as listed (never the secret: only its hash is stored).
public struct APIToken: Sendable, Equatable, Encodable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var userID: UserID?
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: Int64, name: String, role: Role, userID: UserID?, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.userID = userID
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

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

    /// By id when `text` is all digits, else by name (a token name holds a letter).
    public init(_ text: String) { self = Int64(text).map(Self.id) ?? .name(text) }

    public var description: String {
        switch self {
        case .id(let id): "token \(id)"
        case .name(let name): "token named '\(name)'"
        }
    }
}

/// The rules of API tokens, the same on every backend: names, secrets and their hashes, and what creating and
/// revoking a token checks and answers. A backend only reads and writes the rows.
public enum APITokens {
    /// The words a token's name may not be, in any case: `me`, `none` and `nobody` mean something else wherever an
    /// agent is named (`ticket assign none`, `assignee=me`, the console's `a`), and `triage` is the automation's own
    /// name in the event log (`Automations.actor`).
    public static let reservedNames: Set<String> = ["me", "none", "nobody", Automations.actor]

    /// How old a token's last use may get before a request records it again: a GET stays a read.
    public static let lastUseResolution: TimeInterval = 60

    /// Checks a token's name and returns it trimmed. An agent's or admin's token name is who they are: the author of
    /// their replies and notes, the actor in the event log, the name tickets are assigned to. So a name is an agent
    /// name (1–64 letters, digits, `.`, `-`, `_`: no space or control character) with at least one letter (a name of
    /// digits alone would read as a Discord user's id in the event log, and as a token id), and not a reserved word
    /// (`reservedNames`). Every error names the field `name`.
    public static func validName(_ text: String) throws(TicketError) -> String {
        let name = try Validation.agentName(text, field: "name")
        guard name.contains(where: \.isLetter) else {
            throw .invalidField(
                field: "name", message: "name '\(name)' must hold at least one letter (1 to 64 letters, digits, '.', '-' or '_')")
        }
        guard !reservedNames.contains(name.lowercased()) else {
            let words = reservedNames.sorted().joined(separator: ", ")
            throw .invalidField(field: "name", message: "name '\(name)' is reserved (\(words) mean something else); choose another")
        }
        return name
    }

    /// A `user` token must name the user it is bound to, and only a user token may.
    public static func checkBinding(role: Role, userID: UserID?) throws(TicketError) {
        if role == .user && userID == nil {
            throw .invalidField(field: "user", message: "a user token needs --user ID (the Discord id it acts for)")
        }
        if role != .user && userID != nil {
            throw .invalidField(field: "user", message: "only user tokens are bound to a user id")
        }
    }

    /// A new secret: `trg_` and 40 random letters and digits, shown once.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return "trg_" + String((0..<40).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The name a new token gets, given the live tokens (id and name, newest first): `chosen` unless a live token
    /// holds it in any case (an error naming the field `name`), or without one `ROLE-SECONDS` (`-2`, `-3`… when
    /// that is taken).
    public static func name(_ chosen: String?, role: Role, now: Date, live: [(id: Int64, name: String)]) throws(TicketError) -> String {
        var taken: [String: (id: Int64, name: String)] = [:]
        for token in live where taken[token.name.lowercased()] == nil { taken[token.name.lowercased()] = token }
        if let chosen {
            if let other = taken[chosen.lowercased()] {
                let used = other.name == chosen ? "" : " as '\(other.name)'"
                throw .invalidField(
                    field: "name",
                    message: "name '\(chosen)' is already used\(used) by live token \(other.id) (names are unique among live tokens, "
                        + "ignoring case); revoke that token first to give its name to a new one, or choose another name")
            }
            return chosen
        }
        let base = "\(role.rawValue)-\(Int(now.timeIntervalSince1970))"
        var candidate = base
        var suffix = 1
        while taken[candidate.lowercased()] != nil {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        return candidate
    }

    /// What revoking by `id` finds: the token (nil: none with that id), refused when it was already revoked.
    public static func revocable(id: Int64, _ token: APIToken?) throws(TicketError) -> APIToken {
        guard let token else { throw .notFound("no token with id \(id) (see `triage token list`)") }
        if let revoked = token.revokedAt {
            throw .conflict("token \(id) ('\(token.name)') was already revoked at \(Timestamp.string(revoked))")
        }
        return token
    }

    /// What revoking by `name` finds: its live tokens; none is an error that says why (live tokens of a name that
    /// differs only in case, or only revoked ones).
    public static func revocable(name: String, live: [APIToken], similar: [String], anyRevoked: Bool) throws(TicketError) -> [APIToken] {
        guard live.isEmpty else { return live }
        let hint = !similar.isEmpty ? " (did you mean '\(similar.joined(separator: "', '"))'?)" : anyRevoked ? " (only revoked ones)" : ""
        throw .notFound("no live token named '\(name)'\(hint)")
    }

    /// The SHA-256 of a secret in lowercase hex: what the store keeps.
    public static func hash(_ secret: String) -> String { hex(SHA256.hash(data: Data(secret.utf8))) }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest { hex += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]] }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Compares two hashes in constant time (the lookup is by hash; the stored one is compared again).
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

/// A client's `Idempotency-Key` on one API write: who sent it (the token's id), the key, and the request it came
/// with (a canonical text of method, path and decoded body; the store keeps only its hash).
public struct IdempotencyKey: Sendable, Equatable {
    public var caller: Int64
    public var key: String
    public var request: String

    /// How long a key is remembered: a retry within a day gets the first answer; after that the key is new again.
    public static let retention: TimeInterval = 86_400

    public init(caller: Int64, key: String, request: String) {
        self.caller = caller
        self.key = key
        self.request = request
    }

    /// What the store keeps of the request.
    public var requestHash: String { APITokens.hash(request) }

    /// The stored answer for this key given again (`requestHash` is the stored request's): the same key with
    /// another request is a 422 naming the header.
    public func replay(storedRequestHash: String, _ answer: StoredAnswer) throws(TicketError) -> StoredAnswer {
        guard storedRequestHash == requestHash else {
            throw .invalidField(
                field: "Idempotency-Key", message: "Idempotency-Key '\(key)' was used with another request in the last 24 hours")
        }
        var answer = answer
        answer.replayed = true
        return answer
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
