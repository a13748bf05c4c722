import Foundation
import Testing
import TriageConsole
import TriageCore
import TriageStore

@testable import TriageTerminal

/// The store side of what on-call sees: the queue load brings the escalations and the automation health, and the
/// clock refreshes the health when only the runner changed.
@Suite struct OnCallBackendTests {
    func store() throws -> TicketStore { try TerminalFixture.store("oncall") }

    @Test func theQueueLoadBringsTheEscalationsAndTheHealth() throws {
        // Given a ticket the timers breached and paged, and a runner that passed
        let store = try store()
        let t0 = Date(timeIntervalSince1970: 1_795_000_000)
        let ticket = try store.create(
            NewTicket(requester: UserID(42), subject: "Paiement refusé", category: .billing, priority: .high, description: "Aidez-moi"),
            as: .user(UserID(42)), now: t0)
        let breach = t0.addingTimeInterval(24 * 3600)
        _ = try store.runDueTimers(now: breach, inactivity: .default)
        try store.runnerStarted("runner-1", now: breach)
        try store.runnerPassed("runner-1", now: breach)
        // When the console loads its queue
        let actions = try StoreBackend(store: store, agent: "alice").perform(.loadQueue, now: breach.addingTimeInterval(10))
        // Then the queue, its escalations, the health and what the agent saw come back together
        #expect(actions.count == 4)
        guard case .queueLoaded(let tickets, _, _) = actions.first else { Issue.record("no queue: \(actions)"); return }
        #expect(tickets.map(\.id) == [ticket.id])
        guard case .escalationsLoaded(let escalations) = actions.dropFirst().first else { Issue.record("no escalations"); return }
        #expect(escalations[ticket.id]?.pages == 1)
        guard case .automationLoaded(let health) = actions.dropFirst(2).first else { Issue.record("no health"); return }
        #expect(health.lastPassAt == breach && health.runningRunners == 1)
    }

    @Test func theHeaderFollowsTheRunnerWithoutATicketChange() throws {
        // Given a console on a store where no runner ever ran
        let store = try store()
        let start = Date()
        let terminal = FakeTerminal(width: 120, height: 30, input: [])
        let runtime = ConsoleRuntime(
            terminal: terminal, backend: try StoreBackend(store: store, agent: "alice"), agent: "alice", theme: BuiltinThemes.dark,
            pollMilliseconds: 10)
        runtime.run(maxIterations: 2)
        runtime.settle()
        #expect(runtime.currentFrame?.lines[0].hasSuffix("✖ no runner") == true)
        // When a runner starts and passes: no ticket changed, so the change poll reloads nothing
        try store.runnerStarted("runner-1", now: start)
        try store.runnerPassed("runner-1", now: start)
        runtime.run(maxIterations: 3)
        runtime.settle()
        #expect(runtime.currentFrame?.lines[0].hasSuffix("✖ no runner") == true)
        // Then the header shows it once the clock has ticked five seconds on, not before
        runtime.handle(.tick, now: start.addingTimeInterval(2))
        runtime.settle(now: start.addingTimeInterval(2))
        #expect(runtime.currentFrame?.lines[0].hasSuffix("✖ no runner") == true)
        runtime.handle(.tick, now: start.addingTimeInterval(6))
        runtime.settle(now: start.addingTimeInterval(6))
        #expect(runtime.currentFrame?.lines[0].hasSuffix("runner ✔ <1m ago") == true)
        #expect(runtime.currentState.tickets.isEmpty)
    }
}
