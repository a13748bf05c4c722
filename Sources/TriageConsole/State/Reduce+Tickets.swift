import Foundation
import TriageCore

/// The ticket flows the keys and the command line share: what a closed ticket refuses, the one way to close, the
/// assign prompt's roster, the drafts set aside, and leaving a ticket that was closed under the agent.
extension ConsoleState {
    // MARK: Closed tickets

    /// The keys that act on a ticket and that a closed ticket refuses (`o` reopens it; `n` still adds a note).
    static let refusedWhenClosed: Set<Key> = Set("raApctsxe".map { Key.character($0) })

    /// The status of a ticket as the console last saw it (the detail is the freshest), if it knows the ticket.
    func knownStatus(of id: TicketID) -> TicketStatus? {
        if let detail, detail.ticket.id == id { return detail.ticket.status }
        return tickets.first { $0.id == id }?.status
    }

    /// Refuses a change to a closed ticket (everything but a reopen and a note), saying what to do instead.
    mutating func refuseIfClosed(_ id: TicketID, now: Date) -> Bool {
        guard knownStatus(of: id) == .closed else { return false }
        say("\(id) is closed: press o to reopen it first", isError: true, now: now)
        return true
    }

    /// A ticket the agent was on full-screen has just been closed (by them or anyone): back to the queue, on the
    /// ticket that followed it there. `before` is the ticket as it was while still queued.
    mutating func leaveClosed(_ before: Ticket, closed: TicketDetail, now: Date) -> [ConsoleEffect] {
        detailOpen = false
        detailScroll = 0
        let list = screen == .watch ? watchTickets(now: now) : visibleTickets(now: now)
        let next: Ticket? = before.queueKey.flatMap { key in list.first { ($0.queueKey.map { key < $0 }) ?? false } } ?? list.last
        if screen == .watch { watchSelectedID = next?.id } else { selectedID = next?.id }
        if screen == .stats { screen = .queue }
        keepSelectionVisible(now: now)
        // Who closed it, in the words staff read everywhere (the requester named as such, not by their id).
        let actor = closed.events.last { $0.kind == .closed }?.actor
        if let actor, actor != agent, let closer = closed.closedBy {
            say("\(before.id) was closed by \(closer)" + (next.map { ": now on \($0.id)" } ?? ""), now: now)
        }
        return next.map { [.loadDetail($0.id)] } ?? []
    }

    // MARK: Closing: one flow for x, :close, :close-quiet and :status closed

    /// Starts closing a ticket: the resolution (asked for unless given), then the question about notifying.
    mutating func startClose(_ id: TicketID, resolution: String?, quiet: Bool, now: Date) -> [ConsoleEffect] {
        if knownStatus(of: id) == .closed {
            say("\(id) is already closed", isError: true, now: now)
            return []
        }
        if let resolution, !resolution.trimmingCharacters(in: .whitespaces).isEmpty {
            askClose(id, resolution: resolution.trimmingCharacters(in: .whitespaces), quiet: quiet)
        } else {
            prompt = LinePrompt(purpose: .closeResolution(id, quiet: quiet))
        }
        return []
    }

    /// The close question, whose answers say exactly what each does; Esc never closes.
    mutating func askClose(_ id: TicketID, resolution: String?, quiet: Bool) {
        let what = "Close \(id) " + (resolution.map { "(“\($0)”)" } ?? "with no resolution")
        let question =
            quiet
            ? "\(what) without asking the user for feedback?\ny or Enter: close quietly · n or Esc: do not close"
            : "\(what). Ask the user for feedback (1–5 stars)?\ny or Enter: close and ask · n: close without asking · Esc: do not close"
        confirmation = Confirmation(purpose: .close(id, resolution: resolution, quiet: quiet), question: question)
    }

    // MARK: Assigning: the roster

    /// Assigns to a name typed at the assign prompt: `me`, an agent of the roster (spelled as the roster does), or
    /// after a confirmation a name the roster does not know.
    mutating func assign(_ name: String, to id: TicketID, now: Date) -> [ConsoleEffect] {
        if name.lowercased() == "me" || name.lowercased() == agent.lowercased() { return [.change(id, .assign(agent))] }
        if let known = AgentRoster.known(name, in: roster) { return [.change(id, .assign(known))] }
        let choices = AgentRoster.sample(roster)
        confirmation = Confirmation(
            purpose: .assignUnknown(id, name),
            question: "No agent called \(name) has worked here\(choices).\ny: assign \(id) to \(name) anyway · n or Esc: do not assign")
        return []
    }

    /// What the `:` line is completing: the words before the one being typed, that word, and the choices for it
    /// (agents after `assign`, the vocabularies after `priority`, `category`, `status`), or nil.
    public var promptCompletion: (head: String, word: String, choices: [String])? {
        guard let prompt, prompt.purpose == .command else { return nil }
        let text = prompt.editor.text
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { return nil }
        let all: [String]
        switch parts[0].lowercased() {
        case "assign", "a": all = ["me", "none"] + roster.filter { $0.lowercased() != agent.lowercased() }
        case "priority", "prio", "p": all = Priority.allCases.map(\.rawValue)
        case "category", "cat": all = TriageCore.Category.allCases.map(\.rawValue)
        case "status": all = ["open", "waiting", "closed"]
        default: return nil
        }
        let word = parts[1]
        let choices = all.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        return (parts[0] + " ", word, choices)
    }

    /// Tab at the `:` line: completes the word to the one choice, or to what all the choices share.
    mutating func completePrompt() {
        guard let completion = promptCompletion, !completion.choices.isEmpty, var line = prompt else { return }
        let choices = completion.choices
        var common = choices[0]
        for choice in choices.dropFirst() {
            common = String(zip(common, choice).prefix { $0.0.lowercased() == $0.1.lowercased() }.map(\.0))
        }
        guard common.count >= completion.word.count else { return }
        // One choice: its spelling (no space after it: each of these commands takes one word, and the hint keeps
        // naming the choice instead of calling the name unknown); several: what was typed, then what they share.
        let word = choices.count == 1 ? choices[0] : completion.word + common.dropFirst(completion.word.count)
        line.editor = TextEditor(text: completion.head + word, singleLine: true)
        prompt = line
    }

    // MARK: Drafts

    /// Keeps the draft markers true as the agent types, sends or discards.
    mutating func noteDraft(_ kind: DraftKind, _ id: TicketID, text: String) {
        if text.isEmpty {
            drafts[id]?.remove(kind)
            if drafts[id]?.isEmpty == true { drafts[id] = nil }
        } else {
            drafts[id, default: []].insert(kind)
        }
    }
}
