import Foundation
import Testing
import TriageBackendSupport
import TriageCore

/// Opening a ticket: what it holds, its SLA from the default policy, who may open it for whom, and refused input.
@Suite struct CreateConformanceTests {
    @Test("a user opens a ticket for themself; it reads back exactly", arguments: Backend.enabled)
    func userOpensForThemself(backend: Backend) async throws {
        try await with(backend) { store in
            // Given an instant with a fraction of a second no decimal type would keep
            let now = Date(timeIntervalSince1970: C.t0.timeIntervalSince1970 + 0.123_456_789_1)
            // When the owner opens a billing/low ticket (category 24h beats priority 72h), with blanks around the text
            let ticket = try await store.create(
                NewTicket(
                    requester: C.owner, subject: "  Paiement refusé 💳 ", category: .billing, priority: .low,
                    description: "\nMa carte est refusée depuis hier.\n", requesterName: "Élodie 🌸"),
                as: C.user, now: now)
            // Then
            #expect(TicketID(ticket.id.rawValue) == ticket.id)
            let expected = Ticket(
                id: ticket.id, userID: C.owner, subject: "Paiement refusé 💳", description: "Ma carte est refusée depuis hier.",
                category: .billing, priority: .low, status: .open, assignee: nil, tags: [], escalated: false, resolution: nil,
                createdAt: now, updatedAt: now, closedAt: nil, firstResponseAt: nil, awaitingAgentSince: now,
                sla: SLASnapshot(
                    category: .billing, priority: .low, budget: SLABudget(hours: 24, rule: .category), cycleStart: now, pausedSeconds: 0,
                    pausedAt: nil, closedAt: nil, cycle: 1),
                satisfaction: nil, acknowledgedAt: nil, requesterName: "Élodie 🌸")
            #expect(ticket == expected)
            #expect(ticket.sla.dueAt == now.addingTimeInterval(24 * 3600))
            // And every principal that may see it reads back exactly what create returned, to the bit
            for principal in [C.user, C.service, C.agent, C.admin] {
                let read = try await store.ticket(ticket.id.rawValue, as: principal)
                #expect(read == ticket, "\(principal)")
                #expect(read.createdAt.timeIntervalSince1970.bitPattern == now.timeIntervalSince1970.bitPattern, "\(principal)")
                #expect(read.sla.cycleStart.timeIntervalSince1970.bitPattern == now.timeIntervalSince1970.bitPattern, "\(principal)")
            }
            // A lower-case id reads the same ticket
            #expect(try await store.ticket(ticket.id.rawValue.lowercased(), as: C.agent) == ticket)
            #expect(try await store.detail(ticket.id.rawValue, as: C.agent).ticket == ticket)
        }
    }

    @Test("the SLA budget is min(category, priority) of the default policy", arguments: Backend.enabled)
    func everyBudget(backend: Backend) async throws {
        try await with(backend) { store in
            for (index, category) in TriageCore.Category.allCases.enumerated() {
                for priority in Priority.allCases {
                    let now = C.at(Double(index))
                    let ticket = try await store.create(
                        NewTicket(requester: C.owner, subject: "s", category: category, priority: priority, description: "d"), as: C.user,
                        now: now)
                    let budget = SLAPolicy.default.budget(category: category, priority: priority)
                    #expect(ticket.sla.budget == budget, "\(category)/\(priority)")
                    #expect(ticket.sla.dueAt == now.addingTimeInterval(budget.hours * 3600), "\(category)/\(priority)")
                    #expect(try await store.ticket(ticket.id.rawValue, as: C.agent) == ticket, "\(category)/\(priority)")
                }
            }
            // Spot checks against the SPEC's tables
            #expect(SLAPolicy.default.budget(category: .billing, priority: .critical) == SLABudget(hours: 12, rule: .priority))
            #expect(SLAPolicy.default.budget(category: .technical, priority: .medium) == SLABudget(hours: 48, rule: .both))
            #expect(SLAPolicy.default.budget(category: .account, priority: .low) == SLABudget(hours: 24, rule: .category))
            #expect(try await store.queue(QueueFilter(limit: 100), as: C.agent, after: nil).tickets.count == 24)
        }
    }

    @Test("the service opens only for its bound user; a user only for themself; staff for anyone", arguments: Backend.enabled)
    func whoMayOpenForWhom(backend: Backend) async throws {
        try await with(backend) { store in
            func new(_ requester: UserID) -> NewTicket {
                NewTicket(requester: requester, subject: "Accès", category: .account, priority: .medium, description: "d")
            }
            // The service for the user it acts for
            let viaService = try await store.create(new(C.owner), as: C.service, now: C.at(0))
            #expect(viaService.userID == C.owner)
            #expect(try await store.ticket(viaService.id.rawValue, as: C.user) == viaService)
            // The service or a user for someone else: forbidden, in Core's words
            let serviceError = await C.error { _ = try await store.create(new(C.other), as: C.service, now: C.at(1)) }
            #expect(serviceError == .forbidden("a service may only open tickets for user \(C.owner)"))
            let userError = await C.error { _ = try await store.create(new(C.other), as: C.user, now: C.at(1)) }
            #expect(userError == .forbidden("a user may only open tickets for user \(C.owner)"))
            // Staff for anyone: the ticket is the requester's, who sees it
            let byAgent = try await store.create(new(C.other), as: C.agent, now: C.at(2))
            let byAdmin = try await store.create(new(C.owner), as: C.admin, now: C.at(3))
            #expect(byAgent.userID == C.other && byAgent.awaitingAgentSince == C.at(2) && byAgent.status == .open)
            #expect(try await store.ticket(byAgent.id.rawValue, as: .user(C.other)) == byAgent)
            #expect(try await store.ticket(byAdmin.id.rawValue, as: C.user) == byAdmin)
            // And the refused ones wrote nothing
            let all = try await store.queue(QueueFilter(limit: 100), as: C.admin, after: nil).tickets.map(\.id)
            #expect(Set(all) == [viaService.id, byAgent.id, byAdmin.id])
        }
    }

    @Test("refused input names its field and writes nothing", arguments: Backend.enabled)
    func invalidInput(backend: Backend) async throws {
        try await with(backend) { store in
            func attempt(_ new: NewTicket, as principal: Principal = C.user) async -> TicketError? {
                await C.error { _ = try await store.create(new, as: principal, now: C.t0) }
            }
            let blank = await attempt(NewTicket(requester: C.owner, subject: " \n ", category: .general, priority: .low, description: "d"))
            #expect(blank == .invalidField(field: "subject", message: "subject must be 1 to 200 characters (got 0)"))
            guard case .invalidField(field: "subject", _) = blank else {
                Issue.record("blank subject: \(String(describing: blank))")
                return
            }
            let long = await attempt(
                NewTicket(
                    requester: C.owner, subject: String(repeating: "é", count: 201), category: .general, priority: .low, description: "d"))
            #expect(long == .invalidField(field: "subject", message: "subject must be 1 to 200 characters (got 201)"))
            let noDescription = await attempt(
                NewTicket(requester: C.owner, subject: "s", category: .general, priority: .low, description: ""))
            #expect(noDescription == .invalidField(field: "description", message: "description must be 1 to 10000 characters (got 0)"))
            let control = await attempt(
                NewTicket(requester: C.owner, subject: "a\u{0}b", category: .general, priority: .low, description: "d"))
            #expect(
                control
                    == .invalidField(
                        field: "subject", message: "subject must not contain control characters (tab and line breaks excepted)"))
            let name = await attempt(
                NewTicket(requester: C.owner, subject: "s", category: .general, priority: .low, description: "d", requesterName: "a\nb"))
            #expect(name?.code == "invalid_field")
            if case .invalidField(let field, _) = name { #expect(field == "user_name") }
            // Input is checked before who may open it for whom
            let both = await attempt(NewTicket(requester: C.other, subject: "", category: .general, priority: .low, description: "d"))
            #expect(both == .invalidField(field: "subject", message: "subject must be 1 to 200 characters (got 0)"))
            let queued = try await store.queue(QueueFilter(limit: 100), as: C.admin, after: nil).tickets
            let closed = try await store.queue(QueueFilter(status: .closed, limit: 100), as: C.admin, after: nil).tickets
            #expect(queued.isEmpty && closed.isEmpty)
        }
    }
}
