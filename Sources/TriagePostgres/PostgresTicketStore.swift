import Foundation
import Logging
import PostgresNIO
import Synchronization
import TriageCore

/// The tickets on PostgreSQL (SPEC §10): the `TicketStoring` contract over a postgres-nio pool, logged in as
/// `triage_app`. Every call is one transaction that first becomes its principal (`triage_requester`, `triage_staff`)
/// with who acts in transaction-local settings, so row-level security applies to every statement; the store keeps
/// its own scope condition too (for the plans, and so both backends read alike). Writes lock the ticket
/// (`SELECT … FOR UPDATE`) before replaying its SLA, so two servers never lose an update.
public final class PostgresTicketStore: TicketStoring {
    let client: PostgresClient
    let running: Task<Void, Never>
    public let location: PostgresLocation
    let logger: Logger
    public let baseURL: String
    let policyCache = Mutex((version: -1, policy: SLAPolicy.default))

    init(client: PostgresClient, running: Task<Void, Never>, location: PostgresLocation, baseURL: String, logger: Logger) {
        self.client = client
        self.running = running
        self.location = location
        self.baseURL = baseURL
        self.logger = logger
    }

    /// Connects as `location`'s login after checking it (`PostgresAdmin.login`): a superuser, `BYPASSRLS` or owner
    /// login, or a schema that is missing, older or newer, is refused with what to do.
    /// `connections`: the most connections the pool opens (each is a PostgreSQL backend; a server's
    /// `max_connections` is shared by every process).
    public static func connect(
        _ location: PostgresLocation, baseURL: String, connections: Int = 20, logger: Logger = Logger(label: "triage.postgres")
    ) async throws(TicketError) -> PostgresTicketStore {
        let login = try await PostgresAdmin.login(location, logger: logger)
        if let refusal = login.refusal { throw .forbidden(refusal) }
        var configuration = location.clientConfiguration()
        configuration.options.maximumConnections = connections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        // The pool leases nothing before its `run()` has begun (it warns, then waits): the store is handed out once
        // the task running it has started (`run()` marks itself running before its first suspension).
        let (started, signal) = AsyncStream.makeStream(of: Never.self)
        let running = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        await Task.yield()
        return PostgresTicketStore(client: client, running: running, location: location, baseURL: baseURL, logger: logger)
    }

    /// Closes the pool's connections.
    public func shutdown() async {
        running.cancel()
        await running.value
    }

    func url(_ id: TicketID) -> String { TicketURL.make(base: baseURL, id: id) }

    // MARK: Transactions as a principal

    /// Who a transaction acts as: the database role and the settings row-level security reads.
    struct Identity {
        var role: String
        var kind: String
        var user: String
        var actor: String

        /// The automations (and the API's bookkeeping): `triage_worker`.
        static let worker = Identity(role: PostgresSchema.workerRole, kind: "worker", user: "", actor: Automations.actor)
    }

    /// The database role a principal's transactions run as, and who acts.
    static func identity(_ principal: Principal) -> Identity {
        switch principal {
        case .user(let id): Identity(role: PostgresSchema.requesterRole, kind: "user", user: id.description, actor: id.description)
        case .service(let id): Identity(role: PostgresSchema.requesterRole, kind: "service", user: id.description, actor: id.description)
        case .agent(let name): Identity(role: PostgresSchema.staffRole, kind: "agent", user: "", actor: name)
        case .admin(let name): Identity(role: PostgresSchema.staffRole, kind: "admin", user: "", actor: name)
        }
    }

    /// How many times a transaction the server ended with a serialization failure (40001) or a deadlock (40P01) is
    /// run again: the whole body runs again on a fresh transaction, so nothing half-done is kept.
    static let attempts = 5

    /// `body` in one transaction as `principal`: the role and identity are set by the transaction's first statement
    /// (`set_config(…, true)`: they end with it, so a pooled connection never carries them to the next caller).
    /// `caller` is the API token the request came with (its idempotency keys).
    /// What a transaction does, which decides how it begins and ends.
    enum Kind {
        /// Reads and writes, each statement planned as it comes; its COMMIT is waited for.
        case plain
        /// A read of the prepared shapes (`Prepared`): READ ONLY, generic plans, no parallel workers; its COMMIT is
        /// sent, not waited for (a read-only transaction has nothing to make durable: what it read is its answer).
        case prepared
        /// A read whose parts must agree (the console's queue, its counts and the change counter; the metrics):
        /// REPEATABLE READ, READ ONLY; its COMMIT is not waited for either.
        case snapshot

        var begin: String {
            switch self {
            case .plain: "BEGIN"
            case .prepared: "BEGIN READ ONLY"
            case .snapshot: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            }
        }
    }

    func transaction<T: Sendable>(
        as principal: Principal, caller: Int64? = nil, kind: Kind = .plain, _ body: (PostgresConnection) async throws -> T
    )
        async throws(TicketError) -> T
    {
        try await transaction(Self.identity(principal), caller: caller, kind: kind, body)
    }

    func transaction<T: Sendable>(
        _ who: Identity, caller: Int64? = nil, kind: Kind = .plain, _ body: (PostgresConnection) async throws -> T
    )
        async throws(TicketError) -> T
    {
        var attempt = 1
        let principal = Prepared.Principal(
            role: who.role, kind: who.kind, user: who.user, actor: who.actor, caller: caller.map(String.init) ?? "",
            generic: kind == .prepared)
        while true {
            do {
                return try await client.withConnection { connection in
                    try await pipelined(connection, kind, principal, body)
                }
            } catch {
                let state = PostgresFailure.sqlState(error)
                if attempt < Self.attempts, state == "40001" || state == "40P01" {
                    attempt += 1
                    continue
                }
                throw PostgresFailure.mapped(error, at: location)
            }
        }
    }

    /// One transaction on `connection`: BEGIN, the principal and the body's first statement go out together (one
    /// round trip where there were three: postgres-nio writes a statement on its connection in the order it is
    /// given one, and PostgreSQL answers in that order). Should BEGIN or the principal fail, the body's statements
    /// fail too (outside a transaction no principal is set, and `triage_app` holds no privilege of its own; inside,
    /// the transaction is aborted): the first failure is reported, and nothing is committed.
    func pipelined<T>(
        _ connection: PostgresConnection, _ kind: Kind, _ principal: Prepared.Principal, isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let began: EventLoopFuture<PostgresQueryResult> = connection.query(PostgresQuery(unsafeSQL: kind.begin), logger: logger)
        let became: EventLoopFuture<PostgresQueryResult> = connection.query(
            PostgresQuery(unsafeSQL: Prepared.Principal.sql, binds: try principal.makeBindings()), logger: logger)
        let value: T
        do {
            value = try await body(connection)
            _ = try await began.get()
            _ = try await became.get()
        } catch {
            let beginFailed = await Self.failure(of: began)
            let principalFailed = await Self.failure(of: became)
            try? await connection.query("ROLLBACK", logger: logger)
            // BEGIN's or the principal's failure explains the body's.
            throw beginFailed ?? principalFailed ?? error
        }
        if kind == .plain {
            try await connection.query("COMMIT", logger: logger)
        } else {
            // Sent before the connection goes back to the pool, so its next user's BEGIN comes after it.
            let _: EventLoopFuture<PostgresQueryResult> = connection.query("COMMIT", logger: logger)
        }
        return value
    }

    static func failure<V>(of future: EventLoopFuture<V>) async -> (any Error)? {
        do {
            _ = try await future.get()
            return nil
        } catch {
            return error
        }
    }

    public func policy(as principal: Principal) async throws(TicketError) -> SLAPolicy {
        try await transaction(as: principal) { c in try await currentPolicy(c) }
    }

    /// The policy in force (`policy_versions`), parsed again only when its version moved.
    func currentPolicy(_ c: PostgresConnection) async throws -> SLAPolicy {
        let rows = try await c.query("SELECT version::int8, toml FROM triage.policy_versions ORDER BY version DESC LIMIT 1", logger: logger)
        var latest: (Int, String)?
        for try await (version, toml) in rows.decode((Int, String).self) { latest = (version, toml) }
        guard let (version, toml) = latest else { return .default }
        if let cached = policyCache.withLock({ $0.version == version ? $0.policy : nil }) { return cached }
        let policy = try SLAPolicy(toml: toml)
        policyCache.withLock { $0 = (version, policy) }
        return policy
    }
}
