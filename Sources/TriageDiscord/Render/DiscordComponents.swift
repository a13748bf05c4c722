import Foundation
import TriageCore

/// The buttons Triage puts on its messages, built in this one place with `CustomID`:
///
/// - the #support panel's "Créer un ticket" (`triage:create`);
/// - the feedback request's five ⭐ buttons (`triage:rate:…`), on the requester's direct message when a ticket closes;
/// - a page's "Prendre en charge" (`triage:ack:…`), on the breach and the repeated pages sent to on-call.
///
/// Interactive buttons work on bot messages and on application-owned webhooks (`triage discord webhook`); other
/// webhooks ignore them (design fact 28), so a page through one is still a plain page.
public enum DiscordComponents {
    /// Discord's button styles (design fact 18).
    public enum Style {
        public static let primary = 1
        public static let secondary = 2
        public static let success = 3
        public static let danger = 4
    }

    /// The panel's button: opens the ticket form.
    public static func createTicket() -> [DiscordActionRow] {
        [DiscordActionRow([.init(style: Style.primary, label: "Créer un ticket", customID: CustomID.create.rawValue)])]
    }

    /// The five rating buttons of a ticket's cycle: `1 ⭐` … `5 ⭐`, red for 1–2, blue for 3, green for 4–5 (as
    /// TicketsBot). `disabled` once rated (the answer that updates the message).
    public static func rating(_ id: TicketID, cycle: Int, disabled: Bool = false) -> [DiscordActionRow] {
        let buttons = Validation.ratingRange.map { stars in
            DiscordActionRow.Button(
                style: stars <= 2 ? Style.danger : stars == 3 ? Style.primary : Style.success, label: "\(stars) ⭐",
                customID: CustomID.rate(id, cycle: cycle, stars: stars).rawValue, disabled: disabled ? true : nil)
        }
        return [DiscordActionRow(buttons)]
    }

    /// A page's Acknowledge button (staff only, checked by the endpoint), for the ticket's current SLA cycle.
    public static func acknowledge(_ id: TicketID, cycle: Int, disabled: Bool = false) -> [DiscordActionRow] {
        [
            DiscordActionRow([
                .init(
                    style: Style.danger, label: "Prendre en charge", customID: CustomID.ack(id, cycle: cycle).rawValue,
                    disabled: disabled ? true : nil)
            ])
        ]
    }

    /// The buttons of a staff channel post: Acknowledge on what pages on-call for a breach (the breach itself and
    /// the repeated pages); nothing on anything else (a critical ticket's first post pings on-call but has no
    /// escalation to acknowledge yet).
    public static func staff(_ notice: Notice) -> [DiscordActionRow]? {
        guard notice.pingsOncall, notice.kind == .slaBreached || notice.kind == .page, let ticket = notice.ticket else { return nil }
        return acknowledge(ticket.id, cycle: ticket.cycle)
    }

    /// The buttons of the requester's direct message: the rating buttons on the feedback request (a close).
    public static func user(_ notice: Notice) -> [DiscordActionRow]? {
        guard notice.kind == .closed, let ticket = notice.ticket else { return nil }
        return rating(ticket.id, cycle: ticket.cycle)
    }
}
