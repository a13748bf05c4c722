import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// The stored SLA columns are what Core's replay of the event log gives (SPEC §3), after any mix of writes; and
/// every write returns the ticket as it then reads.
@Suite struct ReplayConformanceTests {
    /// Checks that `id`'s stored SLA is the replay of its staff detail's events, and returns the ticket.
    @discardableResult
    static func expectReplayed(_ store: any TicketStoring, _ id: String, _ step: String) async throws -> Ticket {
        let detail = try await store.detail(id, as: C.agent)
        let replayed = SLAClock.replay(detail.events.compactMap(\.slaEvent), policy: .default)
        #expect(detail.ticket.sla == replayed, "\(step)")
        #expect(detail.ticket.sla.dueAt == replayed?.dueAt, "\(step)")
        #expect(detail.ticket.sla.pausedSeconds == replayed?.pausedSeconds, "\(step)")
        #expect(detail.ticket.sla.pausedAt == replayed?.pausedAt, "\(step)")
        #expect(detail.ticket.sla.cycle == replayed?.cycle, "\(step)")
        #expect(detail.ticket.sla.met == replayed?.met, "\(step)")
        return detail.ticket
    }

    @Test(
        "a mixed sequence of writes over two cycles: the SLA is the replay, every write returns the ticket as read",
        arguments: Backend.enabled)
    func twoCycles(backend: Backend) async throws {
        try await with(backend) { store in
            let created = try await C.open(store, .billing, .high, at: 0)  // 24h
            let id = created.id.rawValue
            typealias Step = (String, () async throws -> Ticket?)
            let steps: [Step] = [
                (
                    "agent reply",
                    {
                        _ = try await store.reply(id, body: "?", internal: false, keepOpen: false, as: C.agent, now: C.at(2)); return nil
                    }
                ),
                ("critical while paused", { try await store.setPriority(id, .critical, as: C.agent, now: C.at(3)) }),
                (
                    "user reply",
                    {
                        _ = try await store.reply(id, body: "!", internal: false, keepOpen: false, as: C.user, now: C.at(5)); return nil
                    }
                ),
                ("category general", { try await store.setCategory(id, .general, as: C.admin, now: C.at(6)) }),
                ("waiting", { try await store.setStatus(id, .waiting, as: C.agent, now: C.at(7)) }),
                ("tag while waiting", { try await store.tag(id, add: ["x"], remove: [], as: C.agent, now: C.at(8)) }),
                ("open", { try await store.setStatus(id, .open, as: C.agent, now: C.at(9)) }),
                (
                    "note",
                    {
                        _ = try await store.reply(id, body: "n", internal: true, keepOpen: false, as: C.agent, now: C.at(9.5)); return nil
                    }
                ),
                ("escalate", { try await store.escalate(id, as: C.agent, now: C.at(9.75)) }),
                ("close", { try await store.close(id, resolution: "fixed", notifyUser: true, as: C.agent, now: C.at(10)) }),
                ("high while closed", { try await store.setPriority(id, .high, as: C.agent, now: C.at(11)) }),
                // The requester's write answers their own view (no tags): compared below with what staff read.
                ("reopen", { var t = try await store.reopen(id, as: C.user, now: C.at(30)); t.tags = try await store.ticket(id, as: C.agent).tags; return t }),
                (
                    "agent reply, cycle 2",
                    {
                        _ = try await store.reply(id, body: "?", internal: false, keepOpen: false, as: C.agent, now: C.at(31)); return nil
                    }
                ),
                ("low while paused", { try await store.setPriority(id, .low, as: C.agent, now: C.at(32)) }),
            ]
            for (name, write) in steps {
                let returned = try await write()
                let read = try await Self.expectReplayed(store, id, name)
                if let returned { #expect(returned == read, "\(name)") }
            }
            // The first cycle: due 0 + 12h (critical) + 3h and 2h paused = 17h; closed at 10h, met; re-prioritised
            // high after the close: 24h (general/high), still met
            // The second: from 30h, 72h (general/low), paused since 31h
            let final = try await store.ticket(id, as: C.agent)
            #expect(final.sla.cycle == 2 && final.sla.cycleStart == C.at(30))
            #expect(final.sla.budget == SLABudget(hours: 72, rule: .both))
            #expect(final.sla.pausedAt == C.at(31) && final.sla.pausedSeconds == 0 && final.sla.closedAt == nil)
            #expect(final.sla.dueAt == C.at(102) && final.sla.met == nil)
            #expect(final.status == .waiting && !final.escalated && final.priority == .low && final.category == .general)
        }
    }

    @Test("closed while waiting, then re-prioritised: the replay decides met or missed", arguments: Backend.enabled)
    func closedWhileWaiting(backend: Backend) async throws {
        try await with(backend) { store in
            let id = try await C.open(store, .technical, .medium, at: 0).id.rawValue  // 48h
            _ = try await store.setStatus(id, .waiting, as: C.agent, now: C.at(1))
            let closed = try await store.close(id, resolution: nil, notifyUser: false, as: C.agent, now: C.at(30))  // paused 29h
            #expect(closed.sla.pausedSeconds == 29 * 3600 && closed.sla.pausedAt == nil && closed.sla.closedAt == C.at(30))
            #expect(closed.sla.dueAt == C.at(77) && closed.sla.met == true)
            try await Self.expectReplayed(store, id, "closed")
            // Critical after the fact: 12h + 29h paused = due 41h, still met
            let critical = try await store.setPriority(id, .critical, as: C.agent, now: C.at(40))
            #expect(critical.sla.dueAt == C.at(41) && critical.sla.met == true)
            try await Self.expectReplayed(store, id, "critical")
            // The user replies on the closed ticket: a new cycle (critical: 12h)
            _ = try await store.reply(id, body: "Encore", internal: false, keepOpen: false, as: C.user, now: C.at(50))
            let reopened = try await Self.expectReplayed(store, id, "reply reopens")
            #expect(reopened.sla.cycle == 2 && reopened.sla.dueAt == C.at(62) && reopened.sla.met == nil)
            let missed = try await store.close(id, resolution: nil, notifyUser: false, as: C.agent, now: C.at(70))
            #expect(missed.sla.met == false && missed.sla.outcome == .missed)
            try await Self.expectReplayed(store, id, "missed")
        }
    }
}
