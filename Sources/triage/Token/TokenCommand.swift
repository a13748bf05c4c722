import ArgumentParser
import Foundation
import TriageCore

/// `triage token create|list|revoke`: API tokens, stored as hashes.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens (admins).", subcommands: [TokenCreate.self, TokenList.self, TokenRevoke.self])
}

struct TokenCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a token; its secret is printed once and never stored.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "user, service, agent or admin.") var role: Role
    @Option(help: "For a user token: the Discord id it acts for.") var user: String?
    @Option(
        help: """
            Who the token is: an agent's or admin's token acts, and writes, under this name. 1-64 letters, digits, '.', '-' or \
            '_' with at least one letter; unique among live tokens (default: ROLE-SECONDS).
            """)
    var name: String?

    func validate() throws {
        if let user, UserID(user) == nil { throw ValidationError("--user '\(user)' is not a Discord id") }
        if let name {
            do { _ = try APITokens.validName(name) } catch { throw ValidationError(error.description) }
        }
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

    func run() async throws {
        try await global.runTickets { store in
            let created = try await store.createToken(
                role: role, userID: user.flatMap(UserID.init), name: name, as: global.principal, now: Date())
            global.emit(Created(token: created.secret, info: created.token)) {
                "\(created.secret)\n(token \(created.token.id) '\(created.token.name)', role \(role.rawValue): shown once, keep it safe)"
            }
        }
    }
}

struct TokenList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (never their secrets).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.runTickets { store in
            let tokens = try await store.tokens(as: global.principal)
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

struct TokenRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a token: by its id (`revoke 3`) or by its name (`revoke --name discord-bot`), not both.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The token's id, as `triage token list` shows it.") var id: String?
    @Option(help: "The token's name: revokes the live token of exactly that name.") var name: String?

    func validate() throws {
        switch (id, name) {
        case (.some, .some): throw ValidationError("give the token's id or --name, not both")
        case (nil, nil): throw ValidationError("give the token's id (see `triage token list`) or --name NAME")
        case (let id?, nil) where Int64(id) == nil:
            throw ValidationError("'\(id)' is not a token id (a number); to revoke by name: triage token revoke --name \(id)")
        default: break
        }
    }

    func run() async throws {
        let reference: TokenReference = id.flatMap(Int64.init).map(TokenReference.id) ?? .name(name ?? "")
        try await global.runTickets { store in
            let revoked = try await store.revokeToken(reference, as: global.principal, now: Date())
            global.emit(["revoked": revoked]) {
                revoked.map { "Revoked token \($0.id) '\($0.name)' (\($0.role.rawValue))." }.joined(separator: "\n")
            }
        }
    }
}
