import Foundation
import Testing
import TriageCore

@testable import TriageStore

/// `TicketStore.escalations(of:as:)`: what the console's breach watch and detail show of the runner's paging.
@Suite struct EscalationReadTests {
    let agent = Fixture.agent

    @Test func pagesOfTheCurrentCycleTheBreachAndWhoAcknowledged() throws {
        // Given a high billing ticket (due at +24h, pages every 4h) that the timers breach and page twice more
        let store = try Fixture.store()
        let id = try Fixture.ticket(store).id
        for hours in [24.0, 28, 32] { _ = try store.runDueTimers(now: Fixture.at(hours), inactivity: .default) }
        // When it is read before anyone acknowledged
        var info = try #require(try store.escalations(of: [id], as: agent)[id])
        // Then it has three pages, the breach time, and no acknowledgement
        #expect(info == EscalationInfo(ticketID: id, cycle: 1, pages: 3, breachedAt: Fixture.at(24)))
        // When bruno acknowledges, the read says who and when
        try store.acknowledge(id.rawValue, as: .agent("bruno"), now: Fixture.at(33))
        info = try #require(try store.escalations(of: [id], as: agent)[id])
        #expect(info.pages == 3 && info.acknowledgedBy == "bruno" && info.acknowledgedAt == Fixture.at(33))
    }

    @Test func aNewCycleCountsItsOwnPagesAndAnOldAcknowledgementIsNotCarriedOver() throws {
        // Given a ticket breached, paged and acknowledged in cycle 1, then closed and reopened
        let store = try Fixture.store()
        let id = try Fixture.ticket(store).id
        for hours in [24.0, 28] { _ = try store.runDueTimers(now: Fixture.at(hours), inactivity: .default) }
        try store.acknowledge(id.rawValue, as: .agent("bruno"), now: Fixture.at(29))
        try store.close(id.rawValue, resolution: "fixed", as: agent, now: Fixture.at(30))
        try store.reopen(id.rawValue, as: agent, now: Fixture.at(31))
        // When cycle 2 is not escalated, the ticket is left out
        #expect(try store.escalations(of: [id], as: agent).isEmpty)
        // When cycle 2 breaches (due 24h after the reopen)
        _ = try store.runDueTimers(now: Fixture.at(55), inactivity: .default)
        // Then only its own page counts, and nobody has acknowledged it yet
        let info = try #require(try store.escalations(of: [id], as: agent)[id])
        #expect(info == EscalationInfo(ticketID: id, cycle: 2, pages: 1, breachedAt: Fixture.at(55)))
    }

    @Test func escalatedByHandHasNoPagesAndOnlyEscalatedTicketsAreRead() throws {
        let store = try Fixture.store()
        let byHand = try Fixture.ticket(store).id
        let quiet = try Fixture.ticket(store, subject: "Rien de grave").id
        try store.escalate(byHand.rawValue, as: agent, now: Fixture.at(1))
        let missing = TicketID("TKTZZZZZZ")!
        let read = try store.escalations(of: [byHand, quiet, missing, byHand], as: agent)
        #expect(read == [byHand: EscalationInfo(ticketID: byHand, cycle: 1)])
        #expect(try store.escalations(of: [], as: agent).isEmpty)
    }

    @Test func staffOnly() throws {
        let store = try Fixture.store()
        let id = try Fixture.ticket(store).id
        #expect(throws: TicketError.self) { try store.escalations(of: [id], as: .user(Fixture.owner)) }
        #expect(throws: TicketError.self) { try store.escalations(of: [id], as: .service(onBehalfOf: Fixture.owner)) }
        #expect(try store.escalations(of: [id], as: Fixture.admin).isEmpty)
    }
}
