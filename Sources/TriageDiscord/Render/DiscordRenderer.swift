import Foundation
import TriageCore

/// Renders a `Notice` (the facts an outbox row carries) into the Discord message posted to a staff channel, and wraps
/// a user's direct message. Staff texts are in French, the team's language (as the source document).
///
/// The rules every message follows, in this one place:
/// - user text (subject, body, resolution, names, tags) is escaped with `DiscordText` and only ever goes into embeds;
/// - `content` carries only Triage's own words: the on-call role ping `<@&ROLE>` and a short heading;
/// - `allowed_mentions` is `{"parse": []}`, plus `"roles": [oncallRoleID]` only when the notice pings on-call and a
///   role id is configured; digests never mention anyone and post with `SUPPRESS_NOTIFICATIONS`;
/// - every ticket embed shows the ticket id, priority and category, the SLA (hours and due `<t:…:R>`) and links to
///   the ticket's tracking URL; the result is `fitted()` to Discord's limits;
/// - buttons come from `DiscordComponents` (a page's Acknowledge).
public enum DiscordRenderer {
    /// The message for `notice` on the staff channel `target` (`admin-tickets`, `oncall`, `senior`).
    ///
    /// - Parameters:
    ///   - oncallRoleID: the on-call role's snowflake; without one (or if it is not a snowflake), nobody is pinged.
    ///   - now: the embed's timestamp (the time of rendering), if given.
    public static func render(_ notice: Notice, target: String, oncallRoleID: String? = nil, now: Date? = nil) -> DiscordMessage {
        switch notice.kind {
        case .reminderDigest: return reminderDigest(notice, now: now).fitted()
        case .weeklyReport: return weeklyReport(notice, now: now).fitted()
        default: break
        }
        guard let ticket = notice.ticket else {
            let embed = DiscordEmbed(title: "Triage — \(notice.kind.rawValue)", color: StaffText.color(notice.kind), timestamp: now)
            return DiscordMessage(embeds: [embed]).fitted()
        }
        let embed = ticketEmbed(notice, ticket, target: target, now: now)
        var message = DiscordMessage(embeds: [embed], components: DiscordComponents.staff(notice))
        if notice.pingsOncall, let role = oncallRoleID.flatMap(snowflake) {
            message.content = "<@&\(role)> \(StaffText.pingLine(notice, ticket))"
            message.allowedMentions = .role(role)
        }
        return message.fitted()
    }

    /// A direct message to a user: `text` is final (the caller has already escaped the user's own words in it with
    /// `DiscordText.escape`); nothing in it can ping, and `nonce` makes a resend return the first message.
    public static func directMessage(text: String, nonce: String, components: [DiscordActionRow]? = nil) -> DiscordMessage {
        DiscordMessage(content: text, allowedMentions: .none, nonce: nonce, enforceNonce: true, components: components).fitted()
    }

    // MARK: Ticket notices

    static func ticketEmbed(_ notice: Notice, _ ticket: NoticeTicket, target: String, now: Date?) -> DiscordEmbed {
        var lines: [String] = ["**\(DiscordText.safe(ticket.subject, codePoints: 400))**"]
        var fields = standardFields(ticket)
        switch notice.kind {
        case .slaWarning:
            lines.append("Échéance \(StaffText.relative(ticket.dueAt)) · \(StaffText.assignee(ticket))")
        case .slaBreached:
            lines.append("Échéance dépassée \(StaffText.relative(ticket.dueAt)) · escaladé à l'astreinte et à l'équipe senior")
            lines.append(StaffText.assignee(ticket))
        case .page:
            lines.append("Échéance dépassée \(StaffText.relative(ticket.dueAt)) · \(StaffText.assignee(ticket))")
        case .replied:
            fields.append(.init(name: "Réponse publique", value: DiscordText.safe(notice.body ?? "—", codePoints: 1000)))
        case .closed, .inactivityClosed:
            fields.append(.init(name: "Résolution", value: DiscordText.safe(notice.body ?? "—", codePoints: 1000)))
            fields.append(.init(name: "Tags", value: StaffText.tags(ticket.tags)))
        case .inactivityReminder:
            lines.append("En attente de l'utilisateur : relance envoyée.")
        case .created, .acknowledged, .reminderDigest, .weeklyReport:
            break
        }
        if let actor = notice.actor, notice.kind == .closed || notice.kind == .replied {
            // A requester closing their own ticket acts under their Discord id: named as the requester, not as an id.
            let who = RequesterName.isRequester(actor, of: ticket.userID) ? "le demandeur" : DiscordText.safe(actor, codePoints: 200)
            fields.append(.init(name: notice.kind == .closed ? "Fermé par" : "Par", value: who, inline: true))
        }
        if let late = notice.lateSeconds, late >= 60 {
            lines.append(StaffText.lateNote(notice.kind, seconds: late))
        }
        if let url = trackingURL(ticket.url) {
            fields.append(.init(name: "Suivi", value: url))
        }
        return DiscordEmbed(
            title: StaffText.title(notice, ticket, target: target), description: lines.joined(separator: "\n"),
            url: trackingURL(ticket.url), color: StaffText.color(notice.kind, priority: ticket.priority), fields: fields,
            footer: .init(text: "Triage · \(ticket.id) · cycle SLA \(ticket.cycle)"), timestamp: now)
    }

    /// Priority, category, SLA and assignee, as inline fields.
    static func standardFields(_ ticket: NoticeTicket) -> [DiscordEmbed.Field] {
        [
            .init(name: "Priorité", value: StaffText.priority(ticket.priority), inline: true),
            .init(name: "Catégorie", value: ticket.category.name(.fr), inline: true),
            .init(name: "SLA", value: "\(StaffText.hours(ticket.slaHours)) · échéance \(StaffText.relative(ticket.dueAt))", inline: true),
            .init(name: "Assigné", value: ticket.assignee.map { DiscordText.safe($0, codePoints: 200) } ?? "—", inline: true),
        ]
    }

    /// The tracking URL when it is an http(s) URL Discord will accept as an embed link; `nil` otherwise.
    static func trackingURL(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", components.host?.isEmpty == false, !text.contains(where: \.isWhitespace)
        else { return nil }
        return text
    }

    /// `text` if it is a snowflake (decimal digits), else `nil`: only a well-formed role id is ever put into a ping.
    static func snowflake(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return UserID(trimmed).map { _ in trimmed }
    }
}
