import Foundation
import Testing

@testable import TriageCore

@Suite struct ISOWeekTests {
    func date(_ text: String) -> Date { try! Date(text + "T12:00:00Z", strategy: .iso8601) }

    @Test(
        "weeks across year boundaries",
        arguments: [
            ("2025-12-29", "2026-W01"), ("2026-01-01", "2026-W01"), ("2027-01-01", "2026-W53"), ("2021-01-03", "2020-W53"),
            ("2024-12-30", "2025-W01"), ("2026-11-25", "2026-W48"), ("2023-01-01", "2022-W52"),
        ])
    func containing(day: String, week: String) {
        #expect(ISOWeek(containing: date(day)).description == week)
    }

    @Test func startEndAndNavigation() throws {
        let w = try ISOWeek(parsing: "2026-W01")
        #expect(Timestamp.string(w.start) == "2025-12-29T00:00:00Z")
        #expect(Timestamp.string(w.end) == "2026-01-05T00:00:00Z")
        #expect(w.previous.description == "2025-W52")
        #expect(try ISOWeek(parsing: "2026-W53").next.description == "2027-W01")
        #expect(try ISOWeek(parsing: "2020w53").description == "2020-W53")
    }

    @Test(arguments: ["2025-W53", "2026-W00", "2026-W54", "26-W01", "nope"])
    func badWeeksNameTheField(text: String) {
        #expect {
            try ISOWeek(parsing: text)
        } throws: { error in
            if case TicketError.invalidField(let field, _) = error { return field == "week" }
            return false
        }
    }
}

@Suite struct WeeklyStatsTests {
    let week = try! ISOWeek(parsing: "2026-W01")  // spans 2025-12-29 … 2026-01-04

    @Test func figuresFromAHandBuiltWeek() {
        // Given a week with 10 tickets opened (4 billing), 4 resolved (3 met), 2 first responses, 4 ratings
        let sample = WeekSample(
            week: week, openedByCategory: [.billing: 4, .technical: 3, .general: 2, .account: 1],
            resolutions: [
                .init(seconds: 2 * 3600, slaHours: 24, met: true), .init(seconds: 10 * 3600, slaHours: 24, met: true),
                .init(seconds: 20 * 3600, slaHours: 48, met: true), .init(seconds: 60 * 3600, slaHours: 48, met: false),
            ],
            previousResolved: 5, firstResponses: [3600, 3 * 3600], ratings: [5, 5, 4, 3], breaches: 1, backlogAtEnd: 7,
            unassignedOpen: 0, criticalOpen: 2)
        // When
        let stats = WeeklyStats(sample: sample, policy: .default)
        // Then
        #expect(stats.opened == 10)
        #expect(stats.resolved == 4)
        #expect(stats.resolvedChange == -20)
        #expect(stats.meanResolutionHours == 23)
        #expect(stats.medianResolutionHours == 15)
        #expect(stats.resolutionTargetHours == 36)
        #expect(stats.meanFirstResponseHours == 2)
        #expect(stats.slaMetPercent == 75)
        #expect(stats.satisfactionMean == 4.25)
        #expect(stats.satisfactionDistribution == [0, 0, 1, 1, 2])
        #expect(stats.categoryShares.first?.category == .billing)
        #expect(stats.categoryShares.first?.share == 0.4)
        #expect(stats.kpis.map(\.status) == [.pass, .pass, .fail, .pass, .fail])
        // Billing at 40% > 35% → the SPEC's FAQ recommendation
        #expect(stats.recommendations.contains("Billing is 40% of the week's tickets: write a FAQ article on payments"))
        #expect(stats.recommendations.contains { $0.hasPrefix("1 ticket breached") })
        // A past week's open-ticket KPIs are as of its end, and say so
        #expect(stats.recommendations.contains { $0.hasPrefix("2 critical tickets were open at the week's end") })
        // The same facts in French, for !ticket_stats in French and the Monday report
        let french = StatsJSON(stats, reminders: [], language: .fr).recommendations
        #expect(french.contains("Facturation représente 40 % des tickets de la semaine : rédiger un article de FAQ sur les paiements"))
        #expect(french.contains("1 ticket a dépassé le SLA : revoir le planning d'astreinte et les escalades"))
        #expect(french.contains { $0.hasPrefix("2 tickets critiques étaient ouverts en fin de semaine : ") })
        #expect(StatsJSON(stats, reminders: []).recommendations == stats.recommendations)
    }

    @Test func anEmptyWeekHasNoDataNotFailures() {
        let stats = WeeklyStats(sample: WeekSample(week: week), policy: .default)
        #expect(stats.opened == 0)
        #expect(stats.resolvedChange == nil)
        #expect(stats.meanResolutionHours == nil)
        #expect(stats.kpis.map(\.status) == [.noData, .noData, .noData, .pass, .pass])
        #expect(stats.recommendations.isEmpty)
    }

    @Test func reminderLineMatchesTheScenario() {
        let reminder = Reminder(
            ticketID: TicketID("TKT000001")!, category: .billing, subject: "x", requester: UserID(42), waitingHours: 36.4)
        #expect(reminder.line == "TKT000001 – Billing (42) – 36h")
    }
}
