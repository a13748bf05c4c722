import ArgumentParser
import Foundation
import TriageCore

/// `triage ticket stats [--week 2026-W47]` (`!ticket_stats`): weekly figures, KPIs, reminders, recommendations.
struct TicketStats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Weekly stats and KPIs (agents and admins).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "An ISO week like 2026-W47 (default: this week).") var week: String?

    func validate() throws {
        if let week {
            do { _ = try ISOWeek(parsing: week) } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        try await global.runTickets { store in
            let now = Date()
            let target = try week.map { text throws(TicketError) in try ISOWeek(parsing: text) } ?? ISOWeek(containing: now)
            let stats = try await store.weeklyStats(target, as: global.principal, now: now)
            let reminders = try await store.reminders(for: target, as: global.principal, now: now)
            global.emit(StatsJSON(stats, reminders: reminders)) { Render.stats(stats, reminders: reminders) }
        }
    }
}
