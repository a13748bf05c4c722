import Foundation

/// The answers to the ticket commands as ready-to-post Discord text, in the source's style (an emoji per line,
/// short lines) and the user's language. Pure: every piece of user text (subject, description, messages, names,
/// resolution) goes through `escape` (Discord's escaper; Core cannot import it), and every answer fits in one
/// Discord message (`limit` code points). Internal notes are shown to staff only, marked as such.
public enum CommandText {
    /// Discord's limit on a message's content, in code points.
    public static let limit = 2000

    /// The expected wait for a first answer: the median of the first responses of the last `weeks` weeks, for the
    /// ticket's priority when there were enough of them (`priority` set), else over every priority.
    public struct Estimate: Sendable, Equatable {
        public var medianHours: Double
        public var samples: Int
        public var weeks: Int
        public var priority: Priority?

        public init(medianHours: Double, samples: Int, weeks: Int, priority: Priority?) {
            self.medianHours = medianHours
            self.samples = samples
            self.weeks = weeks
            self.priority = priority
        }
    }

    /// `✅ Ticket créé ! 🎫 Numéro … ⏱️ SLA: 24h (priorité haute) 📍 Place dans la file : 3 · … 🔗 Suivre sur: …`.
    /// `place` is 1 for the first ticket of the queue; without one (the store could not tell it), the line is left out.
    public static func created(
        _ ticket: Ticket, url: String, place: Int?, estimate: Estimate?, language: Language, escape: (String) -> String
    ) -> String {
        let fr = language == .fr
        let wait: String
        if let estimate {
            let scope = estimate.priority.map { ", \($0.phrase(language))" } ?? ""
            wait =
                fr
                ? "première réponse attendue sous ~\(duration(estimate.medianHours, language)) (médiane des \(estimate.weeks) dernières semaines\(scope))"
                : "first answer expected within ~\(duration(estimate.medianHours, language)) (median of the last \(estimate.weeks) weeks\(scope))"
        } else {
            wait = fr ? "pas encore d'estimation du délai de première réponse" : "no estimate of the first answer time yet"
        }
        let queue = place.map { (fr ? "📍 Place dans la file : \($0) · " : "📍 Place in the queue: \($0) · ") + wait }
        return fit(
            [
                fr ? "✅ Ticket créé !" : "✅ Ticket created!",
                (fr ? "🎫 Numéro: " : "🎫 Number: ") + ticket.id.rawValue,
                (fr ? "📋 Sujet: " : "📋 Subject: ") + clip(escape(ticket.subject), 300),
                (fr ? "📂 Catégorie: " : "📂 Category: ") + ticket.category.name(language),
                "⏱️ SLA: \(DurationText.hours(ticket.sla.budget.hours, language)) (\(ticket.priority.phrase(language)))",
            ] + (queue.map { [$0] } ?? []) + [(fr ? "🔗 Suivre sur: " : "🔗 Track it at: ") + url])
    }

    /// The confirmation of a reply (`reopened` when it reopened a closed ticket).
    public static func replied(_ id: TicketID, reopened: Bool, internalNote: Bool = false, language: Language) -> String {
        let fr = language == .fr
        if internalNote { return fr ? "🔒 Note interne ajoutée à \(id)." : "🔒 Internal note added to \(id)." }
        let head = fr ? "💬 Réponse ajoutée au ticket \(id)." : "💬 Reply added to ticket \(id)."
        guard reopened else { return head }
        return head + (fr ? "\n🔓 Le ticket était fermé : il est rouvert." : "\n🔓 The ticket was closed: it is open again.")
    }

    /// The confirmation of a close, with the resolution when there is one.
    public static func closed(_ ticket: Ticket, language: Language, escape: (String) -> String) -> String {
        let fr = language == .fr
        var lines = [fr ? "🔒 Ticket \(ticket.id) fermé." : "🔒 Ticket \(ticket.id) closed."]
        if let resolution = ticket.resolution, !resolution.isEmpty {
            lines.append((fr ? "✅ Résolution: " : "✅ Resolution: ") + clip(escape(resolution), 1500))
        }
        return fit(lines)
    }

    /// The confirmation of an acknowledgement (staff); `already`: someone (`actor`) had acknowledged it before.
    public static func acknowledged(
        _ ticket: Ticket, by actor: String, already: Bool = false, language: Language, escape: (String) -> String
    ) -> String {
        let who = clip(escape(actor), 100)
        if already {
            return language == .fr
                ? "ℹ️ Escalade de \(ticket.id) déjà acquittée par \(who) : plus de pages pour ce cycle."
                : "ℹ️ Escalation of \(ticket.id) was already acknowledged by \(who): no more pages this cycle."
        }
        return language == .fr
            ? "✅ Escalade de \(ticket.id) acquittée par \(who) : plus de pages pour ce cycle."
            : "✅ Escalation of \(ticket.id) acknowledged by \(who): no more pages this cycle."
    }

    // MARK: Fitting in one message

    /// `hours` for a person: `DurationText.hours(_:_:rounding:)`.
    static func duration(_ hours: Double, _ language: Language, rounding: FloatingPointRoundingRule = .down) -> String {
        DurationText.hours(hours, language, rounding: rounding)
    }

    /// The lines joined, the whole cut to `limit` code points.
    static func fit(_ lines: [String]) -> String { clip(lines.joined(separator: "\n"), limit) }

    /// `text` cut to at most `codePoints` code points on a character boundary, with `…` at the cut; a dangling escape
    /// backslash at the cut is dropped.
    static func clip(_ text: String, _ codePoints: Int) -> String {
        if text.unicodeScalars.count <= codePoints { return text }
        var out = ""
        var used = 0
        for character in text {
            let size = character.unicodeScalars.count
            if used + size > codePoints - 1 { break }
            out.append(character)
            used += size
        }
        let backslashes = out.reversed().prefix(while: { $0 == "\\" }).count
        if backslashes % 2 == 1 { out.removeLast() }
        return out + "…"
    }

    /// Code points of `text`, as Discord counts.
    static func size(_ text: String) -> Int { text.unicodeScalars.count }
}
