import ArgumentParser
import Foundation
import Logging
import TriageAutomation
import TriageCore
import TriageDiscord
import TriageStore

/// `triage demo`: a demo store full of realistic tickets (seeded on first use).
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a demo store full of realistic tickets.",
        discussion: """
            The demo store is its own file, $XDG_DATA_HOME/triage/demo.sqlite (never your real store, even with $TRIAGE_DB
            set), unless --db names one; it is seeded on first use.
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
        try global.run { store in
            let existing = try store.counts().values.reduce(0, +)
            if existing == 0 {
                let report = try store.seed(tickets: tickets, weeks: 12, seed: 2026, now: Date())
                FileHandle.standardError.write(Data("Seeded a demo store with \(report.tickets) tickets: \(store.path)\n".utf8))
            }
            if print {
                Swift.print(Self.summary(store: store, principal: global.principal))
                return
            }
            let simulator = DemoSimulator(store: store, seed: UInt64(Date().timeIntervalSince1970), excluding: global.principal.actorName)
            if every > 0 { simulator.start(interval: every) }
            defer { simulator.stop() }
            // The automations run in the demo too (no webhooks: nothing leaves the machine), so breaches are escalated
            // and paged live and the header shows a runner. Its log is silent: the console owns the terminal.
            let automation = noAutomation ? nil : Task.detached { try await Self.automation(store: store).run() }
            defer { automation?.cancel() }
            try OpenConsole.open(store: store, global: global, options: options)
        }
    }

    static func automation(store: TicketStore) -> AutomationService {
        let quiet = Logger(label: "triage.demo.automation") { _ in SwiftLogNoOpLogHandler() }
        return AutomationService(
            runner: AutomationRunner(store: store, config: TriageConfig(), client: DiscordClient(logger: quiet), logger: quiet))
    }

    static func summary(store: TicketStore, principal: Principal) -> String {
        let now = Date()
        guard let page = try? store.queue(QueueFilter(limit: 25), as: principal),
            let stats = try? store.weeklyStats(ISOWeek(containing: now), as: principal, now: now)
        else { return "" }
        let reminders = (try? store.reminders(as: principal, now: now, limit: 5)) ?? []
        return Render.queue(page.tickets, now: now, policy: store.policy) + "\n\n" + Render.stats(stats, reminders: reminders)
    }
}
