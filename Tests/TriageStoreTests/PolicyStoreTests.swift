import Foundation
import GRDB
import Testing
import TriageCore

@testable import TriageStore

/// The SLA policy kept in the store: every process applies the same one.
@Suite struct PolicyStoreTests {
    static let short = try! SLAPolicy(toml: "[priority_hours]\nhigh = 6\n")

    @Test func setRecomputesOpenTicketsAndIsSeenByAnotherProcess() throws {
        let path = Fixture.temporaryPath()
        let store = try TicketStore.open(path: path)
        let open = try Fixture.ticket(store)
        let closed = try Fixture.ticket(store, at: 1)
        try store.close(closed.id.rawValue, resolution: nil, as: Fixture.agent, now: Fixture.at(2))
        // When an admin sets a policy where high is 6h
        #expect(throws: TicketError.forbidden("only admins can set the SLA policy")) {
            try store.setPolicy(Self.short, as: Fixture.agent, now: Fixture.at(3))
        }
        #expect(try store.setPolicy(Self.short, as: Fixture.admin, now: Fixture.at(3)) == 1)
        // Then the open ticket's due time follows from its events under it; the closed one keeps its history
        #expect(try store.ticket(open.id.rawValue, as: Fixture.agent).sla.dueAt == Fixture.at(6))
        #expect(try store.ticket(closed.id.rawValue, as: Fixture.agent).sla.budget.hours == 24)
        // And a second process opening the same file, with no policy of its own, applies it
        let other = try TicketStore.open(path: path)
        #expect(other.policy == Self.short)
        #expect(try other.policyHistory().map(\.setBy) == ["root"])
        // Setting the same policy again changes nothing
        #expect(try store.setPolicy(Self.short, as: Fixture.admin, now: Fixture.at(4)) == 0)
        #expect(try other.policyHistory().count == 1)
    }

    @Test func aStalePolicyCacheIsRefreshedInsideReadsWithoutReentering() throws {
        let store = try TicketStore.open(path: Fixture.temporaryPath())
        try Fixture.ticket(store)
        try TicketStore.open(path: store.path).setPolicy(Self.short, as: Fixture.admin, now: Fixture.at(1))
        store.policyCache.withLock { $0.checkedAt = .now - .seconds(60) }
        let snapshot = try store.queueSnapshot(as: Fixture.agent, now: Fixture.at(2))
        #expect(snapshot.tickets.count == 1)
        #expect(store.policy == Self.short)
    }
}
