import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// Presence in the reducer: heartbeats while something is open, colleagues on rows and in the detail, asking before
/// sending over a colleague's reply, and a colleague's changes announced.
@Suite struct PresenceReducerTests {
    typealias F = ConsoleFixture

    /// The tick's heartbeats (the automation health, which brings the colleagues' presence, has its own schedule).
    static func tick(_ state: inout ConsoleState, _ seconds: Double) -> [ConsoleEffect] {
        reduce(&state, .tick, now: F.now.addingTimeInterval(seconds)).filter { $0 != .loadAutomation }
    }

    @Test func theClockSendsHeartbeatsOnlyWhileSomethingIsOpen() {
        var state = F.state()
        let first = F.tickets[0].id
        // Nothing open: no heartbeat
        #expect(Self.tick(&state, 0).isEmpty)
        #expect(Self.tick(&state, 1).isEmpty)
        // Opened: at once, then every few seconds
        F.press([.enter], &state)
        #expect(Self.tick(&state, 2) == [.heartbeat(first, typing: nil)])
        #expect(Self.tick(&state, 3).isEmpty)
        #expect(Self.tick(&state, 7) == [.heartbeat(first, typing: nil)])
        // Typing a reply: says so
        F.press([.character("r"), .character("B")], &state)
        #expect(Self.tick(&state, 8) == [.heartbeat(first, typing: .reply)])
        // Closed: one last heartbeat ends the presence, then nothing
        F.press([.escape, .escape], &state)
        #expect(Self.tick(&state, 9) == [.heartbeat(nil, typing: nil)])
        #expect(Self.tick(&state, 30).isEmpty)
        // Quitting with a ticket open ends the presence at once
        F.press([.enter], &state)
        #expect(Self.tick(&state, 31) == [.heartbeat(first, typing: nil)])
        #expect(F.press([.control("c")], &state) == [.heartbeat(nil, typing: nil), .quit])
    }

    @Test func colleaguesShowOnTheRowAndInTheDetail() {
        var state = F.state(width: 100)
        let first = F.tickets[0]
        _ = reduce(
            &state,
            .presenceLoaded([
                first.id: [Presence(agent: "bruno", activity: .replying), Presence(agent: "chloé", activity: .viewing)]
            ]), now: F.now)
        #expect(F.render(state).lines.contains { $0.contains("[bruno replying +1] Paiem") })
        F.press([.enter], &state)
        _ = reduce(&state, .detailLoaded(F.detail(first)), now: F.now)
        #expect(F.render(state).lines.contains { $0.contains("bruno is replying, chloé is viewing") })
    }

    @Test func sendingOverAColleaguesReplyAsksAndYSends() {
        var state = F.state()
        let first = F.tickets[0].id
        _ = reduce(&state, .presenceLoaded([first: [Presence(agent: "bruno", activity: .replying)]]), now: F.now)
        F.press([.character("r")] + F.type("Réglé"), &state)
        #expect(F.press([.control("s")], &state).isEmpty)
        #expect(state.confirmation?.question.contains("bruno is writing a reply") == true)
        #expect(F.press([.character("y")], &state) == [.change(first, .reply("Réglé"))])
        #expect(state.editor == nil)
        // A colleague writing a note does not stop a reply
        _ = reduce(&state, .presenceLoaded([first: [Presence(agent: "bruno", activity: .noting)]]), now: F.now)
        F.press([.character("r")] + F.type("Encore"), &state)
        #expect(F.press([.control("s")], &state) == [.change(first, .reply("Encore"))])
    }

    @Test func aReplyAColleagueSentWhileIWroteIsAskedAboutButNotTheirNoteOrMine() {
        var state = F.state()
        let first = F.tickets[0]
        let before = F.detail(first)
        // The editor opens before the detail is loaded: the first detail loaded is what the agent saw
        F.press([.character("r")] + F.type("Réglé"), &state)
        _ = reduce(&state, .detailLoaded(before), now: F.now)
        #expect(state.editor?.seenMessage == 2)
        // A colleague's note, then my own reply from elsewhere: sent at once
        var after = before
        after.messages.append(
            Message(id: 3, ticketID: first.id, authorKind: .agent, author: "bruno", body: "Je regarde", isInternal: true, createdAt: F.now))
        after.messages.append(
            Message(id: 4, ticketID: first.id, authorKind: .agent, author: "alice", body: "Ok", isInternal: false, createdAt: F.now))
        _ = reduce(&state, .detailLoaded(after), now: F.now)
        var sent = state
        #expect(F.press([.control("s")], &sent) == [.change(first.id, .reply("Réglé"))])
        // A colleague's reply to the user: asked about, with who and when; n keeps writing, y sends
        after.messages.append(
            Message(id: 5, ticketID: first.id, authorKind: .agent, author: "bruno", body: "Remboursé", isInternal: false, createdAt: F.now))
        _ = reduce(&state, .detailLoaded(after), now: F.now)
        #expect(F.press([.control("s")], &state).isEmpty)
        #expect(state.confirmation?.question.contains("bruno replied to \(first.id) at 10:00 while you were writing") == true)
        #expect(F.press([.character("n")], &state).isEmpty)
        #expect(state.editor?.editor.text == "Réglé")
        F.press([.control("s")], &state)
        #expect(F.press([.character("y")], &state) == [.change(first.id, .reply("Réglé"))])
        // A reply opened after theirs was on screen is not asked about
        F.press([.character("r")] + F.type("Encore"), &state)
        #expect(F.press([.control("s")], &state) == [.change(first.id, .reply("Encore"))])
    }

    @Test func aColleaguesReassignmentAndNoteAreAnnouncedButNotMine() {
        var state = F.state()
        let first = F.tickets[0]
        F.press([.enter], &state)
        let before = F.detail(first)
        _ = reduce(&state, .detailLoaded(before), now: F.now)
        var after = before
        after.ticket.assignee = "bruno"
        after.events.append(TicketEvent(ticketID: first.id, kind: .assigned, actor: "bruno", at: F.now, newValue: "bruno"))
        after.messages.append(
            Message(id: 3, ticketID: first.id, authorKind: .agent, author: "bruno", body: "Je prends", isInternal: true, createdAt: F.now))
        _ = reduce(&state, .detailLoaded(after), now: F.now)
        #expect(state.status?.text == "\(first.id): bruno added a note; bruno took it")
        // Her own reply is no news
        state.status = nil
        var mine = after
        mine.messages.append(
            Message(id: 4, ticketID: first.id, authorKind: .agent, author: "alice", body: "Ok", isInternal: false, createdAt: F.now))
        _ = reduce(&state, .detailLoaded(mine), now: F.now)
        #expect(state.status == nil)
        #expect(state.detailOpen)
    }
}
