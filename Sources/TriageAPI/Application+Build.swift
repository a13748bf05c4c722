import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import TriageCore
import TriageStore

/// Where and how the API server listens.
public struct APISettings: Sendable {
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    /// A request's body still incomplete this long after its head is cut with 408 (`ProtocolGuard`).
    public var bodyTimeout: Duration
    /// A keep-alive connection with no request for this long is closed.
    public static let idleTimeoutSeconds = 60

    public init(host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info, bodyTimeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.bodyTimeout = bodyTimeout
    }
}

/// The API server on `store`: the router of `buildRouter`, listening where `settings` say, with the store's WAL
/// checkpoints moved off the request path into a background service. Run it with `runService()`, which stops
/// gracefully on SIGTERM and SIGINT, finishing the requests in flight.
public func buildApplication(
    store: TicketStore, settings: APISettings, config: TriageConfig = .default, services: [any Service] = [],
    metrics: (@Sendable () -> String)? = nil, now: @escaping @Sendable () -> Date = { Date() },
    logger: Logger = Logger(label: "triage.api"), onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) throws(TicketError) -> some ApplicationProtocol {
    var logger = logger
    logger.logLevel = settings.logLevel
    let checkpoints = try store.deferCheckpoints().map { CheckpointService(checkpointer: $0, logger: logger) }
    return application(
        router: buildRouter(store: store, config: config, metrics: metrics, now: now), settings: settings,
        services: (checkpoints.map { [$0] } ?? []) + services, logger: logger, onServerRunning: onServerRunning)
}

/// The API server on a store of the contract alone (PostgreSQL): every endpoint, with the same answers as on SQLite.
public func buildApplication(
    tickets: any TicketStoring, settings: APISettings, config: TriageConfig = .default, services: [any Service] = [],
    metrics: (@Sendable () -> String)? = nil, now: @escaping @Sendable () -> Date = { Date() },
    logger: Logger = Logger(label: "triage.api"), onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    var logger = logger
    logger.logLevel = settings.logLevel
    return application(
        router: buildRouter(tickets: tickets, config: config, metrics: metrics, now: now), settings: settings, services: services,
        logger: logger, onServerRunning: onServerRunning)
}

func application(
    router: Router<APIRequestContext>, settings: APISettings, services: [any Service], logger: Logger,
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void
) -> some ApplicationProtocol {
    Application(
        router: router,
        server: .guardedHTTP1(idleTimeout: .seconds(Int64(APISettings.idleTimeoutSeconds)), bodyTimeout: TimeAmount(settings.bodyTimeout)),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "triage"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
        logger: logger)
}

/// The routes of SPEC §7 on the SQLite store: every write on one write thread (`WriteQueue`, creations in group
/// commits), shared by the ticket endpoints (through `SQLiteTicketStore`) and the rest.
public func buildRouter(
    store: TicketStore, config: TriageConfig = .default, metrics: (@Sendable () -> String)? = nil,
    now: @escaping @Sendable () -> Date = { Date() }
) -> Router<APIRequestContext> {
    let writes = WriteQueue(store: store)
    return buildRouter(
        tickets: SQLiteTicketStore(store, writes: writes), sqlite: (store, writes), config: config, metrics: metrics, now: now)
}

/// The routes of SPEC §7 on a store of the contract alone (PostgreSQL); see `buildApplication(tickets:)`.
public func buildRouter(
    tickets: any TicketStoring, config: TriageConfig = .default, metrics: (@Sendable () -> String)? = nil,
    now: @escaping @Sendable () -> Date = { Date() }
) -> Router<APIRequestContext> {
    buildRouter(tickets: tickets, sqlite: nil, config: config, metrics: metrics, now: now)
}

/// The routes and their middleware: an access log line and a JSON error for every request, then `GET /api/health`
/// and `GET /api/openapi.yaml` (no token needed), then the endpoints behind bearer tokens, all through the contract
/// (`tickets`); the SQLite store (`sqlite`) adds its `/metrics` gauges.
func buildRouter(
    tickets store: any TicketStoring, sqlite: (store: TicketStore, writes: WriteQueue)?, config: TriageConfig,
    metrics: (@Sendable () -> String)?, now: @escaping @Sendable () -> Date
) -> Router<APIRequestContext> {
    // HEAD answers wherever GET does: the same status and headers, no body.
    let router = Router(context: APIRequestContext.self, options: .autoGenerateHeadEndpoints)
    let routes = RouteTable()
    router.addMiddleware {
        MetricsMiddleware()
        AccessLogMiddleware()
        ErrorMiddleware(routes: routes)
    }
    router.get("/api/health") { _, _ in
        // A one-row index walk: proves the store answers without costing anything.
        _ = try await store.queue(QueueFilter(limit: 1), as: .admin("health"), after: nil)
        return JSONResponse.make(["status": "ok"])
    }
    router.get("/api/openapi.yaml") { request, _ in
        var document = OpenAPIDocument.yaml
        if let role = request.uri.queryParameters["role"], !role.isEmpty {
            guard let parsed = Role(rawValue: String(role)), let forRole = OpenAPIDocument.byRole[parsed] else {
                throw APIError.invalid("role", "'\(role)' is not a role; allowed: \(Role.allowedList)")
            }
            document = forRole
        }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: document)))
    }
    let auth = AuthMiddleware(store: store, uses: TokenUses(store: store), now: now)
    if let metrics { MetricsRoute.add(to: router, store: store, auth: auth, emit: metrics, now: now) }
    router.group("/api/tickets")
        .add(middleware: auth)
        .addRoutes(TicketController(store: store, now: now).endpoints)
    router.group("/api/notifications")
        .add(middleware: auth)
        .addRoutes(NotificationController(store: store, inactivity: config.inactivity, now: now).endpoints)
    router.group("/api/commands")
        .add(middleware: auth)
        .addRoutes(CommandController(runner: CommandRunner(tickets: store, config: config, now: now)).endpoints)
    // Discord signs these requests itself: no bearer token (SPEC §8).
    InteractionController(store: store, config: config, now: now).register(on: router)
    routes.load(router.routes)
    return router
}
