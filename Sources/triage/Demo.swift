import ArgumentParser
import Foundation
import Logging
import TriageAutomation
import TriageCore
import TriageDiscord
import TriagePostgres
import TriageStore
import TriageTerminal

/// `triage demo`: a demo store full of realistic tickets (seeded on first use).
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a demo store full of realistic tickets.",
        discussion: """
            The demo store is its own file, $XDG_DATA_HOME/triage/demo.sqlite (never your real store, even with $TRIAGE_DB
            set), unless --db names one; it is seeded on first use. --db postgres://triage_app@HOST/DB runs the demo on a
            PostgreSQL store seeded beforehand (`triage --db postgres://SUPERUSER@HOST/DB seed`).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: ConsoleOptions
    @Option(help: "How many tickets to seed a new demo store with.") var tickets = 3_000
    @Flag(help: "Print the queue and this week's stats instead of opening the console.") var print = false
    @Option(help: "Seconds between simulated events, on average (0 turns the simulator off).") var every = 4.0
    @Flag(help: "Do not run the automation runner in the demo (breaches are then not escalated live).") var noAutomation = false

    func run() throws {
        var demoGlobal = global
        if demoGlobal.db == nil { demoGlobal.db = GlobalOptions.dataFolder + "/demo.sqlite" }
        // The demo opens for anyone: without --as, $TRIAGE_AGENT or $USER (a container's root shell), as "you".
        if demoGlobal.asUser == nil, (try? demoGlobal.actorName()) == nil, !demoGlobal.namesAnActor { demoGlobal.agent = "you" }
        let global = demoGlobal
        if let explicit = global.db, PostgresLocation.isPostgres(explicit) {
            do {
                return try runPostgres(global: global)
            } catch let error as TicketError {
                global.fail(error)
            }
        }
        try global.run { store in
            let existing = try store.counts().values.reduce(0, +)
            if existing == 0 {
                let report = try store.seed(tickets: tickets, weeks: 12, seed: 2026, now: Date())
                FileHandle.standardError.write(Data("Seeded a demo store with \(report.tickets) tickets: \(store.path)\n".utf8))
            }
            if print {
                let principal = global.principal
                Swift.print(try StoreCalls().run { await Self.summary(store: SQLiteTicketStore(store), principal: principal) })
                return
            }
            try live(SQLiteTicketStore(store), global: global) {
                try OpenConsole.open(store: store, global: global, options: options)
            }
        }
    }

    /// The demo on a PostgreSQL store: seeded beforehand (seeding needs a superuser, the console refuses one).
    func runPostgres(global: GlobalOptions) throws {
        try OpenConsole.checkPrincipal(global)
        let calls = StoreCalls()
        guard let store = try calls.run({ try await global.connectPostgres() }) else { return }
        defer { try? calls.run { await store.shutdown() } }
        let agent = global.principal
        let empty = try calls.run {
            let queued = try await store.queue(QueueFilter(limit: 1), as: agent, after: nil).tickets
            let closed = try await store.queue(QueueFilter(status: .closed, limit: 1), as: agent, after: nil).tickets
            return queued.isEmpty && closed.isEmpty
        }
        if empty {
            throw TicketError.invalidField(
                field: "db",
                message: "the demo needs a desk to show: seed this database first, as a superuser "
                    + "(`triage --db postgres://SUPERUSER@HOST/\(store.location.database) seed`)")
        }
        if print {
            let principal = global.principal
            Swift.print(try calls.run { await Self.summary(store: store, principal: principal) })
            return
        }
        try live(store, global: global) {
            try OpenConsole.openPostgres(store: store, calls: calls, global: global, options: options)
        }
    }

    /// Runs `console` with the desk alive around it: the simulated colleagues and users, and the automations (no
    /// webhooks: nothing leaves the machine; breaches are escalated and paged live and the header shows a runner;
    /// its log is silent, the console owns the terminal).
    func live(_ store: any TicketStoring & AutomationStoring, global: GlobalOptions, console: () throws -> Void) throws {
        let simulator = DemoSimulator(store: store, seed: UInt64(Date().timeIntervalSince1970), excluding: global.principal.actorName)
        if every > 0 { simulator.start(interval: every) }
        defer { simulator.stop() }
        let quiet = Logger(label: "triage.demo.automation") { _ in SwiftLogNoOpLogHandler() }
        let automation =
            noAutomation
            ? nil
            : Task.detached {
                try await AutomationService(
                    runner: AutomationRunner(automating: store, config: TriageConfig(), client: DiscordClient(logger: quiet), logger: quiet)
                ).run()
            }
        defer { automation?.cancel() }
        try console()
    }

    /// `--print`: the queue's head and this week's stats.
    static func summary(store: any TicketStoring, principal: Principal) async -> String {
        let now = Date()
        guard let page = try? await store.queue(QueueFilter(limit: 25), as: principal, after: nil),
            let stats = try? await store.weeklyStats(ISOWeek(containing: now), as: principal, now: now),
            let policy = try? await store.policy(as: principal)
        else { return "" }
        let reminders = (try? await store.reminders(as: principal, now: now, limit: 5)) ?? []
        return Render.queue(page.tickets, now: now, policy: policy) + "\n\n" + Render.stats(stats, reminders: reminders)
    }
}
