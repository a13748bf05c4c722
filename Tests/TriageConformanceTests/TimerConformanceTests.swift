import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// The SLA timers on both backends: the warning, the breach with its escalation and first page, later pages until an
/// acknowledgement, each recorded once however many runners pass at once.
@Suite struct TimerConformanceTests {
    static func timers(_ store: any TicketStoring) throws -> any SLATimerRunning {
        try #require(store as? any SLATimerRunning)
    }

    /// The automation's events of a ticket, as staff read them.
    static func automationEvents(_ store: any TicketStoring, _ id: String) async throws -> [String] {
        try await store.detail(id, as: C.agent).events.filter { $0.actor == Automations.actor }.map { "\($0.kind.rawValue) \($0.newValue ?? "")" }
    }

    /// Runs the timers due at `now` from `runners` callers at once; the facts they recorded, summed.
    static func pass(_ timers: any SLATimerRunning, at now: Date, runners: Int = 4) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<runners {
                group.addTask { try await timers.runDueTimers(now: now, inactivity: .default, limit: 500).facts }
            }
            return try await group.reduce(0, +)
        }
    }

    @Test("warning, breach, escalation and pages are each recorded once by runners passing at once", arguments: Backend.enabled)
    func firesOnce(backend: Backend) async throws {
        try await with(backend) { store in
            let timers = try Self.timers(store)
            let tickets = [try await C.open(store, .technical, .critical), try await C.open(store, for: C.other, .technical, .critical)]
            let ids = tickets.map(\.id.rawValue)
            let policy = try await store.policy(as: C.agent)
            let due = tickets[0].sla.dueAt
            #expect(tickets[1].sla.dueAt == due)
            // Nothing is due before the warning lead
            #expect(try await timers.nextTimerDue() != nil)
            #expect(try await Self.pass(timers, at: C.at(0).addingTimeInterval(1)) == 0)
            // At the warning lead: one warning each, however many runners
            #expect(try await Self.pass(timers, at: due.addingTimeInterval(-policy.warningLead(for: .critical) + 1)) == 2)
            for id in ids { #expect(try await Self.automationEvents(store, id) == ["sla_warning c1"], "\(id)") }
            // Past the due time: the breach, the escalation and page 1, once; again at the same instant: nothing more
            #expect(try await Self.pass(timers, at: due.addingTimeInterval(1)) == 2)
            #expect(try await Self.pass(timers, at: due.addingTimeInterval(1)) == 0)
            for id in ids {
                #expect(try await Self.automationEvents(store, id) == ["sla_warning c1", "sla_breached c1", "escalated c1", "paged c1:n1"], "\(id)")
                #expect(try await store.ticket(id, as: C.agent).escalated)
            }
            // The repeat interval later, page 2 for the unacknowledged ticket only
            _ = try await store.acknowledge(ids[1], as: C.agent, now: due.addingTimeInterval(2))
            let repeatAt = due.addingTimeInterval(policy.escalationRepeatHours * 3600 + 2)
            #expect(try await Self.pass(timers, at: repeatAt) == 1)
            #expect(try await Self.pass(timers, at: repeatAt) == 0)
            #expect(try await Self.automationEvents(store, ids[0]).filter { $0.hasPrefix("paged") } == ["paged c1:n1", "paged c1:n2"])
            #expect(try await Self.automationEvents(store, ids[1]).filter { $0.hasPrefix("paged") } == ["paged c1:n1"])
        }
    }

    @Test("many breached tickets and four runners at once: every fact once, counted once", arguments: Backend.enabled)
    func manyRunners(backend: Backend) async throws {
        try await with(backend) { store in
            let timers = try Self.timers(store)
            var ids: [String] = []
            for n in 0..<12 { ids.append(try await C.open(store, n.isMultiple(of: 2) ? .technical : .account, .critical, subject: "T\(n)").id.rawValue) }
            let due = try await store.ticket(ids[0], as: C.agent).sla.dueAt
            // Found late (a runner that was down): the warning is recorded late (no notice), then the breach and page 1
            var total = 0
            for _ in 0..<3 { total += try await Self.pass(timers, at: due.addingTimeInterval(600)) }
            #expect(total == ids.count * 2)
            for id in ids {
                #expect(
                    try await Self.automationEvents(store, id) == ["sla_warning c1:late", "sla_breached c1", "escalated c1", "paged c1:n1"], "\(id)")
            }
        }
    }
}
