import Foundation

extension CommandText {
    /// The answer to `!ticket_stats` (staff), as the source's scenario 3: opened, resolved and its change, SLA met,
    /// first response and resolution times, satisfaction, top categories, the recommendation — then the reminder
    /// list of scenario 2 (`3 tickets en attente depuis +24h:` and `• TKT001 – Billing (Alice) – 36h` lines).
    public static func stats(_ stats: StatsJSON, language: Language, escape: (String) -> String) -> String {
        let fr = language == .fr
        func number(_ value: Double, _ digits: Int = 1) -> String {
            let text = String(format: "%.\(digits)f", value)
            return fr ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        func hours(_ value: Double?) -> String { value.map { duration($0, language, rounding: .toNearestOrAwayFromZero) } ?? "–" }
        let change =
            stats.resolvedChangePercent.map {
                (fr
                    ? " (\($0 >= 0 ? "+" : "")\(number($0)) % vs semaine précédente)"
                    : " (\($0 >= 0 ? "+" : "")\(number($0))% vs last week)")
            } ?? ""
        let verdict: String
        if let mean = stats.meanResolutionHours, let target = stats.resolutionTargetHours {
            verdict = mean < target ? " ✓" : " ✗"
        } else {
            verdict = ""
        }
        let ratings = stats.satisfactionDistribution.values.reduce(0, +)
        let satisfaction = stats.satisfactionMean.map { "\(number($0, 2))/5 (\(ratings) \(fr ? "avis" : "ratings"))" } ?? "–"
        let met = stats.slaMetPercent.map { fr ? "\(number($0)) %" : "\(number($0))%" } ?? "–"
        var lines = [
            fr ? "📈 Stats Tickets — Semaine \(stats.week)" : "📈 Ticket stats — week \(stats.week)",
            fr
                ? "📥 Ouverts: \(stats.opened) · ✅ Résolus: \(stats.resolved)\(change)"
                : "📥 Opened: \(stats.opened) · ✅ Resolved: \(stats.resolved)\(change)",
            fr ? "🎯 SLA respecté: \(met) · 🚨 Dépassements: \(stats.breaches)" : "🎯 SLA met: \(met) · 🚨 Breaches: \(stats.breaches)",
            fr
                ? "💬 Première réponse: médiane \(hours(stats.medianFirstResponseHours)) · moyenne \(hours(stats.meanFirstResponseHours))"
                : "💬 First response: median \(hours(stats.medianFirstResponseHours)) · mean \(hours(stats.meanFirstResponseHours))",
            fr
                ? "⏱️ Résolution: moyenne \(hours(stats.meanResolutionHours)) (objectif \(hours(stats.resolutionTargetHours)))\(verdict)"
                : "⏱️ Resolution: mean \(hours(stats.meanResolutionHours)) (target \(hours(stats.resolutionTargetHours)))\(verdict)",
            "⭐ Satisfaction: \(satisfaction)",
        ]
        if !stats.categories.isEmpty {
            let top = stats.categories.prefix(3).map { "\($0.category.name(language)) \(Int(($0.share * 100).rounded()))%" }
            lines.append((fr ? "📂 Top catégories: " : "📂 Top categories: ") + top.joined(separator: ", "))
        }
        lines.append((fr ? "📦 Backlog en fin de semaine: " : "📦 Backlog at week end: ") + "\(stats.backlogAtEnd)")
        lines += stats.recommendations.prefix(3).map { "💡 " + clip(escape($0), 200) }
        let reminders = stats.reminders.map { reminder in
            var shown = reminder
            shown.requesterName = escape(reminder.requesterLabel)
            return shown
        }
        let notice = Notice(kind: .reminderDigest, reminders: reminders, reminderTotal: reminders.count)
        if let list = NoticeText.reminderList(notice, language: language, limit: 10) {
            lines.append("⏰ " + list)
        }
        return fit(lines)
    }
}
