import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import TriageAutomation
import TriageCore
import TriageDiscord
import TriageStore
import UnixSignals

/// `triage automate [--once]`: the automation runner alone (SLA timers, digests, delivery), until SIGTERM or
/// Ctrl-C; `--once` does one full pass and exits, for cron and tests.
struct Automate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "automate",
        abstract: "Run the automations: SLA warnings, breaches and pages, digests, notification delivery (config.toml).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Do one full pass (timers, digests, deliver what is due and wait for it, at most --wait seconds), then exit.")
    var once = false
    @Option(help: "With --once: the most seconds to spend delivering.") var wait: Double = 30
    @Option(help: "Log level: trace, debug, info, notice, warning, error.") var logLevel = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level '\(logLevel)' is not one of: trace, debug, info, notice, warning, error, critical")
        }
        guard wait > 0 else { throw ValidationError("--wait must be more than 0 seconds") }
    }

    func run() async throws {
        var logger = Logger(label: "triage.automate")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        do {
            let config = try global.loadConfig()
            let postgres = try await global.connectPostgres()
            let store: any AutomationStoring = try postgres ?? SQLiteTicketStore(try global.openStore())
            let runner = AutomationRunner(automating: store, config: config, client: DiscordClient(logger: logger), logger: logger)
            if once {
                let report = try await Self.runOnce(runner, bound: wait)
                await postgres?.shutdown()
                global.emit(OnceJSON(report)) { OnceJSON(report).text }
                return
            }
            let service = AutomationService(runner: runner)
            let group = ServiceGroup(
                configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
            await postgres?.shutdown()
        } catch let error as TicketError {
            global.fail(error)
        }
    }

    /// One pass, bounded: the deliveries it starts finish or give up within `bound` seconds.
    static func runOnce(_ runner: AutomationRunner, bound: Double) async throws(TicketError) -> PassReport {
        let result: Result<PassReport, TicketError> = await withTaskGroup(of: Result<PassReport, TicketError>?.self) { group in
            group.addTask {
                do throws(TicketError) { return .success(try await runner.pass(now: { Date() })) } catch { return .failure(error) }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(bound))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(.storage("the pass did not finish within \(Int(bound)) s; what was not delivered stays in the outbox"))
        }
        return try result.get()
    }
}

/// What `automate --once` reports.
struct OnceJSON: Encodable {
    var tickets: Int
    var facts: Int
    var digests: Int
    var attempts: [String: Int]
    var nextWake: String?
    /// Not encoded: the text form.
    var summary: String

    enum CodingKeys: String, CodingKey {
        case tickets, facts, digests, attempts
        case nextWake = "next_wake"
    }

    init(_ report: PassReport) {
        tickets = report.tickets
        facts = report.facts
        digests = report.digests
        attempts = report.attempts
        nextWake = report.nextWake.map(Timestamp.string)
        summary = report.summary
    }

    var text: String { summary + (nextWake.map { "; next due \($0)" } ?? "") }
}
