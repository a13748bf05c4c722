import ArgumentParser
import Foundation
import TriageCore
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
    @Option(help: "How many tickets to seed a new demo store with.") var tickets = 3_000

    func run() throws {
        var options = global
        if options.db == nil { options.db = GlobalOptions.dataFolder + "/demo.sqlite" }
        try options.run { store in
            let existing = try store.counts().values.reduce(0, +)
            if existing == 0 {
                let report = try store.seed(tickets: tickets, weeks: 12, seed: 2026, now: Date())
                FileHandle.standardError.write(Data("Seeded a demo store with \(report.tickets) tickets: \(store.path)\n".utf8))
            }
            // Until the console lands, the demo prints the live queue and this week's figures.
            let now = Date()
            let page = try store.queue(QueueFilter(limit: 25), as: options.principal)
            print(Render.queue(page.tickets, now: now, policy: store.policy))
            print("")
            let stats = try store.weeklyStats(ISOWeek(containing: now), as: options.principal, now: now)
            print(Render.stats(stats, reminders: try store.reminders(as: options.principal, now: now, limit: 5)))
            print("\nTry: triage --db \(store.path) ticket view \(page.tickets.first?.id.rawValue ?? "TKT…")")
        }
    }
}
