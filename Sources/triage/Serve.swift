import ArgumentParser
import Foundation
import Logging
import TriageAPI
import TriageCore
import TriageStore

/// `triage serve [--host 127.0.0.1] [--port 8080]`: the HTTP API (SPEC §7) on the shared store, until SIGTERM or
/// Ctrl-C, which finish the requests in flight before the server stops.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP API on the shared store (tokens: `triage token create`).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port).") var port = 8080
    @Option(help: "Log level: trace, debug, info (one access-log line per request), notice, warning, error.")
    var logLevel = "info"

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
            let store = try global.openStore()
            let app = try buildApplication(
                store: store, settings: settings,
                onServerRunning: { [logger, host] port in logger.notice("listening on http://\(host):\(port) (store \(store.path))") })
            try await app.runService()
        } catch let error as TicketError {
            global.fail(error)
        }
        logger.notice("stopped")
    }
}
