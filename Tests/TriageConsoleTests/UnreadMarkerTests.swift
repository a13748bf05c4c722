import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// Unread markers: `•` on a ticket someone else moved since the agent last opened it, until they open it.
@Suite struct UnreadMarkerTests {
    typealias F = ConsoleFixture

    static func state(width: Int = 100) -> ConsoleState {
        var state = F.state(width: width, height: 16)
        let second = F.tickets[1]
        _ = reduce(&state, .seenLoaded([second.id: LastSeen(at: second.updatedAt, unread: true)], of: nil), now: F.now)
        return state
    }

    @Test func theRowIsMarkedUntilTheAgentOpensTheTicket() throws {
        // Given the second ticket moved since alice opened it
        var state = Self.state()
        let second = F.tickets[1]
        #expect(state.isUnread(second.id))
        #expect(F.render(state).lines.contains { $0.contains("• \(second.subject)") })
        // When she moves onto it (narrow: the detail is not on screen yet): still marked, nothing recorded
        var effects = F.press([.down], &state)
        #expect(effects == [.loadDetail(second.id)])
        #expect(reduce(&state, .detailLoaded(F.detail(second)), now: F.now).isEmpty)
        #expect(state.isUnread(second.id))
        // When she opens it: recorded as seen, as the ticket is
        effects = F.press([.enter], &state)
        #expect(effects == [.loadDetail(second.id)])
        effects = reduce(&state, .detailLoaded(F.detail(second)), now: F.now)
        #expect(effects == [.markSeen(second.id, at: second.updatedAt)])
        #expect(!state.isUnread(second.id))
        // and only once
        #expect(reduce(&state, .detailLoaded(F.detail(second)), now: F.now).isEmpty)
        F.press([.escape], &state)
        #expect(!F.render(state).lines.contains { $0.contains("•") })
    }

    @Test func onAWideTerminalTheDetailBesideTheListCountsAsOpen() {
        var state = Self.state(width: 160)
        let second = F.tickets[1]
        F.press([.down], &state)
        let effects = reduce(&state, .detailLoaded(F.detail(second)), now: F.now)
        #expect(effects == [.markSeen(second.id, at: second.updatedAt)])
        #expect(!state.isUnread(second.id))
    }

    @Test func aChangeToTheTicketOnScreenIsNotMarkedButOthersAre() {
        // Given alice has the first ticket open full-screen
        var state = Self.state()
        let first = F.tickets[0]
        F.press([.enter], &state)
        _ = reduce(&state, .detailLoaded(F.detail(first)), now: F.now)
        // When the store says both it and the third moved since she saw them
        let third = F.tickets[2]
        _ = reduce(
            &state,
            .seenLoaded(
                [first.id: LastSeen(at: F.now.addingTimeInterval(-60), unread: true), third.id: LastSeen(at: F.now, unread: true)],
                of: [first.id, third.id]), now: F.now)
        // Then only the one she is not looking at is marked; the other is recorded again when its detail reloads
        #expect(!state.isUnread(first.id))
        #expect(state.isUnread(third.id))
        var moved = first
        moved.updatedAt = F.now.addingTimeInterval(30)
        #expect(reduce(&state, .detailLoaded(F.detail(moved)), now: F.now) == [.markSeen(first.id, at: moved.updatedAt)])
        // A partial load leaves the other marks alone
        #expect(state.isUnread(F.tickets[1].id))
    }

    @Test func asciiTerminalsGetAStar() {
        let state = Self.state()
        #expect(F.render(state, glyphs: .ascii).lines.contains { $0.contains("* \(F.tickets[1].subject)") })
    }
}
