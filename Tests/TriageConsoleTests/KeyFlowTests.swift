import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// The defects of issue 8 in the keys, the editor and the prompts, each pinned by the reducer's answer to keys.
@Suite struct KeyFlowTests {
    typealias F = ConsoleFixture

    /// The ticket as it is once closed (by anyone), as the store's detail would bring it.
    func closed(_ ticket: Ticket, by actor: String) -> TicketDetail {
        var t = ticket
        t.status = .closed
        t.closedAt = F.now
        return TicketDetail(ticket: t, messages: [], events: [TicketEvent(ticketID: t.id, kind: .closed, actor: actor, at: F.now)])
    }

    /// The state with the first ticket open full-screen, its detail loaded.
    func onFirstTicketFullScreen() -> ConsoleState {
        var state = F.state()
        F.press([.enter], &state)
        _ = reduce(&state, .detailLoaded(F.detail(F.tickets[0])), now: F.now)
        return state
    }

    @Test func aTicketClosedByItsRequesterSaysSoNotTheirId() {
        var state = onFirstTicketFullScreen()
        let first = F.tickets[0]
        _ = reduce(&state, .queueLoaded(Array(F.tickets.dropFirst()), QueueSummary()), now: F.now)
        _ = reduce(&state, .detailLoaded(closed(first, by: first.userID.description)), now: F.now)
        #expect(state.status?.text.hasPrefix("\(first.id) was closed by \(first.requesterLabel) (requester)") == true)
    }

    // MARK: B1

    @Test func aTicketClosedElsewhereSendsTheAgentBackToTheQueueOnTheNextTicket() {
        // Given the most urgent ticket open full-screen
        var state = onFirstTicketFullScreen()
        let first = F.tickets[0]
        // When another agent closes it: the queue no longer has it, and its detail comes back closed
        let rest = Array(F.tickets.dropFirst())
        _ = reduce(&state, .queueLoaded(rest, QueueSummary()), now: F.now)
        let effects = reduce(&state, .detailLoaded(closed(first, by: "bruno")), now: F.now)
        // Then the console is back on the queue, on the ticket that followed it, and says who closed it
        #expect(!state.detailOpen)
        #expect(state.selectedID == rest[0].id)
        #expect(effects == [.loadDetail(rest[0].id)])
        #expect(state.status?.text == "\(first.id) was closed by bruno: now on \(rest[0].id)")
        // And the keys act on the ticket on screen, not the closed one
        #expect(F.press([.character("p")] + F.type("low") + [.enter], &state) == [.change(rest[0].id, .priority(.low))])
    }

    @Test func closingItHereAlsoGoesBackToTheQueueQuietly() {
        var state = onFirstTicketFullScreen()
        _ = reduce(&state, .succeeded("TKT000001 closed, SLA missed; the user is asked for feedback"), now: F.now)
        _ = reduce(&state, .detailLoaded(closed(F.tickets[0], by: "alice")), now: F.now)
        #expect(!state.detailOpen)
        #expect(state.selectedID == F.tickets[1].id)
        // The store's own message stays: the agent knows they closed it
        #expect(state.status?.text.hasPrefix("TKT000001 closed") == true)
    }

    @Test(arguments: ["p", "r", "a", "A", "c", "t", "s", "x", "e"])
    func aClosedTicketRefusesItsActionsButReopenAndNote(key: Character) {
        // Given a closed ticket opened on purpose (`:view`): it stays on screen, and only o and n act on it
        var state = F.state()
        let id = F.tickets[0].id
        F.press([.character(":")] + F.type("view \(id)") + [.enter], &state)
        _ = reduce(&state, .detailLoaded(closed(F.tickets[0], by: "bruno")), now: F.now)
        #expect(state.detailOpen)
        let effects = F.press([.character(key)], &state)
        #expect(effects.isEmpty, "\(key): \(effects)")
        #expect(state.editor == nil && state.confirmation == nil && state.prompt == nil)
        #expect(state.status?.text == "\(id) is closed: press o to reopen it first")
        #expect(F.press([.character("o")], &state) == [.change(id, .reopen)])
        #expect(F.press([.character("n")], &state) == [.loadDraft(.note, id)])
    }

    @Test func theCommandLineRefusesAClosedTicketToo() {
        var state = F.state()
        let id = F.tickets[0].id
        F.press([.character(":")] + F.type("view \(id)") + [.enter], &state)
        _ = reduce(&state, .detailLoaded(closed(F.tickets[0], by: "bruno")), now: F.now)
        for command in ["priority low", "assign bob", "tag +vip", "reply", "status waiting", "ack"] {
            #expect(F.press([.character(":")] + F.type(command) + [.enter], &state).isEmpty, "\(command)")
        }
        F.press([.character(":")] + F.type("close done") + [.enter], &state)
        #expect(state.status?.text == "\(id) is already closed")
        #expect(F.press([.character(":")] + F.type("reopen") + [.enter], &state) == [.change(id, .reopen)])
    }

    @Test func aReplyInTheEditorIsNotSentToATicketClosedMeanwhile() {
        // Given a reply being written while a colleague closes the ticket
        var state = F.state()
        let id = F.tickets[0].id
        F.press([.character("r")] + F.type("Bonjour"), &state)
        _ = reduce(&state, .detailLoaded(closed(F.tickets[0], by: "bruno")), now: F.now)
        // Then Ctrl-S sends nothing and keeps the draft
        #expect(F.press([.control("s")], &state).isEmpty)
        #expect(state.editor?.editor.text == "Bonjour")
        #expect(state.status?.text.contains("closed") == true)
        _ = id
    }

    // MARK: W1 and the close question

    @Test(arguments: ["x", ":close", ":status closed"])
    func everyWayToCloseAsksForAResolutionThenAboutNotifying(keys: String) {
        var state = F.state()
        let id = F.tickets[0].id
        // The resolution first
        #expect(F.press(F.type(keys) + (keys.hasPrefix(":") ? [.enter] : []), &state).isEmpty)
        #expect(state.prompt?.purpose == .closeResolution(id, quiet: false))
        #expect(F.press(F.type("Remboursé") + [.enter], &state).isEmpty)
        // Then a question whose answers say what they do
        let question = try! #require(state.confirmation)
        #expect(question.question.contains("y or Enter: close and ask · n: close without asking · Esc: do not close"))
        var quiet = state
        var cancelled = state
        #expect(F.press([.character("y")], &state) == [.change(id, .close(resolution: "Remboursé", notify: true))])
        #expect(F.press([.character("n")], &quiet) == [.change(id, .close(resolution: "Remboursé", notify: false))])
        // Esc never closes
        #expect(F.press([.escape], &cancelled).isEmpty)
        #expect(cancelled.confirmation == nil && cancelled.status?.text == "\(id) not closed")
        // Other keys do nothing until answered
        var waiting = quiet
        waiting.confirmation = question
        #expect(F.press([.character("q"), .character("x")], &waiting).isEmpty)
        #expect(waiting.confirmation == question && !waiting.quitting)
    }

    @Test func closeWithAResolutionAsksOnlyTheQuestionAndCloseQuietAsksToConfirm() {
        var state = F.state()
        let id = F.tickets[0].id
        F.press([.character(":")] + F.type("close Réinitialisé le mot de passe") + [.enter], &state)
        #expect(state.confirmation?.purpose == .close(id, resolution: "Réinitialisé le mot de passe", quiet: false))
        F.press([.escape], &state)
        F.press([.character(":")] + F.type("close-quiet doublon") + [.enter], &state)
        #expect(state.confirmation?.question.contains("without asking the user for feedback") == true)
        var no = state
        #expect(F.press([.character("n")], &no).isEmpty, "n means: do not close")
        #expect(F.press([.enter], &state) == [.change(id, .close(resolution: "doublon", notify: false))])
    }

    // MARK: W6

    @Test func movingKeysInTheFullScreenDetailScrollItAndNeverChangeTicket() {
        var state = onFirstTicketFullScreen()
        state.height = 12
        let id = F.tickets[0].id
        for key in [Key.character("G"), .control("d"), .end, .pageDown, .character("j"), .character("g"), .control("u"), .home] {
            #expect(F.press([key], &state).isEmpty, "\(key)")
            #expect(state.selectedID == id && state.detailOpen, "\(key)")
        }
        F.press([.character("G")], &state)
        #expect(state.detailScroll > 0 && state.detailScroll == state.scrollLimit(.detail, now: F.now))
        F.press([.character("g")], &state)
        #expect(state.detailScroll == 0)
    }

    // MARK: W7

    @Test func onlyCtrlSSendsCtrlDDeletes() {
        var state = F.state()
        let id = F.tickets[0].id
        F.press([.character("r")] + F.type("Bonjour!") + [.home], &state)
        #expect(F.press([.control("d")], &state) == [.saveDraft(.reply, id, "onjour!")])
        #expect(state.editor != nil)
        #expect(F.press([.control("s")], &state) == [.change(id, .reply("onjour!"))])
    }

    // MARK: W8

    @Test func assignCompletesFromTheRosterAndAsksBeforeAnUnknownName() {
        var state = F.state()
        let id = F.tickets[0].id
        _ = reduce(&state, .rosterLoaded(["alice", "Bruno", "brigitte", "chloe"]), now: F.now)
        // A asks for the roster again and offers it
        #expect(F.press([.character("A")], &state) == [.loadRoster])
        #expect(state.promptCompletion?.choices == ["me", "none", "Bruno", "brigitte", "chloe"])
        // Tab completes what the choices share, then the one left
        F.press([.character("b"), .tab], &state)
        #expect(state.prompt?.editor.text == "assign br")
        #expect(state.promptCompletion?.choices == ["Bruno", "brigitte"])
        F.press([.character("u"), .tab], &state)
        #expect(state.prompt?.editor.text == "assign Bruno")
        // the one choice is still named, not called an unknown agent
        #expect(state.promptCompletion?.choices == ["Bruno"])
        #expect(F.press([.enter], &state) == [.change(id, .assign("Bruno"))])
        // A known name in another case is the roster's spelling; me is the agent
        #expect(F.press([.character(":")] + F.type("assign CHLOE") + [.enter], &state) == [.change(id, .assign("chloe"))])
        #expect(F.press([.character(":")] + F.type("assign me") + [.enter], &state) == [.change(id, .assign("alice"))])
        // An unknown name is asked about, and only y assigns it
        #expect(F.press([.character(":")] + F.type("assign zorro") + [.enter], &state).isEmpty)
        #expect(state.confirmation?.purpose == .assignUnknown(id, "zorro"))
        #expect(state.confirmation?.question.contains("known: alice, Bruno, brigitte, chloe") == true)
        var refused = state
        #expect(F.press([.enter], &refused).isEmpty && refused.confirmation == nil)
        #expect(F.press([.character("y")], &state) == [.change(id, .assign("zorro"))])
    }

    @Test func thePriorityAndCategoryPromptsOfferTheirChoices() {
        var state = F.state()
        F.press([.character("p"), .character("c")], &state)
        #expect(state.promptCompletion?.choices == ["critical"])
        F.press([.tab], &state)
        #expect(state.prompt?.editor.text == "priority critical")
        F.press([.escape, .character("c")], &state)
        #expect(state.promptCompletion?.choices.count == TriageCore.Category.allCases.count)
    }

    // MARK: a, Ctrl-Z, paste

    @Test func aAssignsToMeAndEAcknowledgesOnEveryScreen() {
        var state = F.state()
        let id = F.tickets[0].id
        for screen in ["1", "2"] {
            F.press([.character(Character(screen))], &state)
            #expect(F.press([.character("a")], &state) == [.change(id, .assign("alice"))], "screen \(screen)")
            #expect(F.press([.character("e")], &state) == [.change(id, .acknowledge)], "screen \(screen)")
        }
    }

    @Test func ctrlZSuspendsFromAnywhere() {
        var state = F.state()
        #expect(F.press([.control("z")], &state) == [.suspend])
        F.press([.character("r")] + F.type("abc"), &state)
        #expect(F.press([.control("z")], &state) == [.suspend])
        #expect(state.editor?.editor.text == "abc")
    }

    @Test func aPasteIsTextInTheEditorAndNothingElsewhere() {
        var state = F.state()
        let id = F.tickets[0].id
        let pasted = "Bonjour,\nvoici la procédure :\n1. q\n2. x"
        // On the queue a paste is not a string of commands
        #expect(F.press([.paste(pasted)], &state).isEmpty)
        #expect(!state.quitting && state.prompt == nil && state.confirmation == nil)
        // In the editor it is inserted as is, newlines included, and saved once
        F.press([.character("r")], &state)
        #expect(F.press([.paste(pasted)], &state) == [.saveDraft(.reply, id, pasted)])
        #expect(state.editor?.editor.text == pasted)
        // On the command line it is one line
        F.press([.escape, .character(":")], &state)
        F.press([.paste("assign\nbob")], &state)
        #expect(state.prompt?.editor.lines.count == 1)
    }

    // MARK: The message being answered

    @Test func theEditorShowsTheMessageBeingAnsweredAboveIt() {
        // Given a ticket whose user wrote last, and a reply being written
        var state = F.state(width: 60, height: 24)
        let t = F.tickets[0]
        var detail = F.detail(t)
        detail.messages.append(
            Message(
                id: 3, ticketID: t.id, authorKind: .user, author: "123456789012345678", body: "Toujours refusé ce matin, que faire ?",
                isInternal: false, createdAt: F.now.addingTimeInterval(-600)))
        _ = reduce(&state, .detailLoaded(detail), now: F.now)
        F.press([.character("r")] + F.type("Bonjour"), &state)
        let lines = F.render(state).lines
        // Then the user's message is right above the editor box
        let title = try! #require(lines.firstIndex { $0.contains("The user wrote · 2026-11-25 09:50") })
        #expect(lines[title + 1].contains("Toujours refusé ce matin, que faire ?"))
        #expect(lines[title + 3].hasPrefix("┌─ Reply to TKT000001"))
        // A note answers the last message of any kind: here the internal note, on a wide terminal at the side's top
        var wide = F.state(width: 160, height: 30)
        _ = reduce(&wide, .detailLoaded(F.detail(t)), now: F.now)
        F.press([.character("n")], &wide)
        let text = F.render(wide).lines.joined(separator: "\n")
        #expect(text.contains("Internal note by bob") && text.contains("Stripe shows two captures"))
    }

    // MARK: Drafts set aside, the view after a reply

    @Test func escSetsTheDraftAsideAndTheQueueShowsWhichTicketsHaveOne() {
        var state = F.state()
        let id = F.tickets[0].id
        _ = reduce(&state, .draftsLoaded([F.tickets[2].id: [.note]]), now: F.now)
        F.press([.character("r")] + F.type("Bonjour"), &state)
        // Esc leaves at once and keeps the draft
        #expect(F.press([.escape], &state).isEmpty)
        #expect(state.editor == nil && state.confirmation == nil)
        #expect(state.drafts == [id: [.reply], F.tickets[2].id: [.note]])
        #expect(state.status?.text.hasPrefix("Draft kept: r on \(id)") == true)
        // The queue marks them, and is:draft lists them
        let screen = F.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("✎ Paiement refusé") && screen.contains("✎ Crash au lancement"))
        state.filterText = "is:draft"
        #expect(state.visibleTickets(now: F.now).map(\.id) == [id, F.tickets[2].id])
        // Coming back: r asks for the draft; Ctrl-X discards it after asking
        #expect(F.press([.character("r")], &state) == [.loadDraft(.reply, id)])
        _ = reduce(&state, .draftLoaded(.reply, id, "Bonjour"), now: F.now)
        #expect(F.press([.control("x")], &state).isEmpty)
        #expect(F.press([.character("y")], &state) == [.saveDraft(.reply, id, "")])
        #expect(state.drafts[id] == nil)
    }

    @Test func afterAReplyTheCursorStaysOnItsRowInsteadOfFollowingTheTicketDown() {
        var state = F.state()
        let first = F.tickets[0]
        F.press([.character("r")] + F.type("C'est réglé") + [.control("s")], &state)
        // The store answers: the ticket now waits, at the end of the queue
        var waiting = first
        waiting.status = .waiting
        waiting.sla.pausedAt = F.now
        let after = (Array(F.tickets.dropFirst()) + [waiting]).inQueueOrder()
        #expect(after.map(\.id.rawValue) == ["TKT000002", "TKT000003", "TKT000001", "TKT000004"])
        _ = reduce(&state, .queueLoaded(after, QueueSummary()), now: F.now)
        #expect(state.selectedID == F.tickets[1].id)
        #expect(state.stayInPlace == nil)
    }

    // MARK: Search

    @Test(arguments: [
        ("reinitialiser", ["TKT000002"]), ("RÉINITIALISER", ["TKT000002"]), ("zoe", ["TKT000003"]), ("remboursement", ["TKT000001"]),
        ("facture", ["TKT000004"]), ("Élodie", ["TKT000004"]),
    ])
    func searchLooksInDescriptionsTagsAndRequestersAccentsIgnored(text: String, expected: [String]) {
        var tickets = F.tickets
        tickets[1].description = "Je n'arrive pas à réinitialiser mon mot de passe"
        tickets[2].requesterName = "Zoé"
        tickets[0].tags = ["remboursement"]
        tickets[3].description = "Où est ma facture ?"
        tickets[3].requesterName = "elodie"
        var state = F.state()
        _ = reduce(&state, .queueLoaded(tickets, QueueSummary()), now: F.now)
        state.filterText = text
        #expect(state.visibleTickets(now: F.now).map(\.id.rawValue) == expected)
        // The memo of folded text never changes an answer when a ticket changes
        tickets[1].description = "autre chose"
        _ = reduce(&state, .queueLoaded(tickets, QueueSummary()), now: F.now)
        state.filterText = "reinitialiser"
        #expect(state.visibleTickets(now: F.now).isEmpty)
    }
}
