import Foundation
import TriageCore

/// The console's own presence as last sent to the store: which ticket it has open and what it is writing there.
public struct Heartbeat: Equatable, Sendable {
    public var ticket: TicketID?
    public var typing: DraftKind?
    public var at: Date
}

/// Presence: colleagues on a ticket are shown on its row and in its detail; the console sends its own heartbeat while
/// a detail is on screen or the editor is open; sending over a colleague's reply in progress asks first; a
/// colleague's reply, note, close or reassignment of the ticket on screen is announced in the status line.
extension ConsoleState {
    /// How often the console's own heartbeat is renewed. Colleagues' presence comes with the automation health,
    /// every `automationRefresh` (`loadAutomation`), so an idle console's clock still asks for one thing.
    public static let heartbeatEvery: TimeInterval = 5

    /// On a clock tick: send a heartbeat when what the agent has open changed, or every `heartbeatEvery` while it
    /// has something open (one last, empty, when it closes).
    mutating func refreshPresence(now: Date) -> [ConsoleEffect] {
        guard loaded else { return [] }
        var effects: [ConsoleEffect] = []
        let ticket = editor?.ticketID ?? (detailShown ? currentSelectionID : nil)
        let typing = editor.flatMap { $0.editor.isEmpty ? nil : $0.kind }
        let changed = heartbeat?.ticket != ticket || heartbeat?.typing != typing
        let due = heartbeat.map { now.timeIntervalSince($0.at) >= Self.heartbeatEvery || now < $0.at } ?? true
        if changed && (ticket != nil || heartbeat?.ticket != nil) || ticket != nil && due {
            heartbeat = Heartbeat(ticket: ticket, typing: typing, at: now)
            effects.append(.heartbeat(ticket, typing: typing))
        }
        return effects
    }

    /// The colleague writing a reply on this ticket now, if any.
    public func colleagueReplying(on id: TicketID) -> Presence? {
        presence[id]?.first { $0.activity == .replying }
    }

    /// Ctrl-S on a reply while a colleague writes one too: asks first (the draft stays as it is).
    mutating func askBeforeSendingOver(_ session: EditorSession) -> Bool {
        guard session.kind == .reply, let other = colleagueReplying(on: session.ticketID) else { return false }
        confirmation = Confirmation(
            purpose: .sendOverColleague(session.ticketID),
            question: "\(other.agent) is writing a reply to \(session.ticketID) too.\ny: send yours anyway · n or Esc: keep writing")
        return true
    }

    /// The detail of the ticket on screen was reloaded: says what a colleague (or the user) did to it, so nothing
    /// changes under the agent's cursor unannounced. The close is `leaveClosed`'s to say.
    mutating func announce(_ before: TicketDetail, _ after: TicketDetail, now: Date) {
        let id = after.ticket.id
        var news: [String] = []
        let lastMessage = before.messages.map(\.id).max() ?? 0
        for message in after.messages where message.id > lastMessage {
            if message.authorKind == .agent && message.author == agent { continue }
            let who = after.author(of: message)
            news.append(
                message.authorKind == .user
                    ? "\(who) wrote" : message.isInternal ? "\(who) added a note" : "\(who) replied")
        }
        if before.ticket.assignee != after.ticket.assignee,
            let event = after.events.last(where: { $0.kind == .assigned }), event.actor != agent
        {
            switch after.ticket.assignee {
            case nil: news.append("\(event.actor) unassigned it")
            case event.actor: news.append("\(event.actor) took it")
            case let name?: news.append("\(event.actor) assigned it to \(name == agent ? "you" : name)")
            }
        }
        guard !news.isEmpty else { return }
        say("\(id): " + news.joined(separator: "; "), now: now)
    }
}
