import ArgumentParser
import Foundation
import TriageCore
import TriageStore

/// `triage token create|list|revoke`: API tokens, stored as hashes.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens (admins).", subcommands: [TokenCreate.self, TokenList.self, TokenRevoke.self])
}

struct TokenCreate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a token; its secret is printed once and never stored.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "user, service, agent or admin.") var role: Role
    @Option(help: "For a user token: the Discord id it acts for.") var user: String?
    @Option(help: "A label to recognise it by.") var name: String?

    func validate() throws {
        if let user, UserID(user) == nil { throw ValidationError("--user '\(user)' is not a Discord id") }
    }

    struct Created: Encodable {
        var token: String
        var info: APIToken
        func encode(to encoder: any Encoder) throws {
            try info.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(token, forKey: .token)
        }
        enum Key: String, CodingKey { case token }
    }

    func run() throws {
        try global.run { store in
            let created = try store.createToken(
                role: role, userID: user.flatMap(UserID.init), name: name, as: global.principal, now: Date())
            global.emit(Created(token: created.secret, info: created.token)) {
                "\(created.secret)\n(token \(created.token.id) '\(created.token.name)', role \(role.rawValue): shown once, keep it safe)"
            }
        }
    }
}

struct TokenList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (never their secrets).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try global.run { store in
            let tokens = try store.tokens(as: global.principal)
            global.emit(tokens) {
                TextTable(
                    headers: ["ID", "NAME", "ROLE", "USER", "CREATED", "LAST USED", "STATE"],
                    rows: tokens.map {
                        [
                            String($0.id), $0.name, $0.role.rawValue, $0.userID?.description ?? "–", Timestamp.string($0.createdAt),
                            $0.lastUsedAt.map(Timestamp.string) ?? "never", $0.revokedAt == nil ? "active" : "revoked",
                        ]
                    }, flexible: [1]
                ).render()
            }
        }
    }
}

struct TokenRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by id or name.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The token's id or name.") var token: String

    func run() throws {
        try global.run { store in
            try store.revokeToken(token, as: global.principal, now: Date())
            global.emit(["revoked": token]) { "Revoked \(token)." }
        }
    }
}
