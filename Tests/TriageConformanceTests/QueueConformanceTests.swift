import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// The queue (SPEC §4): SLA order, pages and their cursors, filters, scope, and the closed list.
@Suite struct QueueConformanceTests {
    /// Every page of `filter` as `principal`, following the cursors (through their opaque tokens, as a client would).
    static func pages(_ store: any TicketStoring, _ filter: QueueFilter, as principal: Principal = C.agent) async throws -> [[Ticket]] {
        var pages: [[Ticket]] = []
        var cursor: QueueCursor?
        repeat {
            let page = try await store.queue(filter, as: principal, after: cursor)
            pages.append(page.tickets)
            cursor = try page.nextCursor.map { next throws(TicketError) in try QueueCursor(token: next.token) }
            if pages.count > 50 { break }
        } while cursor != nil
        return pages
    }

    /// A queue of every kind: open by due time (one breached long ago, ties on due time broken by priority), then
    /// waiting by the time they had left; a closed one not in it. Subjects name the expected order.
    static func mixedQueue(_ store: any TicketStoring) async throws -> [Ticket] {
        func open(_ subject: String, _ category: TriageCore.Category, _ priority: Priority, at hours: Double) async throws -> Ticket {
            try await C.open(store, category, priority, subject: subject, at: hours)
        }
        let low = try await open("5 low, due 72h", .general, .low, at: 0)
        let breached = try await open("0 breached, due -88h", .general, .critical, at: -100)
        let critical = try await open("1 critical, due 13h", .general, .critical, at: 1)
        let medium = try await open("2 medium, due 26h", .billing, .medium, at: 2)
        let tieMedium = try await open("4 medium, due 34h", .account, .medium, at: 10)  // min(24, 48) = 24h
        let tieHigh = try await open("3 high, due 34h", .billing, .high, at: 10)  // 24h: same due, higher priority first
        let waitingLong = try await open("7 waiting, 67.5h left", .general, .low, at: 0.5)
        _ = try await store.reply(waitingLong.id.rawValue, body: "?", internal: false, keepOpen: false, as: C.agent, now: C.at(5))
        let waitingShort = try await open("6 waiting, 23h left", .billing, .high, at: 3)
        _ = try await store.reply(waitingShort.id.rawValue, body: "?", internal: false, keepOpen: false, as: C.agent, now: C.at(4))
        let closed = try await open("closed", .account, .critical, at: 4)
        _ = try await store.close(closed.id.rawValue, resolution: nil, notifyUser: false, as: C.agent, now: C.at(5))
        _ = (low, breached, critical, medium, tieMedium, tieHigh)
        return try await store.queue(QueueFilter(limit: 100), as: C.agent, after: nil).tickets
    }

    static let expectedOrder = [
        "0 breached, due -88h", "1 critical, due 13h", "2 medium, due 26h", "3 high, due 34h", "4 medium, due 34h", "5 low, due 72h",
        "6 waiting, 23h left", "7 waiting, 67.5h left",
    ]

    @Test("staff queue: breached and due soonest first, ties by priority, waiting after open, closed left out", arguments: Backend.enabled)
    func order(backend: Backend) async throws {
        try await with(backend) { store in
            let queue = try await Self.mixedQueue(store)
            #expect(queue.map(\.subject) == Self.expectedOrder)
            // Each ticket in the queue is the ticket as read
            for ticket in queue { #expect(try await store.ticket(ticket.id.rawValue, as: C.agent) == ticket) }
            // The order is Core's queue order
            #expect(queue.inQueueOrder().map(\.id) == queue.map(\.id))
        }
    }

    @Test("pages of 3 cover the queue exactly once, in order, over 3 pages", arguments: Backend.enabled)
    func paging(backend: Backend) async throws {
        try await with(backend) { store in
            let whole = try await Self.mixedQueue(store)
            let pages = try await Self.pages(store, QueueFilter(limit: 3))
            #expect(pages.map(\.count) == [3, 3, 2])
            let paged = pages.flatMap { $0 }
            #expect(paged.map(\.id) == whole.map(\.id))
            #expect(Set(paged.map(\.id)).count == paged.count)
            // The cursor is the last ticket's place; the last page has none
            let first = try await store.queue(QueueFilter(limit: 3), as: C.agent, after: nil)
            #expect(first.nextCursor == first.tickets.last?.queueKey.map(QueueCursor.init))
            let last = try await store.queue(QueueFilter(limit: 2), as: C.agent, after: QueueCursor(key: whole[5].queueKey!))
            #expect(last.tickets.map(\.id) == whole.suffix(2).map(\.id) && last.nextCursor == nil)
            // An exact fit leaves no cursor for an empty page
            #expect(try await store.queue(QueueFilter(limit: 8), as: C.agent, after: nil).nextCursor == nil)
            // A limit is kept to 1…500
            let one = try await store.queue(QueueFilter(limit: 0), as: C.agent, after: nil)
            #expect(one.tickets.map(\.id) == [whole[0].id] && one.nextCursor != nil)
        }
    }

    @Test("filters: status, priority, category, assignee nobody and named", arguments: Backend.enabled)
    func filters(backend: Backend) async throws {
        try await with(backend) { store in
            let queue = try await Self.mixedQueue(store)
            let bySubject = Dictionary(uniqueKeysWithValues: queue.map { ($0.subject, $0) })
            let critical = bySubject["1 critical, due 13h"]!, medium = bySubject["2 medium, due 26h"]!
            _ = try await store.assign(critical.id.rawValue, to: "bob", as: C.agent, now: C.at(6))
            _ = try await store.assign(medium.id.rawValue, to: "carol", as: C.agent, now: C.at(6))
            func subjects(_ filter: QueueFilter) async throws -> [String] {
                try await Self.pages(store, filter).flatMap { $0 }.map(\.subject)
            }
            #expect(try await subjects(QueueFilter(status: .open, limit: 2)) == Array(Self.expectedOrder.prefix(6)))
            #expect(try await subjects(QueueFilter(status: .waiting)) == ["6 waiting, 23h left", "7 waiting, 67.5h left"])
            #expect(try await subjects(QueueFilter(priority: .critical)) == ["0 breached, due -88h", "1 critical, due 13h"])
            #expect(try await subjects(QueueFilter(priority: .critical, limit: 1)) == ["0 breached, due -88h", "1 critical, due 13h"])
            #expect(try await subjects(QueueFilter(category: .billing)) == ["2 medium, due 26h", "3 high, due 34h", "6 waiting, 23h left"])
            #expect(try await subjects(QueueFilter(status: .waiting, category: .general)) == ["7 waiting, 67.5h left"])
            #expect(try await subjects(QueueFilter(assignee: .named("bob"))) == ["1 critical, due 13h"])
            #expect(try await subjects(QueueFilter(assignee: .named("nobody-here"))) == [])
            #expect(
                try await subjects(QueueFilter(assignee: .nobody, limit: 3))
                    == Self.expectedOrder.filter { $0 != "1 critical, due 13h" && $0 != "2 medium, due 26h" })
            #expect(try await subjects(QueueFilter(status: .closed, assignee: .nobody)) == ["closed"])
            #expect(try await subjects(QueueFilter(priority: .low, category: .billing)) == [])
        }
    }

    @Test("a user's and the service's queue hold only the user's tickets; staff's hold all", arguments: Backend.enabled)
    func scope(backend: Backend) async throws {
        try await with(backend) { store in
            var mine: [Ticket] = []
            for i in 0..<4 { mine.append(try await C.open(store, for: C.owner, subject: "mine \(i)", at: Double(i))) }
            for i in 0..<3 { _ = try await C.open(store, for: C.other, subject: "theirs \(i)", at: Double(i)) }
            _ = try await store.tag(mine[0].id.rawValue, add: ["vip"], remove: [], as: C.agent, now: C.at(5))
            _ = try await store.close(mine[3].id.rawValue, resolution: nil, notifyUser: false, as: C.agent, now: C.at(6))
            for principal in [C.user, C.service] {
                let pages = try await Self.pages(store, QueueFilter(limit: 2), as: principal)
                let tickets = pages.flatMap { $0 }
                #expect(tickets.map(\.subject) == ["mine 0", "mine 1", "mine 2"], "\(principal)")
                #expect(tickets.allSatisfy { $0.userID == C.owner && $0.tags.isEmpty }, "\(principal)")
                // Each as the user reads it by id
                for ticket in tickets { #expect(try await store.ticket(ticket.id.rawValue, as: principal) == ticket, "\(principal)") }
                let closed = try await store.queue(QueueFilter(status: .closed), as: principal, after: nil).tickets
                #expect(closed.map(\.subject) == ["mine 3"], "\(principal)")
            }
            let theirs = try await Self.pages(store, QueueFilter(), as: .service(onBehalfOf: C.other)).flatMap { $0 }
            #expect(theirs.map(\.subject) == ["theirs 0", "theirs 1", "theirs 2"])
            for principal in [C.agent, C.admin] {
                #expect(try await Self.pages(store, QueueFilter(limit: 4), as: principal).flatMap { $0 }.count == 6, "\(principal)")
            }
        }
    }

    @Test("the closed list pages most recently closed first (ties by id)", arguments: Backend.enabled)
    func closedList(backend: Backend) async throws {
        try await with(backend) { store in
            // Closed at 10h, 30h, 20h, 40h, 20h (a tie), and one left open
            var closedAt: [(Ticket, Double)] = []
            for (i, hours) in [10.0, 30, 20, 40, 20].enumerated() {
                let ticket = try await C.open(store, subject: "closed \(i)", at: Double(i))
                closedAt.append(
                    (try await store.close(ticket.id.rawValue, resolution: nil, notifyUser: false, as: C.agent, now: C.at(hours)), hours))
            }
            _ = try await C.open(store, subject: "open", at: 6)
            let expected = closedAt.sorted { ($0.1, $1.0.id.rawValue) > ($1.1, $0.0.id.rawValue) }.map(\.0)
            let pages = try await Self.pages(store, QueueFilter(status: .closed, limit: 2))
            #expect(pages.map(\.count) == [2, 2, 1])
            #expect(pages.flatMap { $0 } == expected)
            #expect(pages[0].map(\.subject) == ["closed 3", "closed 1"])
            // The cursor is the last ticket's close
            let first = try await store.queue(QueueFilter(status: .closed, limit: 2), as: C.agent, after: nil)
            #expect(first.nextCursor == QueueCursor.closed(after: expected[1]))
            #expect(first.nextCursor?.key.rank == QueueCursor.closedRank)
            // A closed list's filters apply too
            #expect(try await store.queue(QueueFilter(status: .closed, priority: .low), as: C.agent, after: nil).tickets.isEmpty)
        }
    }

    @Test("a closed list's cursor given to the queue, or the other way round, is refused", arguments: Backend.enabled)
    func foreignCursors(backend: Backend) async throws {
        try await with(backend) { store in
            for i in 0..<3 {
                let ticket = try await C.open(store, subject: "\(i)", at: Double(i))
                if i < 2 {
                    _ = try await store.close(ticket.id.rawValue, resolution: nil, notifyUser: false, as: C.agent, now: C.at(5 + Double(i)))
                }
            }
            _ = try await C.open(store, subject: "open 2", at: 4)
            let closedCursor = try await store.queue(QueueFilter(status: .closed, limit: 1), as: C.agent, after: nil).nextCursor!
            let queueCursor = try await store.queue(QueueFilter(limit: 1), as: C.agent, after: nil).nextCursor!
            for filter in [QueueFilter(), QueueFilter(status: .open), QueueFilter(status: .waiting)] {
                let error = await C.error { _ = try await store.queue(filter, as: C.agent, after: closedCursor) }
                #expect(error == QueueCursor.foreign(closedCursor))
                guard case .invalidField(field: "cursor", _) = error else {
                    Issue.record("expected an invalid cursor, got \(String(describing: error))")
                    continue
                }
            }
            let other = await C.error { _ = try await store.queue(QueueFilter(status: .closed), as: C.agent, after: queueCursor) }
            #expect(other == QueueCursor.foreign(queueCursor))
            // And a user's queue refuses it the same way
            let user = await C.error { _ = try await store.queue(QueueFilter(), as: C.user, after: closedCursor) }
            #expect(user == QueueCursor.foreign(closedCursor))
        }
    }
}
