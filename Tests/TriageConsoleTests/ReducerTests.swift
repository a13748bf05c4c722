import Foundation
import Testing
import TriageCore

@testable import TriageConsole

@Suite struct ReducerTests {
    typealias F = ConsoleFixture

    @Test func loadingSelectsTheMostUrgentAndAsksForItsDetail() {
        var state = ConsoleState(agent: "alice", policy: .default, width: 80, height: 16, now: F.now)
        let effects = reduce(&state, .queueLoaded(F.tickets, QueueSummary()), now: F.now)
        #expect(state.selectedID?.rawValue == "TKT000001")
        // (and, once, the agent's drafts and the roster)
        #expect(effects == [.loadDetail(TicketID("TKT000001")!), .loadDrafts, .loadRoster])
    }

    @Test func selectionStaysOnTheSameTicketWhenRowsMove() {
        // Given the third ticket selected
        var state = F.state()
        F.press([.down, .down], &state)
        #expect(state.selectedID?.rawValue == "TKT000003")
        // When a new, more urgent ticket arrives above it
        let urgent = F.ticket("9", "Tout est cassé", .billing, .critical, hoursAgo: 13)
        _ = reduce(&state, .queueLoaded(([urgent] + F.tickets).inQueueOrder(), QueueSummary()), now: F.now)
        // Then the selection is still on the same ticket, and the arrival is highlighted
        #expect(state.selectedID?.rawValue == "TKT000003")
        #expect(state.arrivals[urgent.id] != nil)
        _ = reduce(&state, .tick, now: F.now.addingTimeInterval(6))
        #expect(state.arrivals.isEmpty)
    }

    @Test func whenTheSelectedTicketLeavesTheNeighbourIsSelected() {
        var state = F.state()
        F.press([.down], &state)
        let remaining = F.tickets.filter { $0.id.rawValue != "TKT000002" }
        _ = reduce(&state, .queueLoaded(remaining, QueueSummary()), now: F.now)
        #expect(state.selectedID?.rawValue == "TKT000003")
    }

    @Test func movementKeysClampAtTheEnds() {
        var state = F.state()
        F.press([.up, .character("k")], &state)
        #expect(state.selectedID?.rawValue == "TKT000001")
        F.press([.character("G")], &state)
        #expect(state.selectedID?.rawValue == "TKT000004")
        F.press([.down, .pageDown], &state)
        #expect(state.selectedID?.rawValue == "TKT000004")
        F.press([.home], &state)
        #expect(state.selectedID?.rawValue == "TKT000001")
    }

    @Test func filterAsYouTypeAndClearInOneKey() {
        var state = F.state()
        F.press([.character("/")] + F.type("prio:critical"), &state)
        #expect(state.visibleTickets(now: F.now).map(\.id.rawValue) == ["TKT000002"])
        #expect(state.selectedID?.rawValue == "TKT000002")
        F.press([.enter], &state)
        #expect(state.prompt == nil)
        #expect(state.filterText == "prio:critical")
        F.press([.escape], &state)
        #expect(state.filterText.isEmpty)
        #expect(state.visibleTickets(now: F.now).count == 4)
        // Esc while typing clears too (what the filter line says), and the narrow queue's names are understood
        F.press([.character("/")] + F.type("prio:crit"), &state)
        #expect(state.visibleTickets(now: F.now).map(\.id.rawValue) == ["TKT000002"])
        F.press([.escape], &state)
        #expect(state.prompt == nil && state.filterText.isEmpty && state.visibleTickets(now: F.now).count == 4)
        F.press([.character("/")] + F.type("cat:tech"), &state)
        #expect(state.visibleTickets(now: F.now).map(\.id.rawValue) == ["TKT000003"])
    }

    @Test(arguments: [
        ("crash", ["TKT000003"]), ("CRASH LANCEMENT", ["TKT000003"]), ("paiement", ["TKT000001"]), ("paiement refuse", ["TKT000001"]),
        ("assignee:none", ["TKT000001", "TKT000002", "TKT000004"]), ("assignee:bob", ["TKT000003"]),
        ("breach:<6h", ["TKT000001", "TKT000002"]),
        ("status:waiting", ["TKT000004"]), ("cat:billing,account", ["TKT000001", "TKT000002"]), ("prio:low question", ["TKT000004"]),
        // a requester's whole Discord id finds their tickets; digits from the middle of one do not
        ("123456789012345678", ["TKT000001", "TKT000002", "TKT000003", "TKT000004"]), ("345", []), ("4", ["TKT000004"]),
    ])
    func filterGrammar(text: String, expected: [String]) {
        var state = F.state()
        state.filterText = text
        #expect(state.visibleTickets(now: F.now).map(\.id.rawValue) == expected)
    }

    @Test func aFilterForClosedTicketsSaysWhereTheyAre() {
        var state = F.state()
        F.press([.character("/")] + F.type("status:closed") + [.enter], &state)
        #expect(state.visibleTickets(now: F.now).isEmpty)
        #expect(state.status?.text.contains("Closed tickets are not in the queue: :view <id> opens one") == true)
        F.press([.escape, .character("/")] + F.type("status:closed,waiting") + [.enter], &state)
        #expect(state.visibleTickets(now: F.now).map(\.id.rawValue) == ["TKT000004"])
        // Two terms run together: the part not understood is named
        F.press([.escape, .character("/")] + F.type("prio:critical assignee:nonestatus:closed") + [.enter], &state)
        #expect(state.status?.text.hasPrefix("Not understood: assignee:nonestatus:closed") == true, "\(String(describing: state.status))")
    }

    @Test func viewingATicketThatIsNotThereGoesBackAndNoKeyActsOnAHiddenOne() throws {
        var state = F.state()
        let missing = try #require(TicketID("TKTNOPE00"))
        #expect(F.press([.character(":")] + F.type("view TKTNOPE00") + [.enter], &state) == [.loadDetail(missing)])
        // While it loads, the screen says so and the keys that act on a ticket do nothing (the queue's selection is
        // not on screen)
        #expect(F.render(state).lines.contains { $0.contains("Loading…") })
        #expect(F.press([.character("x")], &state).isEmpty && state.prompt == nil)
        #expect(F.press([.character("a")], &state).isEmpty)
        // A late answer about another ticket does not stand in for it
        _ = reduce(&state, .detailLoaded(F.detail(F.tickets[0])), now: F.now)
        #expect(state.selectedTicket(now: F.now) == nil)
        // The store says it is not there: back to the queue, the error in the status line
        _ = reduce(&state, .detailMissing(missing, "no ticket TKTNOPE00"), now: F.now)
        #expect(!state.detailOpen && state.status?.text == "no ticket TKTNOPE00" && state.status?.isError == true)
        #expect(!F.render(state).lines.contains { $0.contains("Loading…") })
        #expect(F.press([.character("a")], &state) == [.change(F.tickets[0].id, .assign("alice"))])
    }

    @Test func actionKeysBecomeStoreWrites() {
        var state = F.state()
        let id = TicketID("TKT000001")!
        #expect(F.press([.character("a")], &state) == [.change(id, .assign("alice"))])
        #expect(F.press([.character("s")], &state) == [.change(id, .status(.waiting))])
        #expect(F.press([.character("o")], &state) == [.change(id, .reopen)])
        #expect(F.press([.character("e")], &state) == [.change(id, .acknowledge)])
        #expect(F.press([.character("p")] + F.type("critical") + [.enter], &state) == [.change(id, .priority(.critical))])
        _ = reduce(&state, .rosterLoaded(["bob"]), now: F.now)
        #expect(F.press([.character(":")] + F.type("assign bob") + [.enter], &state) == [.change(id, .assign("bob"))])
        #expect(
            F.press([.character(":")] + F.type("tag +vip -faq") + [.enter], &state) == [.change(id, .tag(add: ["vip"], remove: ["faq"]))])
        #expect(F.press([.character(":")] + F.type("close Réinitialisé le mot de passe") + [.enter], &state).isEmpty)
        #expect(F.press([.character("y")], &state) == [.change(id, .close(resolution: "Réinitialisé le mot de passe", notify: true))])
    }

    @Test func closeAsksForAResolutionThenWhetherToNotify() {
        var state = F.state()
        let id = TicketID("TKT000001")!
        #expect(F.press([.character("x")] + F.type("Remboursé") + [.enter], &state).isEmpty)
        #expect(state.confirmation != nil)
        #expect(F.press([.character("n")], &state) == [.change(id, .close(resolution: "Remboursé", notify: false))])
        F.press([.character("x"), .enter], &state)
        #expect(F.press([.enter], &state) == [.change(id, .close(resolution: nil, notify: true))])
    }

    @Test func badCommandsAreErrorsInTheStatusBarNotCrashes() {
        var state = F.state()
        #expect(F.press([.character(":")] + F.type("priority urgent") + [.enter], &state).isEmpty)
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("critical, high, medium, low") == true)
        F.press([.character(":")] + F.type("frobnicate") + [.enter], &state)
        #expect(state.status?.text == "unknown command :frobnicate; try :help")
        _ = reduce(&state, .failed("the store is busy"), now: F.now)
        #expect(state.status?.text == "the store is busy")
        _ = reduce(&state, .tick, now: F.now.addingTimeInterval(9))
        #expect(state.status == nil)
    }

    @Test func theReplyEditorSavesDraftsAsYouTypeAndSends() {
        var state = F.state()
        let id = TicketID("TKT000001")!
        #expect(F.press([.character("r")], &state) == [.loadDraft(.reply, id)])
        let effects = F.press(F.type("Ça "), &state)
        #expect(effects.last == .saveDraft(.reply, id, "Ça "))
        // Keys that would be commands elsewhere are text here
        F.press(F.type("q?:/"), &state)
        #expect(state.editor?.editor.text == "Ça q?:/")
        #expect(!state.quitting)
        #expect(F.press([.control("s")], &state) == [.change(id, .reply("Ça q?:/"))])
        #expect(state.editor == nil)
    }

    @Test func aRestoredDraftFillsAnEmptyEditor() {
        var state = F.state()
        let id = TicketID("TKT000001")!
        F.press([.character("n")], &state)
        _ = reduce(&state, .draftLoaded(.note, id, "brouillon 📝"), now: F.now)
        #expect(state.editor?.editor.text == "brouillon 📝")
        #expect(state.editor?.kind == .note)
    }

    @Test func discardingANonEmptyDraftAsksFirst() {
        var state = F.state()
        let id = TicketID("TKT000001")!
        F.press([.character("r")] + F.type("Bonjour"), &state)
        #expect(F.press([.control("x")], &state).isEmpty)
        #expect(state.confirmation?.purpose == .discardDraft)
        // Enter means no: the draft stays
        F.press([.enter], &state)
        #expect(state.editor?.editor.text == "Bonjour")
        F.press([.control("x")], &state)
        #expect(F.press([.character("y")], &state) == [.saveDraft(.reply, id, "")])
        #expect(state.editor == nil)
        // An empty editor closes at once
        F.press([.character("r")], &state)
        F.press([.escape], &state)
        #expect(state.editor == nil && state.confirmation == nil)
    }

    @Test func screensAndStatsWeeks() {
        var state = F.state()
        let week = ISOWeek(containing: F.now)
        #expect(F.press([.character("3")], &state) == [.loadStats(week)])
        #expect(F.press([.left], &state) == [.loadStats(week.previous)])
        #expect(F.press([.right], &state) == [.loadStats(week)])
        #expect(F.press([.right], &state).isEmpty, "no future weeks")
        F.press([.character("2")], &state)
        #expect(state.screen == .watch)
        #expect(state.watchTickets(now: F.now).map(\.id.rawValue) == ["TKT000001", "TKT000002"])
        #expect(F.press([.character("e")], &state) == [.change(TicketID("TKT000001")!, .acknowledge)])
    }

    @Test func aNewBreachRingsOnceAndTheBellCanBeTurnedOff() {
        var state = F.state()
        // TKT000002 (critical, 12h) breaches 4h from now
        let later = F.now.addingTimeInterval(4 * 3600 + 60)
        // (the tick may also ask for the automation health: see OnCallReducerTests)
        #expect(reduce(&state, .tick, now: later).filter { $0 != .loadAutomation } == [.bell])
        #expect(reduce(&state, .tick, now: later.addingTimeInterval(1)).isEmpty)
        var quiet = F.state()
        F.press([.character("2"), .character("b")], &quiet)
        #expect(!quiet.bellEnabled)
        #expect(reduce(&quiet, .tick, now: later).filter { $0 != .loadAutomation }.isEmpty)
    }

    @Test func quitKeys() {
        var state = F.state()
        #expect(F.press([.character("q")], &state) == [.quit])
        var other = F.state()
        #expect(F.press([.control("c")], &other) == [.quit])
    }
}
