import Foundation
import Testing
import TriageCore

@testable import TriageStore

/// `TicketStore.place`: a new ticket's place in the queue and the honest first-response estimate told with it.
@Suite struct QueuePlaceTests {
    /// Opens a ticket of `priority` at hour `at` and answers it publicly `after` hours later.
    static func answered(_ store: TicketStore, _ priority: Priority, at: Double, after: Double) throws {
        let ticket = try Fixture.ticket(store, .general, priority, at: at)
        try store.reply(ticket.id.rawValue, body: "On regarde.", as: Fixture.agent, now: Fixture.at(at + after))
    }

    @Test func placeCountsTheOpenTicketsAheadInQueueOrder() throws {
        // Given two critical tickets (due first), one low ticket (due later) and one waiting ticket
        let store = try Fixture.store()
        try Fixture.ticket(store, for: Fixture.other, .general, .critical, at: 0)
        try Fixture.ticket(store, for: Fixture.other, .general, .critical, at: 1)
        try Fixture.ticket(store, for: Fixture.other, .general, .low, at: 0)
        try Self.answered(store, .critical, at: 0, after: 1)
        // When a member opens a high ticket
        let mine = try Fixture.ticket(store, .billing, .high, at: 2)
        let place = try store.place(of: mine.id, as: .user(Fixture.owner), now: Fixture.at(2))
        // Then the two open critical tickets are ahead of it, the low and the waiting ones are not
        #expect(place.place == 3)
    }

    @Test func aClosedTicketHasNoPlaceAndAForeignOneIsNotFound() throws {
        let store = try Fixture.store()
        let ticket = try Fixture.ticket(store)
        try store.close(ticket.id.rawValue, resolution: nil, as: Fixture.agent, now: Fixture.at(1))
        #expect(try store.place(of: ticket.id, as: Fixture.admin, now: Fixture.at(1)).place == nil)
        #expect(Outcome { _ = try store.place(of: ticket.id, as: .user(Fixture.other), now: Fixture.at(1)) } == .notFound)
    }

    @Test func theEstimateIsTheMedianOfThePriorityWhenThereAreEnough() throws {
        // Given five high tickets answered in 1, 2, 3, 4 and 10 hours, and two low ones in 30 and 40 hours
        let store = try Fixture.store()
        for (index, hours) in [1.0, 2, 3, 4, 10].enumerated() { try Self.answered(store, .high, at: Double(index), after: hours) }
        try Self.answered(store, .low, at: 0, after: 30)
        try Self.answered(store, .low, at: 0, after: 40)
        let now = Fixture.at(48)
        // When a high and a low ticket are opened
        let high = try Fixture.ticket(store, .billing, .high, at: 48)
        let low = try Fixture.ticket(store, .billing, .low, at: 48)
        // Then the high one is told its priority's median; the low one, with too few of its own, the overall median
        let highEstimate = try store.place(of: high.id, as: .user(Fixture.owner), now: now).estimate
        #expect(highEstimate == CommandText.Estimate(medianHours: 3, samples: 5, weeks: 4, priority: .high))
        let lowEstimate = try store.place(of: low.id, as: .user(Fixture.owner), now: now).estimate
        #expect(lowEstimate == CommandText.Estimate(medianHours: 4, samples: 7, weeks: 4, priority: nil))
    }

    @Test func thereIsNoEstimateWithoutRecentFirstResponses() throws {
        // Given answers only long ago (ten weeks before)
        let store = try Fixture.store()
        try Self.answered(store, .high, at: -24 * 70, after: 2)
        // When a ticket is opened now / Then no estimate is made up
        let ticket = try Fixture.ticket(store)
        #expect(try store.place(of: ticket.id, as: Fixture.admin, now: Fixture.t0).estimate == nil)
    }
}
