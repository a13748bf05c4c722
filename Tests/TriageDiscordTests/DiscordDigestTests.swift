import Foundation
import Testing
import TriageCore

@testable import TriageDiscord

/// The reminder digest and the weekly report: quiet, mention nobody, fit in one embed.
@Suite struct DiscordDigestTests {
    @Test func reminderDigestListsAtMostFifteenThenCounts() throws {
        // Given 40 tickets waiting 24h+ (20 of them sent), with the digest marked as pinging
        let notice = Notice(
            kind: .reminderDigest, pingsOncall: true, period: "2026-11-25", reminders: Fixtures.reminders(20), reminderTotal: 40)
        // When it is rendered with a role configured
        let message = DiscordRenderer.render(notice, target: "admin-tickets", oncallRoleID: Fixtures.role)
        // Then it is quiet and mentions nobody
        #expect(message.flags == .suppressNotifications)
        #expect(message.allowedMentions == .none)
        #expect(message.content == nil)
        // And lists the first 15 in the source's format, then how many more
        let lines = try #require(message.embeds.first?.description).split(separator: "\n").map(String.init)
        #expect(lines.first == "40 tickets en attente depuis +24h :")
        #expect(lines[1] == "• TKT000000 — Facturation (1000) — 36h")
        #expect(lines.filter { $0.hasPrefix("• ") }.count == 15)
        #expect(lines.last?.hasPrefix("…et 25 de plus") == true)
        #expect(message.embeds.first?.title == "⏰ Tickets en attente — 2026-11-25")
        DiscordLimitsTests.assertWithinLimits(message)
    }

    @Test func shortDigestHasNoMoreLine() throws {
        let notice = Notice(kind: .reminderDigest, period: "2026-11-25", reminders: Fixtures.reminders(1), reminderTotal: 1)
        let lines = try #require(DiscordRenderer.render(notice, target: "admin-tickets").embeds.first?.description).split(separator: "\n")
        #expect(lines == ["1 ticket en attente depuis +24h :", "• TKT000000 — Facturation (1000) — 36h"])
    }

    @Test func digestLinesNameTheRequesterWithoutPingingAnyone() throws {
        // Given reminders of a named requester, of one whose name tries to ping and format, and of one with no name
        var reminders = Fixtures.reminders(3)
        reminders[0].requester = UserID(123_456_789_012_345_678)
        reminders[0].requesterName = "Amélie 🌸"
        reminders[1].requesterName = "@everyone **<@123>**"
        reminders[2].requester = UserID(987_654_321_098_765_432)
        let notice = Notice(kind: .reminderDigest, period: "2026-11-25", reminders: reminders, reminderTotal: 3)
        // When the digest is rendered
        let message = DiscordRenderer.render(notice, target: "admin-tickets", oncallRoleID: Fixtures.role)
        let lines = try #require(message.embeds.first?.description).split(separator: "\n").map(String.init)
        // Then the name replaces the snowflake, a hostile name is escaped, and a nameless requester's id is shortened
        #expect(lines[1] == "• TKT000000 — Facturation (Amélie 🌸) — 36h")
        #expect(lines[2] == "• TKT000001 — Facturation (@\u{200B}everyone \\*\\*<\u{200B}@123\\>\\*\\*) — 37h")
        #expect(lines[3] == "• TKT000002 — Facturation (…5432) — 38h")
        #expect(message.allowedMentions == .none)
        #expect(message.content == nil)
    }

    @Test func weeklyReportShowsHeadlinesCategoriesKPIsAndRecommendation() throws {
        // Given the week's stats
        let notice = Notice(kind: .weeklyReport, pingsOncall: true, period: "2026-W47", stats: Fixtures.stats)
        // When the report is rendered
        let message = DiscordRenderer.render(notice, target: "admin-tickets", oncallRoleID: Fixtures.role)
        let embed = try #require(message.embeds.first)
        // Then it is one quiet embed titled with the week
        #expect(message.flags == .suppressNotifications)
        #expect(message.allowedMentions == .none)
        #expect(message.content == nil)
        #expect(embed.title == "📈 Stats Tickets — Semaine 2026-W47")
        // And the headline figures, top categories, KPIs and recommendation are there
        let description = try #require(embed.description)
        #expect(description.contains("✅ Résolus : 45 (+12.5 % vs semaine précédente)"))
        #expect(description.contains("moyenne 18.2h · médiane 12.0h (objectif 36.0h) ✓"))
        #expect(description.contains("⭐ Satisfaction : 4.62/5 (1★ 0 · 2★ 1 · 3★ 2 · 4★ 10 · 5★ 20)"))
        #expect(description.contains("🎯 SLA respecté : 92.0 %"))
        #expect(description.contains("🚨 Dépassements : 3"))
        let fields = Dictionary(embed.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(fields["Top catégories"] == "Facturation — 40 % (20)\nTechnique — 30 % (15)")
        #expect(fields["KPIs"]?.contains("✅ Première réponse : 2.1h (cible < 4.0h)") == true)
        #expect(fields["KPIs"]?.contains("❌ Critiques ouverts") == true)
        #expect(fields["Recommandation"]?.hasPrefix("💡 Billing is 40% of the week") == true)
        #expect(embed.footer?.text == "Triage · du 2026-11-16 au 2026-11-22 (UTC)")
        #expect(embed.totalCodePoints < 1500)
    }

    @Test func weeklyReportWithoutStatsStillRenders() {
        let message = DiscordRenderer.render(Notice(kind: .weeklyReport, period: "2026-W47"), target: "admin-tickets")
        #expect(message.embeds.first?.title == "📈 Stats Tickets — Semaine 2026-W47")
        #expect(message.flags == .suppressNotifications)
    }
}
