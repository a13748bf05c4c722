import Foundation
import TriageCore

/// The French wording and colours of staff channel posts: one table, so that every notice speaks the same way.
enum StaffText {
    enum Colour {
        static let red = 0xE74C3C
        static let amber = 0xF1C40F
        static let green = 0x2ECC71
        static let blue = 0x3498DB
        static let orange = 0xE67E22
        static let grey = 0x95A5A6
        static let purple = 0x9B59B6
        static let blurple = 0x5865F2
    }

    /// Red for breaches, pages and critical tickets; amber for warnings; green for acknowledgements and closes.
    static func color(_ kind: Notice.Kind, priority: Priority? = nil) -> Int {
        switch kind {
        case .created:
            switch priority {
            case .critical: Colour.red
            case .high: Colour.orange
            default: Colour.blue
            }
        case .slaBreached, .page: Colour.red
        case .slaWarning: Colour.amber
        case .acknowledged, .closed: Colour.green
        case .replied: Colour.blue
        case .inactivityReminder, .inactivityClosed: Colour.grey
        case .reminderDigest: Colour.purple
        case .weeklyReport: Colour.blurple
        }
    }

    static func title(_ notice: Notice, _ ticket: NoticeTicket, target: String) -> String {
        let id = ticket.id.rawValue
        switch notice.kind {
        case .created:
            if ticket.priority == .critical { return "🚨 Nouveau ticket critique — \(id)" }
            if ticket.priority == .high, isTarget(target, .senior) { return "⬆️ Nouveau ticket prioritaire — \(id)" }
            return "🎫 Nouveau ticket — \(id)"
        case .replied: return "💬 Réponse publique — \(id)"
        case .slaWarning: return "⚠️ Alerte SLA — \(id)"
        case .slaBreached: return "🚨 SLA dépassé — \(id)"
        case .page: return "🔁 Page \(notice.page ?? 2) — toujours pas acquitté — \(id)"
        case .acknowledged:
            guard let actor = notice.actor else { return "✅ Acquitté — \(id)" }
            return "✅ Acquitté par \(DiscordText.safe(actor, codePoints: 80)) — \(id)"
        case .closed: return "🔒 Ticket fermé — \(id)"
        case .inactivityReminder: return "⏳ Relance pour inactivité — \(id)"
        case .inactivityClosed: return "💤 Fermé pour inactivité — \(id)"
        case .reminderDigest, .weeklyReport: return id
        }
    }

    /// The words after the role ping in `content` (Triage's own text only: ids and numbers, never user text).
    static func pingLine(_ notice: Notice, _ ticket: NoticeTicket) -> String {
        let id = ticket.id.rawValue
        switch notice.kind {
        case .created: return "🚨 Ticket \(priority(ticket.priority)) \(id) — SLA \(hours(ticket.slaHours))"
        case .slaBreached: return "🚨 SLA dépassé : \(id)"
        case .page: return "🔁 Page \(notice.page ?? 2) : \(id) toujours pas acquitté"
        default: return id
        }
    }

    static func isTarget(_ name: String, _ target: NotificationTarget) -> Bool {
        name.lowercased().replacingOccurrences(of: "_", with: "-") == target.rawValue
    }

    static func priority(_ priority: Priority) -> String { priority.badge(.fr) }

    /// `24h`, `7,5h`, `36min`.
    static func hours(_ value: Double) -> String { DurationText.hours(value, .fr) }

    /// Discord's relative timestamp (`in 3 hours`, `2 hours ago`, in the reader's language and time zone).
    static func relative(_ date: Date) -> String {
        "<t:\(Int(date.timeIntervalSince1970.rounded(.down))):R>"
    }

    static func assignee(_ ticket: NoticeTicket) -> String {
        guard let name = ticket.assignee else { return "non assigné — équipe" }
        return "assigné à **\(DiscordText.safe(name, codePoints: 200))**"
    }

    static func tags(_ tags: [String]) -> String {
        tags.isEmpty ? "aucun" : DiscordText.safe(tags.joined(separator: ", "), codePoints: 1000)
    }

    /// `⏱️ Détecté avec 3h12m de retard (le runner d'automatisation était arrêté).`
    static func lateNote(_ kind: Notice.Kind, seconds: Double) -> String {
        let verb = kind == .slaWarning ? "Détectée" : "Détecté"
        return "⏱️ \(verb) avec \(DurationText.countdown(seconds)) de retard (le runner d'automatisation était arrêté)."
    }
}
