import ArgumentParser
import Foundation
import TriageCore
import TriagePostgres
import TriageStore
import TriageTerminal

/// Options the console commands share.
struct ConsoleOptions: ParsableArguments {
    @Option(help: "A theme: dark, light, high-contrast, mono, or a .toml path (default: $TRIAGE_THEME, else dark).")
    var theme: String?

    @Option(
        name: .customLong("poll-ms"),
        help:
            "How often to check the store for other processes' changes, in ms (default: at once on a write to the store's folder, or on PostgreSQL's notification, with a check every 2000 ms as a safety net; 250 ms where inotify is missing). Set it on filesystems that do not report writes (NFS)."
    )
    var pollMilliseconds: Int?

    func validate() throws {
        if let pollMilliseconds, !(10...10_000).contains(pollMilliseconds) {
            throw ValidationError("--poll-ms must be from 10 to 10000")
        }
    }
}

/// `triage console` (and `triage` alone): the full-screen console on the store.
struct OpenConsole: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "Open the full-screen console: live SLA queue, detail, editors, breach watch, stats.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ConsoleOptions

    func run() throws {
        if (try? global.postgresLocation()) != nil {
            do {
                return try Self.openPostgres(global: global, options: options)
            } catch let error as TicketError {
                global.fail(error)
            }
        }
        try global.run { store in
            try Self.open(store: store, global: global, options: options)
        }
    }

    static func open(store: TicketStore, global: GlobalOptions, options: ConsoleOptions) throws {
        try checkPrincipal(global)
        try launch(global: global, options: options) { agent in try StoreBackend(store: store, agent: agent) }
    }

    static func checkPrincipal(_ global: GlobalOptions) throws(TicketError) {
        try global.requireActor()
        guard AccessRules.allows(global.principal, .useConsole) else {
            throw TicketError.forbidden("\(AccessRules.refusal(.useConsole)): drop --as-user")
        }
    }

    /// The console on PostgreSQL: the store connected as `triage_app`, the changes heard through LISTEN.
    static func openPostgres(global: GlobalOptions, options: ConsoleOptions) throws {
        try checkPrincipal(global)
        let calls = StoreCalls()
        guard let store = try calls.run({ try await global.connectPostgres() }) else { return }
        defer { try? calls.run { await store.shutdown() } }
        try openPostgres(store: store, calls: calls, global: global, options: options)
    }

    /// The console on a PostgreSQL store already connected (its calls on `calls`).
    static func openPostgres(store: PostgresTicketStore, calls: StoreCalls, global: GlobalOptions, options: ConsoleOptions) throws {
        let principal = global.principal
        let feed = try calls.run { try await store.ticketFeed(as: principal) }
        defer { feed.stop() }
        try launch(global: global, options: options) { agent in try StoreBackend(store: store, feed: feed, agent: agent, calls: calls) }
    }

    static func launch(global: GlobalOptions, options: ConsoleOptions, backend: (String) throws -> StoreBackend) throws {
        let agent = global.principal.actorName
        do {
            try ConsoleLauncher.run(
                backend: try backend(agent), agent: agent, theme: ThemeLoader.requested(options.theme),
                pollMilliseconds: options.pollMilliseconds)
        } catch let error as TerminalError {
            throw TicketError.storage(error.description)
        }
        // Stopped by a signal (the terminal is given back by now): exit as the signal's 128 + number.
        let signal = ConsoleRuntime.stopSignal.load(ordering: .relaxed)
        if signal != 0 { throw ExitCode(128 + signal) }
    }
}
