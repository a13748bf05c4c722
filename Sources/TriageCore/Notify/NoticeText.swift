import Foundation

/// The texts a notice turns into, in the source document's style (an emoji per line, short lines): what the requester
/// receives, in their language (French by default), and the staff's reminder list.
///
/// Only the notice's fields are used, and a notice never carries an internal note; the ticket's tags and assignee are
/// staff information and never reach the user. Every piece of user-supplied text (subject, reply, resolution) goes
/// through `escape`, so a Discord caller passes its markdown/mention escaper and a plain one passes `{ $0 }`.
public enum NoticeText {
    /// The requester's message for a notice, or nil for the kinds that never go to users (SLA, pages, digests) and
    /// for a notice without its ticket. `inactivity` gives the hours of the inactivity reminder and close.
    public static func forUser(
        _ notice: Notice, inactivity: TriageConfig.Inactivity = .init(), escape: (String) -> String = { $0 }
    ) -> String? {
        guard let ticket = notice.ticket else { return nil }
        let fr = ticket.language == .fr
        let subject = (fr ? "📋 Sujet: " : "📋 Subject: ") + escape(ticket.subject)
        let track = (fr ? "🔗 Suivre sur: " : "🔗 Track it at: ") + ticket.url
        let late = (notice.lateSeconds ?? 0) / 3600
        switch notice.kind {
        case .created:
            return [
                fr ? "✅ Ticket créé !" : "✅ Ticket created!",
                (fr ? "🎫 Numéro: " : "🎫 Number: ") + ticket.id.rawValue,
                subject,
                (fr ? "📂 Catégorie: " : "📂 Category: ") + ticket.category.name(ticket.language),
                "⏱️ SLA: \(DurationText.hours(ticket.slaHours, ticket.language)) (\(ticket.priority.phrase(ticket.language)))",
                track,
            ].joined(separator: "\n")
        case .replied:
            let quote = quoted(escape(notice.body ?? ""))
            return [
                fr ? "💬 Nouvelle réponse sur votre ticket \(ticket.id)" : "💬 New answer on your ticket \(ticket.id)", subject, quote, track,
            ]
            .joined(separator: "\n")
        case .closed:
            var lines = [fr ? "🔒 Ticket \(ticket.id) fermé" : "🔒 Ticket \(ticket.id) closed", subject]
            if let resolution = notice.body, !resolution.isEmpty {
                lines.append((fr ? "✅ Résolution: " : "✅ Resolution: ") + escape(resolution))
            }
            lines.append(fr ? "⭐ Votre avis compte ! Notez notre aide de 1 à 5 ⭐" : "⭐ How did we do? Rate our help from 1 to 5 ⭐")
            return lines.joined(separator: "\n")
        case .inactivityReminder:
            let waited = inactivity.remindAfterHours + late
            let text = hours(waited, ticket.language)
            var lines = [
                fr
                    ? "⏳ Votre ticket \(ticket.id) attend votre réponse depuis \(text)."
                    : "⏳ Your ticket \(ticket.id) has been waiting for your answer for \(text).",
                subject,
            ]
            if inactivity.closes {
                let left = hours(max(1, (inactivity.closeAfterHours - waited).rounded(.up)), ticket.language)
                lines.append(fr ? "🔒 Sans réponse, il sera fermé dans \(left)." : "🔒 Without an answer, it will be closed in \(left).")
            }
            lines.append(track)
            return lines.joined(separator: "\n")
        case .inactivityClosed:
            let waited = inactivity.closeAfterHours + late
            let since = waited > 0 ? hours(waited, ticket.language) : nil
            return [
                fr
                    ? "🔒 Ticket \(ticket.id) fermé faute de réponse" + (since.map { " depuis \($0)." } ?? ".")
                    : "🔒 Ticket \(ticket.id) closed: no answer" + (since.map { " for \($0)." } ?? "."),
                subject,
                fr
                    ? "💬 Toujours besoin d'aide ? Répondez à ce ticket pour le rouvrir."
                    : "💬 Still need help? Answer this ticket to reopen it.",
                track,
            ].joined(separator: "\n")
        case .slaWarning, .slaBreached, .page, .acknowledged, .reminderDigest, .weeklyReport:
            return nil
        }
    }

    /// The staff's reminder list of a `reminder_digest` notice, as in the source: "3 tickets en attente depuis +24h:"
    /// then one `• TKT001 – Billing (Alice) – 36h` line per ticket (at most `limit`) and how many more. Nil for other
    /// kinds and for an empty list (the digest is skipped when empty).
    public static func reminderList(_ notice: Notice, afterHours: Double = 24, language: Language = .fr, limit: Int = 15) -> String? {
        guard notice.kind == .reminderDigest, let reminders = notice.reminders, !reminders.isEmpty else { return nil }
        let total = max(notice.reminderTotal ?? reminders.count, reminders.count)
        let after = hours(afterHours, language)
        let plural = total == 1 ? "" : "s"
        var lines = [
            language == .fr ? "\(total) ticket\(plural) en attente depuis +\(after):" : "\(total) ticket\(plural) waiting for \(after)+:"
        ]
        lines += reminders.prefix(limit).map { "• \($0.line)" }
        let more = total - min(limit, reminders.count)
        if more > 0 {
            lines.append(
                language == .fr ? "… et \(more) autre\(more == 1 ? "" : "s") (voir la console)" : "… and \(more) more (see the console)")
        }
        return lines.joined(separator: "\n")
    }

    /// `24h` (whole hours from 10 up), `1,5h` in French, `1.5h` in English; rounded down by default (a wait of
    /// 23.9h is not yet 24h), to the nearest for a measured figure such as a median (`.toNearestOrAwayFromZero`).
    static func hours(_ value: Double, _ language: Language, rounding: FloatingPointRoundingRule = .down) -> String {
        let shown = value >= 10 ? value.rounded(rounding) : (value * 10).rounded(rounding) / 10
        let number = TriageConfig.number(shown)
        return (language == .fr ? number.replacingOccurrences(of: ".", with: ",") : number) + "h"
    }

    /// A Discord block quote: `> ` before every line.
    static func quoted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }.joined(separator: "\n")
    }
}
