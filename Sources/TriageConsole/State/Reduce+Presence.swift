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

    /// The reply a colleague sent to the user since the editor opened, if any (the newest).
    func colleagueReplied(during session: EditorSession) -> Message? {
        guard let seen = session.seenMessage, let detail, detail.ticket.id == session.ticketID else { return nil }
        return detail.messages.last { $0.id > seen && $0.authorKind == .agent && !$0.isInternal && $0.author != agent }
    }

    /// Ctrl-S on a reply while a colleague writes one too, or after one sent theirs since the editor opened: asks
    /// first (the draft stays as it is), so the user does not get two answers to one question.
    mutating func askBeforeSendingOver(_ session: EditorSession) -> Bool {
        guard session.kind == .reply else { return false }
        let situation: String
        if let sent = colleagueReplied(during: session) {
            situation =
                "\(sent.author) replied to \(session.ticketID) at \(Clock.hourMinute(sent.createdAt, in: timeZone)) while you were writing."
        } else if let other = colleagueReplying(on: session.ticketID) {
            situation = "\(other.agent) is writing a reply to \(session.ticketID) too."
        } else {
            return false
        }
        confirmation = Confirmation(
            purpose: .sendOverColleague(session.ticketID), question: situation + "\ny: send yours anyway · n or Esc: keep writing")
        return true
    }

    /// The detail of the ticket on screen was reloaded: says what a colleague (or the user) did to it, so nothing
    /// changes under the agent's cursor unannounced. The close is `leaveClosed`'s to say.
    mutating func announce(_ before: TicketDetail, _ after: TicketDetail, now: Date) {
        let id = after.ticket.id
        var news: [String] = []
        let lastMessage = before.newestMessage
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
