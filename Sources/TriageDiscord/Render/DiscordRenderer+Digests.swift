import Foundation
import TriageCore

extension DiscordRenderer {
    /// How many reminder lines a digest lists before "…et N de plus".
    public static let digestLineLimit = 15

    /// The daily list of tickets waiting 24h+ for an agent (SPEC §5): quiet (`SUPPRESS_NOTIFICATIONS`), no mention.
    /// Each line names the requester (their display name, escaped like all user text, or their shortened id).
    static func reminderDigest(_ notice: Notice, now: Date?) -> DiscordMessage {
        let reminders = notice.reminders ?? []
        let total = max(notice.reminderTotal ?? reminders.count, reminders.count)
        var lines = [total == 1 ? "1 ticket en attente depuis +24h :" : "\(total) tickets en attente depuis +24h :"]
        for reminder in reminders.prefix(digestLineLimit) {
            lines.append(
                "• \(reminder.ticketID) — \(reminder.category.name(.fr)) (\(DiscordText.safe(reminder.requesterLabel, codePoints: 100))) — \(Int(reminder.waitingHours))h"
            )
        }
        let listed = min(reminders.count, digestLineLimit)
        if total > listed {
            lines.append("…et \(total - listed) de plus : voir la file dans la console (`triage`).")
        }
        let period = notice.period.map { " — \(DiscordText.safe($0, codePoints: 40))" } ?? ""
        let embed = DiscordEmbed(
            title: "⏰ Tickets en attente\(period)", description: lines.joined(separator: "\n"), color: StaffText.color(.reminderDigest),
            footer: .init(text: "Triage · rappel quotidien"), timestamp: now)
        return DiscordMessage(embeds: [embed], allowedMentions: .none, flags: .suppressNotifications)
    }

    /// The Monday analysis of the week just ended (design fact 54): headline figures, top categories, KPIs and the
    /// recommendation in one quiet embed.
    static func weeklyReport(_ notice: Notice, now: Date?) -> DiscordMessage {
        let week = notice.stats?.week ?? notice.period ?? "?"
        var embed = DiscordEmbed(
            title: "📈 Stats Tickets — Semaine \(DiscordText.safe(week, codePoints: 40))", color: StaffText.color(.weeklyReport),
            footer: .init(text: "Triage"), timestamp: now)
        guard let stats = notice.stats else {
            embed.description = "Aucune donnée pour cette semaine."
            return DiscordMessage(embeds: [embed], allowedMentions: .none, flags: .suppressNotifications)
        }
        embed.description = headline(stats).joined(separator: "\n")
        embed.fields = [
            .init(name: "Top catégories", value: topCategories(stats), inline: true),
            .init(name: "KPIs", value: kpis(stats), inline: true),
            .init(
                name: "Recommandation",
                value: stats.recommendations.isEmpty
                    ? "Rien à signaler." : stats.recommendations.map { "💡 \(DiscordText.escape($0))" }.joined(separator: "\n")),
        ]
        embed.footer = .init(text: "Triage · \(weekRange(stats.weekStart))")
        return DiscordMessage(embeds: [embed], allowedMentions: .none, flags: .suppressNotifications)
    }

    static func headline(_ stats: StatsJSON) -> [String] {
        let change = stats.resolvedChangePercent.map { String(format: " (%+.1f %% vs semaine précédente)", $0) } ?? ""
        var lines = ["✅ Résolus : \(stats.resolved)\(change)"]
        let verdict: String
        if let mean = stats.meanResolutionHours, let target = stats.resolutionTargetHours {
            verdict = mean < target ? " ✓" : " ✗"
        } else {
            verdict = ""
        }
        lines.append(
            "⏱️ Résolution : moyenne \(DurationText.hours(stats.meanResolutionHours)) · médiane "
                + "\(DurationText.hours(stats.medianResolutionHours)) (objectif \(DurationText.hours(stats.resolutionTargetHours)))\(verdict)"
        )
        lines.append(
            "💬 Première réponse : moyenne \(DurationText.hours(stats.meanFirstResponseHours)) · médiane "
                + DurationText.hours(stats.medianFirstResponseHours))
        let distribution = (1...5).map { "\($0)★ \(stats.satisfactionDistribution[String($0)] ?? 0)" }.joined(separator: " · ")
        let mean = stats.satisfactionMean.map { String(format: "%.2f/5", $0) } ?? "–"
        lines.append("⭐ Satisfaction : \(mean) (\(distribution))")
        lines.append("🎯 SLA respecté : \(stats.slaMetPercent.map { String(format: "%.1f %%", $0) } ?? "–")")
        lines.append("🚨 Dépassements : \(stats.breaches)")
        lines.append("📥 Ouverts : \(stats.opened) · 📦 Backlog en fin de semaine : \(stats.backlogAtEnd)")
        return lines
    }

    static func topCategories(_ stats: StatsJSON) -> String {
        guard !stats.categories.isEmpty else { return "—" }
        return stats.categories.prefix(5).map { "\($0.category.name(.fr)) — \(Int(($0.share * 100).rounded())) % (\($0.count))" }
            .joined(separator: "\n")
    }

    static func kpis(_ stats: StatsJSON) -> String {
        guard !stats.kpis.isEmpty else { return "—" }
        return stats.kpis.map { kpi in
            let mark =
                switch kpi.status {
                case .pass: "✅"
                case .fail: "❌"
                case .noData: "➖"
                }
            return
                "\(mark) \(DiscordText.escape(kpi.name(.fr))) : \(DiscordText.escape(kpi.actual)) (cible \(DiscordText.escape(kpi.target)))"
        }.joined(separator: "\n")
    }

    /// `du 2026-11-16 au 2026-11-22 (UTC)` from the week's start instant.
    static func weekRange(_ weekStart: String) -> String {
        guard let start = try? Date(weekStart, strategy: .iso8601) else { return DiscordText.safe(weekStart, codePoints: 40) }
        let last = start.addingTimeInterval(6 * 86_400)
        return "du \(Timestamp.string(start).prefix(10)) au \(Timestamp.string(last).prefix(10)) (UTC)"
    }
}
