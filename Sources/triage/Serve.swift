import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import TriageAPI
import TriageAutomation
import TriageCore
import TriageDiscord
import TriagePostgres
import TriageStore

/// `triage serve [--host 127.0.0.1] [--port 8080] [--no-automation]`: the HTTP API (SPEC §7) on the shared store,
/// with the automation runner beside it (SPEC §6), until SIGTERM or Ctrl-C, which finish the requests in flight and
/// the runner's pass before the server stops.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API and the automation runner on the shared store (tokens: `triage token create`).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port).") var port = 8080
    @Option(help: "Log level: trace, debug, info (one access-log line per request), notice, warning, error.")
    var logLevel = "info"
    @Flag(help: "Do not run the automation runner here (run `triage automate` elsewhere).") var noAutomation = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level '\(logLevel)' is not one of: trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        let settings = APISettings(host: host, port: port, logLevel: Logger.Level(rawValue: logLevel) ?? .info)
        var logger = Logger(label: "triage.serve")
        logger.logLevel = settings.logLevel
        do {
            let config = try global.loadConfig()
            // HTTP request counts and durations (Hummingbird's metrics) land in this registry as triage_http_*.
            let registry = PrometheusCollectorRegistry()
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.nameAndLabelSanitizer = HTTPMetricNames.sanitize
            MetricsSystem.bootstrap(factory)
            if let store = try await global.connectPostgres() {
                try await servePostgres(store, settings: settings, config: config, registry: registry, logger: logger)
                logger.notice("stopped")
                return
            }
            let store = try global.openStore()
            let app = try buildApplication(
                store: store, settings: settings, config: config,
                services: runnerServices(SQLiteTicketStore(store), config: config, registry: registry, level: settings.logLevel),
                metrics: { registry.emitToString() },
                onServerRunning: { [logger, host, noAutomation] port in
                    logger.notice(
                        "listening on http://\(host):\(port) (store \(store.path))\(noAutomation ? "; automations off" : "; automations on")")
                })
            try await app.runService()
        } catch let error as TicketError {
            global.fail(error)
        }
        logger.notice("stopped")
    }
}

extension Serve {
    /// The API on PostgreSQL: the ticket endpoints and tokens through the store contract, with the automation runner
    /// beside it unless --no-automation; several of these servers (and runners) may share one database.
    func servePostgres(
        _ store: PostgresTicketStore, settings: APISettings, config: TriageConfig, registry: PrometheusCollectorRegistry, logger: Logger
    ) async throws {
        let location = store.location
        let app = buildApplication(
            tickets: store, settings: settings, config: config,
            services: runnerServices(store, config: config, registry: registry, level: settings.logLevel), metrics: { registry.emitToString() },
            onServerRunning: { [logger, host, noAutomation] port in
                logger.notice(
                    "listening on http://\(host):\(port) (store \(location))\(noAutomation ? "; automations off" : "; automations on")")
            })
        do {
            try await app.runService()
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}

extension Serve {
    /// The automation runner as a service beside the API, on either backend (none with --no-automation).
    func runnerServices(_ store: any AutomationStoring, config: TriageConfig, registry: PrometheusCollectorRegistry, level: Logger.Level)
        -> [any Service]
    {
        guard !noAutomation else { return [] }
        var logger = Logger(label: "triage.automation")
        logger.logLevel = level
        let runner = AutomationRunner(
            automating: store, config: config, client: DiscordClient(logger: logger), metrics: RunnerMetrics(registry: registry), logger: logger)
        return [AutomationService(runner: runner)]
    }
}

/// Hummingbird's metric names as Prometheus names under `triage_http_`.
enum HTTPMetricNames {
    static func sanitize(_ name: String, _ labels: [(String, String)]) -> (String, [(String, String)]) {
        let renamed: String =
            switch name {
            case "hb.requests", "hb_requests": "triage_http_requests_total"
            case "http.server.request.duration": "triage_http_request_duration_seconds"
            case "hb.request.errors", "hb_request_errors": "triage_http_request_errors_total"
            default: "triage_" + name.replacingOccurrences(of: ".", with: "_")
            }
        let keys = ["http.route": "route", "http.request.method": "method", "http.response.status_code": "status"]
        return (renamed, labels.map { (keys[$0.0] ?? $0.0.replacingOccurrences(of: ".", with: "_"), $0.1) })
    }
}
