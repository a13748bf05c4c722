import Foundation

extension CommandText {
    /// The answer to `!ticket_list`: one line per ticket (id, status, priority, SLA left, subject; the requester for
    /// staff), in the order given (the queue's), as many as fit, then `… et N autres`. `more` says the listing was
    /// cut before `tickets` ended (there are others beyond them).
    public static func list(
        _ tickets: [Ticket], more: Bool = false, status: TicketStatus?, staff: Bool, now: Date, language: Language,
        escape: (String) -> String
    ) -> String {
        let fr = language == .fr
        guard !tickets.isEmpty else {
            return fr
                ? "📭 Aucun ticket\(status.map { " (\($0.word(language)))" } ?? "")."
                : "📭 No tickets\(status.map { " (\($0.word(language)))" } ?? "")."
        }
        let filter = status.map { " — \($0.word(language))" } ?? ""
        let count = "\(tickets.count)\(more ? "+" : "")"
        let head =
            staff
            ? "📋 Tickets\(filter) (\(count))\(fr ? " :" : ":")"
            : (fr ? "📋 Vos tickets\(filter) (\(count)) :" : "📋 Your tickets\(filter) (\(count)):")
        let lines = tickets.map { ticket in
            let who = staff ? " · 👤 \(clip(escape(ticket.requesterLabel), 40))" : ""
            return
                "• \(ticket.id) · \(ticket.status.word(language)) · \(ticket.priority.badge(language)) · ⏱️ \(slaLeft(ticket, now: now, language))"
                + "\(who) — \(clip(escape(ticket.subject), 80))"
        }
        return fitList(head: [head], lines: lines, more: more, language: language)
    }

    /// The answer to `!ticket_view`: the ticket, its SLA, the description and the thread (newest messages kept when
    /// it is long), the tracking link. Internal notes appear only when `staff`, marked 🔒.
    public static func view(
        _ detail: TicketDetail, staff: Bool, url: String, now: Date, language: Language, escape: (String) -> String
    ) -> String {
        let fr = language == .fr
        let ticket = detail.ticket
        var head = [
            "🎫 \(ticket.id) — \(clip(escape(ticket.subject), 200))",
            "📂 \(ticket.category.name(language)) · \(ticket.priority.badge(language)) · \(ticket.status.word(language)) · ⏱️ SLA \(slaLeft(ticket, now: now, language))",
        ]
        if staff {
            let assignee = ticket.assignee.map { clip(escape($0), 64) } ?? (fr ? "personne" : "nobody")
            head.append(
                (fr ? "👤 Demandeur: " : "👤 Requester: ") + clip(escape(ticket.requesterLabel), 100)
                    + (fr ? " · Assigné à: " : " · Assignee: ") + assignee)
        }
        head.append("📝 " + quoted(clip(escape(ticket.description), 500)).dropFirst(2))
        if let resolution = ticket.resolution, !resolution.isEmpty {
            head.append((fr ? "✅ Résolution: " : "✅ Resolution: ") + clip(escape(resolution), 300))
        }
        let tail = (fr ? "🔗 Suivre sur: " : "🔗 Track it at: ") + url
        let messages = detail.messages.filter { staff || !$0.isInternal }
        var budget = limit - size((head + [tail]).joined(separator: "\n")) - 80
        var shown: [String] = []
        for message in messages.reversed() {
            let who = clip(escape(staff ? detail.author(of: message) : publicAuthor(message, language)), 64)
            let mark = message.isInternal ? (fr ? "🔒 Note interne — " : "🔒 Internal note — ") : "💬 "
            let block =
                // Discord shows `<t:…:f>` as the date and time in each reader's own time zone and language.
                "\(mark)\(who) · <t:\(Int(message.createdAt.timeIntervalSince1970.rounded(.down))):f>\n"
                + quoted(clip(escape(message.body), 400))
            guard size(block) + 1 <= budget else { break }
            budget -= size(block) + 1
            shown.insert(block, at: 0)
        }
        var lines = head
        if messages.count > shown.count {
            let earlier = messages.count - shown.count
            lines.append(fr ? "… \(earlier) message(s) plus ancien(s) non affiché(s)" : "… \(earlier) earlier message(s) not shown")
        }
        return fit(lines + shown + [tail])
    }

    /// Who wrote a message as the requester sees it: `vous` / `you`, or `Support` (agents' names are staff information).
    static func publicAuthor(_ message: Message, _ language: Language) -> String {
        message.authorKind == .user ? (language == .fr ? "Vous" : "You") : "Support"
    }

    /// The SLA left: `5h40m`, `dépassé de 3h12m` / `breached by 3h12m`, `en pause` / `paused`, `respecté`/`met`.
    static func slaLeft(_ ticket: Ticket, now: Date, _ language: Language) -> String {
        let fr = language == .fr
        guard let left = ticket.sla.countdown(now: now) else {
            return ticket.sla.met == true ? (fr ? "respecté" : "met") : (fr ? "non respecté" : "missed")
        }
        let time = DurationText.countdown(abs(left))
        if ticket.sla.isPaused { return fr ? "en pause (\(time) restantes)" : "paused (\(time) left)" }
        return left < 0 ? (fr ? "dépassé de \(time)" : "breached by \(time)") : (fr ? "\(time) restantes" : "\(time) left")
    }

    /// `head`, then as many of `lines` as fit within `limit`, then `… et N autres` for the rest.
    static func fitList(head: [String], lines: [String], more: Bool, language: Language) -> String {
        var budget = limit - size(head.joined(separator: "\n")) - 60
        var kept: [String] = []
        for line in lines {
            guard size(line) + 1 <= budget else { break }
            budget -= size(line) + 1
            kept.append(line)
        }
        let left = lines.count - kept.count
        if left > 0 || more {
            let count = "\(left)\(more ? "+" : "")"
            kept.append(language == .fr ? "… et \(count) autres" : "… and \(count) more")
        }
        return fit(head + kept)
    }

    /// A Discord block quote of `text`: `> ` before every line.
    static func quoted(_ text: String) -> String { NoticeText.quoted(text) }
}
