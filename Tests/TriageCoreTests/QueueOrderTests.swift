import Foundation
import Testing

@testable import TriageCore

@Suite struct QueueOrderTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func ticket(
        _ id: String, _ category: Category, _ priority: Priority, createdHoursAgo: Double, waitingSince: Double? = nil, closed: Bool = false
    )
        -> Ticket
    {
        let created = t0.addingTimeInterval(-createdHoursAgo * 3600)
        var events = [SLATimedEvent(at: created, event: .created(category, priority))]
        if let waitingSince {
            events.append(SLATimedEvent(at: t0.addingTimeInterval(-waitingSince * 3600), event: .statusChanged(.waiting)))
        }
        if closed { events.append(SLATimedEvent(at: t0, event: .closed)) }
        let sla = SLAClock.replay(events, policy: .default)!
        return Ticket(
            id: TicketID("TKT00000\(id)")!, userID: UserID(1), subject: id, description: id, category: category, priority: priority,
            status: closed ? .closed : waitingSince == nil ? .open : .waiting, createdAt: created, sla: sla)
    }

    @Test func openByDueThenPriorityThenAgeThenWaitingThenNoClosed() {
        // Given
        let overdue = ticket("1", .billing, .low, createdHoursAgo: 30)  // due 6h ago
        let soon = ticket("2", .general, .critical, createdHoursAgo: 10)  // due in 2h
        let sameDueCritical = ticket("3", .billing, .critical, createdHoursAgo: 5)  // 12h budget: due in 7h
        let sameDueHigh = ticket("4", .general, .high, createdHoursAgo: 17)  // 24h budget: due in 7h
        let sameDueHighYounger = ticket("5", .general, .high, createdHoursAgo: 17)
        let waitingLittleLeft = ticket("6", .billing, .high, createdHoursAgo: 30, waitingSince: 8)  // 2h left at pause
        let waitingLotsLeft = ticket("7", .general, .low, createdHoursAgo: 3, waitingSince: 2)
        let closed = ticket("8", .billing, .critical, createdHoursAgo: 100, closed: true)
        // When
        let order = [closed, waitingLotsLeft, sameDueHighYounger, sameDueHigh, waitingLittleLeft, sameDueCritical, soon, overdue]
            .inQueueOrder().map(\.subject)
        // Then: most overdue first; equal due → critical before high; equal priority → older first (then id)
        #expect(order == ["1", "2", "3", "4", "5", "6", "7"])
    }

    @Test func filters() {
        let a = ticket("1", .billing, .low, createdHoursAgo: 1)
        var b = ticket("2", .account, .high, createdHoursAgo: 1)
        b.assignee = "alice"
        #expect(QueueFilter(category: .billing).matches(a))
        #expect(!QueueFilter(category: .billing).matches(b))
        #expect(QueueFilter(assignee: .nobody).matches(a))
        #expect(QueueFilter(assignee: .named("alice")).matches(b))
        #expect(!QueueFilter(status: .waiting).matches(a))
        #expect(!QueueFilter().matches(ticket("3", .billing, .low, createdHoursAgo: 1, closed: true)))
    }
}
