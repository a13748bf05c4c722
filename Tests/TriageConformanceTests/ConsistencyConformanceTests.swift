import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// What holds across writes: the requester's name is the user's (the newest heard), instants come back bit for bit,
/// and writes made at once on one ticket all land.
@Suite struct ConsistencyConformanceTests {
    @Test(
        "the requester's name is the newest heard, on every ticket of theirs; an older or absent one keeps it", arguments: Backend.enabled)
    func requesterName(backend: Backend) async throws {
        try await with(backend) { store in
            func new(_ name: String?) -> NewTicket {
                NewTicket(requester: C.owner, subject: "s", category: .general, priority: .low, description: "d", requesterName: name)
            }
            let first = try await store.create(new("Alice"), as: C.user, now: C.at(1))
            #expect(first.requesterName == "Alice")
            // Without a name: the stored one
            #expect(try await store.create(new(nil), as: C.user, now: C.at(2)).requesterName == "Alice")
            // An older name (heard at 0.5h) does not replace a newer one
            #expect(try await store.create(new("Bob"), as: C.user, now: C.at(0.5)).requesterName == "Alice")
            // A newer one does, on every ticket of the user's, as every principal reads it
            #expect(try await store.create(new("  Carol ✨ "), as: C.service, now: C.at(3)).requesterName == "Carol ✨")
            #expect(try await store.ticket(first.id.rawValue, as: C.user).requesterName == "Carol ✨")
            #expect(try await store.detail(first.id.rawValue, as: C.agent).ticket.requesterName == "Carol ✨")
            let names = try await store.queue(QueueFilter(), as: C.agent, after: nil).tickets.map(\.requesterName)
            #expect(names == [String?](repeating: "Carol ✨", count: 4))
            // Another user's tickets have their own (none)
            let theirs = try await C.open(store, for: C.other, at: 4)
            #expect(theirs.requesterName == nil)
        }
    }

    @Test("instants with any fraction of a second come back bit for bit, from every write", arguments: Backend.enabled)
    func instantsRoundTrip(backend: Backend) async throws {
        try await with(backend) { store in
            func odd(_ hours: Double) -> Date { Date(timeIntervalSince1970: C.at(hours).timeIntervalSince1970 + 0.000_123_456_789) }
            let id = try await C.open(store, at: 0).id.rawValue
            let message = try await store.reply(id, body: "?", internal: false, keepOpen: false, as: C.agent, now: odd(1))
            _ = try await store.reply(id, body: "!", internal: false, keepOpen: false, as: C.user, now: odd(2.5))
            _ = try await store.escalate(id, as: C.agent, now: odd(3))
            _ = try await store.acknowledge(id, as: C.agent, now: odd(4))
            let closed = try await store.close(id, resolution: nil, notifyUser: false, as: C.agent, now: odd(5))
            let rated = try await store.rate(id, rating: 5, comment: nil, as: C.user, now: odd(6))
            let detail = try await store.detail(id, as: C.agent)
            let t = detail.ticket
            func bits(_ date: Date?) -> UInt64? { date?.timeIntervalSince1970.bitPattern }
            #expect(bits(detail.messages.first?.createdAt) == bits(message.createdAt) && bits(message.createdAt) == bits(odd(1)))
            #expect(bits(t.firstResponseAt) == bits(odd(1)))
            #expect(bits(t.acknowledgedAt) == bits(odd(4)))
            #expect(bits(t.closedAt) == bits(odd(5)) && bits(t.sla.closedAt) == bits(odd(5)))
            #expect(t.sla.pausedSeconds.bitPattern == (odd(2.5).timeIntervalSince1970 - odd(1).timeIntervalSince1970).bitPattern)
            #expect(bits(t.satisfaction?.ratedAt) == bits(odd(6)) && bits(t.updatedAt) == bits(odd(6)))
            #expect(
                detail.events.map { bits($0.at) }
                    == [C.at(0), odd(1), odd(1), odd(2.5), odd(2.5), odd(3), odd(4), odd(5), odd(6)].map { bits($0) })
            #expect(t == rated && closed.sla == rated.sla)
        }
    }

    @Test("writes made at once on one ticket all land, each in its own transaction", arguments: Backend.enabled)
    func concurrentWrites(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store, .technical, .medium).id.rawValue
            let count = 12
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<count {
                    group.addTask {
                        _ = try await store.tag(id, add: ["t\(i)"], remove: [], as: .agent("agent\(i)"), now: C.at(1 + Double(i) / 100))
                    }
                    group.addTask {
                        _ = try await store.reply(
                            id, body: "note \(i)", internal: true, keepOpen: false, as: .agent("agent\(i)"), now: C.at(1))
                    }
                }
                try await group.waitForAll()
            }
            let detail = try await store.detail(id, as: C.agent)
            #expect(detail.ticket.tags == (0..<count).map { "t\($0)" }.sorted())
            #expect(Set(detail.messages.map(\.body)) == Set((0..<count).map { "note \($0)" }))
            #expect(detail.events.filter { $0.kind == .tagged }.count == count)
            #expect(detail.events.filter { $0.kind == .noteAdded }.count == count)
            // And tickets opened at once get distinct ids, all listed
            let opened = try await withThrowingTaskGroup(of: TicketID.self) { group in
                for i in 0..<count { group.addTask { try await C.open(store, subject: "at once \(i)", at: 2).id } }
                var ids: [TicketID] = []
                for try await id in group { ids.append(id) }
                return ids
            }
            #expect(Set(opened).count == count)
            let listed = try await store.queue(QueueFilter(limit: 100), as: C.agent, after: nil).tickets.map(\.id)
            #expect(Set(listed) == Set(opened).union([TicketID(id)!]))
        }
    }
}
