import Foundation
import Testing
import TriageConsole
import TriageCore
import TriageStore

@testable import TriageTerminal

/// Presence through two agents' backends on one store: what bruno's console writes, alice's reads and shows.
@Suite struct PresenceBackendTests {
    @Test func aColleagueViewingThenReplyingIsSeenAndHisReplyIsAnnounced() throws {
        // Given alice and bruno's consoles on one store with a ticket
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("triage-presence-\(UUID().uuidString)/s.sqlite").path
        let store = try TicketStore.open(path: path)
        let t0 = Date()
        let ticket = try store.create(
            NewTicket(requester: UserID(42), subject: "Achat non reçu", category: .billing, priority: .high, description: "Mes gemmes"),
            as: .user(UserID(42)), now: t0)
        let alice = try StoreBackend(store: store, agent: "alice")
        let bruno = try StoreBackend(store: store, agent: "bruno")
        func presence(at now: Date) -> [TicketID: [Presence]] {
            guard case .presenceLoaded(let p) = alice.perform(.loadAutomation, now: now).last else { return [:] }
            return p
        }
        // When bruno opens it: alice sees him viewing (and never herself)
        _ = bruno.perform(.heartbeat(ticket.id, typing: nil), now: t0)
        _ = alice.perform(.heartbeat(ticket.id, typing: nil), now: t0)
        #expect(presence(at: t0.addingTimeInterval(1)) == [ticket.id: [Presence(agent: "bruno", activity: .viewing)]])
        // When he types a reply (his draft saved as he types): replying
        _ = bruno.perform(.saveDraft(.reply, ticket.id, "Bonjour, pouvez-vous"), now: t0.addingTimeInterval(2))
        #expect(presence(at: t0.addingTimeInterval(3)) == [ticket.id: [Presence(agent: "bruno", activity: .replying)]])
        // and his heartbeat keeps it fresh while he pauses; a stale one is gone
        _ = bruno.perform(.heartbeat(ticket.id, typing: .reply), now: t0.addingTimeInterval(25))
        #expect(presence(at: t0.addingTimeInterval(50))[ticket.id]?.first?.activity == .replying)
        #expect(presence(at: t0.addingTimeInterval(90)).isEmpty)

        // Then alice's console, told he is replying, asks before sending over him
        var state = ConsoleState(agent: "alice", policy: .default, width: 100, height: 30, now: t0)
        for action in alice.perform(.loadQueue, now: t0) { _ = reduce(&state, action, now: t0) }
        _ = reduce(&state, .presenceLoaded(presence(at: t0.addingTimeInterval(26))), now: t0)
        _ = reduce(&state, .key(.enter), now: t0)
        for action in alice.perform(.loadDetail(ticket.id), now: t0) { _ = reduce(&state, action, now: t0) }
        #expect(
            ConsoleView.render(state, theme: BuiltinThemes.dark, glyphs: .unicode, now: t0).lines.contains {
                $0.contains("bruno is replying")
            })
        _ = reduce(&state, .key(.character("r")), now: t0)
        _ = reduce(&state, .key(.character("x")), now: t0)
        #expect(reduce(&state, .key(.control("s")), now: t0).isEmpty)
        #expect(state.confirmation?.purpose == .sendOverColleague(ticket.id))
        #expect(reduce(&state, .key(.escape), now: t0).isEmpty)
        #expect(state.editor?.editor.text == "x")
        // When bruno sends: his draft goes, and alice's reloaded detail announces his reply
        _ = bruno.perform(.change(ticket.id, .reply("Bonjour, pouvez-vous vous reconnecter ?")), now: t0.addingTimeInterval(27))
        #expect(presence(at: t0.addingTimeInterval(28))[ticket.id]?.contains { $0.activity == .replying } != true)
        for action in alice.perform(.loadDetail(ticket.id), now: t0.addingTimeInterval(28)) {
            _ = reduce(&state, action, now: t0.addingTimeInterval(28))
        }
        #expect(state.status?.text == "\(ticket.id): bruno replied")
        #expect(state.editor?.editor.text == "x")  // her draft is untouched
    }
}
