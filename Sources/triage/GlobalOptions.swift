import ArgumentParser
import Foundation
import TriageCore
import TriagePostgres
import TriageStore

/// Options every subcommand shares: which store, who is acting, and how to print.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The store: a SQLite file, or postgres://USER@HOST/DATABASE (default: $TRIAGE_DB, else $XDG_DATA_HOME/triage/triage.sqlite).")
    var db: String?

    @Option(name: .customLong("as"), help: "The acting agent's name (default: $TRIAGE_AGENT, else $USER).")
    var agent: String?

    @Option(name: .customLong("as-user"), help: "Act as this Discord user, with a user's scope (own tickets, no internal notes).")
    var asUser: String?

    @Option(
        name: .long,
        help: "An SLA policy file (TOML) to import into the store (default: $TRIAGE_POLICY); the store's policy applies otherwise.")
    var policy: String?

    @Option(name: .long, help: "The config file (TOML; default: $TRIAGE_CONFIG, else $XDG_CONFIG_HOME/triage/config.toml if present).")
    var config: String?

    @Flag(name: .long, help: "Print JSON (the API's field names) instead of tables.")
    var json = false

    func validate() throws {
        if let asUser, UserID(asUser) == nil {
            throw ValidationError("--as-user '\(asUser)' is not a Discord id (digits, up to 18446744073709551615)")
        }
        if let agent {
            do { _ = try Validation.agentName(agent, field: "--as") } catch { throw ValidationError(error.description) }
        }
    }

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The store path: --db, $TRIAGE_DB, or the XDG data folder.
    var storePath: String {
        if let db { return db }
        if let path = Self.environment["TRIAGE_DB"], !path.isEmpty { return path }
        return Self.dataFolder + "/triage.sqlite"
    }

    /// `$XDG_DATA_HOME/triage`, else `~/.local/share/triage`.
    static var dataFolder: String {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (home + "/.local/share")
        return data + "/triage"
    }

    /// Who acts: the user of --as-user, else the agent named by --as, $TRIAGE_AGENT or $USER.
    /// The shell user owns the store file, so a staff CLI session acts with an admin's rights.
    var principal: Principal {
        if let asUser, let id = UserID(asUser) { return .user(id) }
        return .admin((try? actorName()) ?? "agent")
    }

    /// The agent name a staff session acts under, checked: an error when there is none (no --as, $TRIAGE_AGENT or
    /// $USER) or it is not a valid name, rather than writing as a made-up agent.
    func actorName() throws(TicketError) -> String {
        let env = Self.environment
        let given: (source: String, name: String)? =
            agent.map { ("--as", $0) } ?? env["TRIAGE_AGENT"].flatMap { $0.isEmpty ? nil : ("$TRIAGE_AGENT", $0) }
            ?? env["USER"].flatMap { $0.isEmpty ? nil : ("$USER", $0) }
        guard let given else {
            throw .invalidField(field: "as", message: "who is acting? give --as NAME (or set $TRIAGE_AGENT): neither it nor $USER is set")
        }
        do {
            return try Validation.agentName(given.name, field: given.source)
        } catch {
            throw .invalidField(field: "as", message: error.description)
        }
    }

    /// Whether --as, $TRIAGE_AGENT or $USER names someone (valid or not).
    var namesAnActor: Bool {
        agent != nil || !(Self.environment["TRIAGE_AGENT"] ?? "").isEmpty || !(Self.environment["USER"] ?? "").isEmpty
    }

    /// Fails unless the session has someone to act as: a requester (--as-user) or a valid agent name.
    func requireActor() throws(TicketError) {
        if asUser == nil { _ = try actorName() }
    }

    /// The policy file to import into the store, from --policy or $TRIAGE_POLICY (nil: none; the store's policy
    /// stands). The store keeps the policy every process applies; a file given here replaces it when it differs.
    func policyToImport() throws(TicketError) -> SLAPolicy? {
        guard let path = policy ?? Self.environment["TRIAGE_POLICY"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        return try Self.readPolicy(path)
    }

    static func readPolicy(_ path: String) throws(TicketError) -> SLAPolicy {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .invalidField(field: "policy", message: "no policy file at \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .invalidField(field: "policy", message: "cannot read the policy file \(path)")
        }
        do {
            return try SLAPolicy(toml: text)
        } catch {
            throw .invalidField(field: error.fieldName, message: "\(path): \(error.description)")
        }
    }

    /// The config file to read: --config or $TRIAGE_CONFIG (which must exist), else `$XDG_CONFIG_HOME/triage/config.toml`
    /// when it exists, else none (the defaults).
    func configFile() throws(TicketError) -> String? {
        let env = Self.environment
        if let explicit = config ?? env["TRIAGE_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw .invalidField(field: "config", message: "no config file at \(explicit)")
            }
            return explicit
        }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let path = (env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (home + "/.config")) + "/triage/config.toml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The configuration in force (SPEC §8), its `env:` values read from this process's environment. Commands that
    /// need no secret pass `requireEnvironment: false` so that a shell without them still works.
    func loadConfig(requireEnvironment: Bool = true) throws(TicketError) -> TriageConfig {
        guard let path = try configFile() else { return .default }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .invalidField(field: "config", message: "cannot read the config file \(path)")
        }
        do {
            return try TriageConfig(toml: text, environment: Self.environment, requireEnvironment: requireEnvironment)
        } catch {
            throw .invalidField(field: error.fieldName, message: "\(path): \(error.description)")
        }
    }

    /// Tracking links: $TRIAGE_BASE_URL if set, else the config's `[links] base_url`.
    func baseURL() throws(TicketError) -> String {
        if let base = Self.environment["TRIAGE_BASE_URL"], !base.isEmpty { return base }
        return try loadConfig(requireEnvironment: false).links.baseURL
    }

    /// The PostgreSQL store --db (or $TRIAGE_DB) names, nil for a SQLite file.
    func postgresLocation() throws(TicketError) -> PostgresLocation? {
        PostgresLocation.isPostgres(storePath) ? try PostgresLocation(storePath) : nil
    }

    func openStore() throws(TicketError) -> TicketStore {
        if PostgresLocation.isPostgres(storePath) {
            throw .invalidField(
                field: "db",
                message: "this command runs on a SQLite file only (README, \"PostgreSQL\", says what runs where)")
        }
        return try TicketStore.open(path: storePath, policy: policyToImport(), baseURL: baseURL())
    }

    /// Runs a command body: domain errors become one line on stderr (and a JSON error with --json) and exit 1.
    func run(_ body: (TicketStore) throws -> Void) throws {
        do {
            let store = try openStore()
            try body(store)
        } catch let error as TicketError {
            fail(error)
        }
    }

    /// Runs a ticket command on the store --db names, SQLite or PostgreSQL, through the `TicketStoring` contract:
    /// domain errors as `run`'s.
    /// `requiringActor` false: the command names who acts itself (`command --user-id`).
    func runTickets(requiringActor: Bool = true, _ body: (any TicketStoring) async throws -> Void) async throws {
        do {
            if requiringActor { try requireActor() }
            guard let store = try await connectPostgres() else { return try await body(SQLiteTicketStore(try openStore())) }
            do {
                try await body(store)
            } catch {
                await store.shutdown()
                throw error
            }
            await store.shutdown()
        } catch let error as TicketError {
            fail(error)
        }
    }

    /// The PostgreSQL store --db names, connected as its login (checked), or nil for a SQLite file. A policy file
    /// given (--policy, $TRIAGE_POLICY) is stored there as on SQLite when it differs from the one in force.
    func connectPostgres() async throws(TicketError) -> PostgresTicketStore? {
        guard let location = try postgresLocation() else { return nil }
        let policy = try policyToImport()
        let store = try await PostgresTicketStore.connect(location, baseURL: try baseURL())
        if let policy {
            do {
                _ = try await store.setPolicy(policy, as: .admin(principal.actorName), now: Date())
            } catch {
                await store.shutdown()
                throw error
            }
        }
        return store
    }

    /// The SLA policy in force in the store --db names, SQLite or PostgreSQL.
    func policyInForce() async throws(TicketError) -> SLAPolicy {
        guard let store = try await connectPostgres() else { return try openStore().policy }
        do {
            let policy = try await store.policy(as: principal)
            await store.shutdown()
            return policy
        } catch {
            await store.shutdown()
            throw error
        }
    }

    func fail(_ error: TicketError) -> Never {
        if json {
            print(JSONOutput.encode(["error": ["code": error.code, "message": error.description]]))
        }
        FileHandle.standardError.write(Data("triage: \(error.description)\n".utf8))
        Foundation.exit(1)
    }

    func emit(_ value: some Encodable, else text: () -> String) {
        print(json ? JSONOutput.encode(value) : text())
    }
}

extension TicketError {
    var fieldName: String {
        if case .invalidField(let field, _) = self { return field }
        return "policy"
    }
}

/// Vocabularies parse on the command line as they do everywhere: case-insensitively, listing the allowed values.
extension Vocabulary where Self: ExpressibleByArgument {
    public init?(argument: String) {
        guard let value = try? Self.parse(argument) else { return nil }
        self = value
    }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension TriageCore.Category: ExpressibleByArgument {}
extension Priority: ExpressibleByArgument {}
extension TicketStatus: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
