import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// The escalation facts and the automation health as the reducer receives them, and when it asks for the health again.
@Suite struct OnCallReducerTests {
    typealias F = ConsoleFixture

    @Test func escalationsReplaceTheLastOnesAndHealthIsKept() {
        // Given a loaded queue
        var state = F.state()
        let id = F.tickets[0].id
        let info = EscalationInfo(ticketID: id, cycle: 1, pages: 3, breachedAt: F.now.addingTimeInterval(-3600))
        // When the escalations and the health arrive, they are state, and nothing else is asked for
        #expect(reduce(&state, .escalationsLoaded([id: info]), now: F.now).isEmpty)
        let health = AutomationHealth(lastPassAt: F.now.addingTimeInterval(-10), runningRunners: 1, dead: 2)
        #expect(reduce(&state, .automationLoaded(health), now: F.now).isEmpty)
        #expect(state.escalations == [id: info])
        #expect(state.automation == health)
        #expect(state.automationCheckedAt == F.now)
        // A later load (the ticket acknowledged, or no longer escalated) replaces the map
        #expect(reduce(&state, .escalationsLoaded([:]), now: F.now).isEmpty)
        #expect(state.escalations.isEmpty)
    }

    @Test func theClockAsksForTheHealthAtMostEveryFiveSecondsAndNeverForTheQueue() {
        // Before the first queue load (which brings the health along) the clock asks for nothing
        var fresh = ConsoleState(agent: "alice", policy: .default, width: 80, height: 16, now: F.now)
        #expect(reduce(&fresh, .tick, now: F.now).isEmpty)
        // Given the health loaded with the queue at `now`
        var state = F.state()
        _ = reduce(&state, .automationLoaded(AutomationHealth()), now: F.now)
        // Ticks within five seconds ask for nothing
        for second in 1...4 { #expect(reduce(&state, .tick, now: F.now.addingTimeInterval(Double(second))).isEmpty) }
        // The fifth asks for the health only, once
        #expect(reduce(&state, .tick, now: F.now.addingTimeInterval(5)) == [.loadAutomation])
        #expect(reduce(&state, .tick, now: F.now.addingTimeInterval(6)).isEmpty)
        // Its answer restarts the wait
        _ = reduce(&state, .automationLoaded(AutomationHealth()), now: F.now.addingTimeInterval(8))
        #expect(reduce(&state, .tick, now: F.now.addingTimeInterval(10)).isEmpty)
        #expect(reduce(&state, .tick, now: F.now.addingTimeInterval(13)) == [.loadAutomation])
    }
}
