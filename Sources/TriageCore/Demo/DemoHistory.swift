import Foundation

/// One ticket's simulated life, for seeded stores: the ticket as it stands now, its thread and its event log.
public struct SimulatedTicket: Sendable {
    public var ticket: Ticket
    public var messages: [Message]
    public var events: [TicketEvent]
}

/// Simulates realistic ticket histories (SPEC §2–§3 rules applied to invented activity), deterministically from a
/// seeded generator: replies, internal notes, waiting periods, reassignments, priority changes, closes, ratings and
/// breaches. The SLA state of each ticket comes from replaying its event log, like the store does.
public enum DemoHistory {
    /// A plausible requester id (a Discord snowflake) from a pool of `users` people.
    public static func requester(_ index: Int) -> UserID {
        UserID(1_000_000_000_000_000_000 &+ UInt64(index) &* 7_919_173_117)
    }

    /// The life of a ticket created at `createdAt`, as seen at `now`.
    public static func simulate(
        id: TicketID, createdAt: Date, now: Date, users: Int, policy: SLAPolicy, using rng: inout SeededGenerator
    ) -> SimulatedTicket {
        let category = DemoContent.category(using: &rng)
        var priority = DemoContent.priority(using: &rng)
        // A thread stays in one language: the requester's.
        let french = rng.chance(0.5)
        let text = DemoContent.ticket(category: category, french: french, using: &rng)
        let requester = requester(Int.random(in: 0..<max(1, users), using: &rng))
        let agents = DemoContent.agents
        var events: [TicketEvent] = []
        var messages: [Message] = []
        var t = createdAt
        var status = TicketStatus.open
        var assignee: String?
        var firstResponse: Date?
        var awaiting: Date? = createdAt
        var closedAt: Date?
        var resolution: String?
        var satisfaction: Satisfaction?
        let agent = agents.randomElement(using: &rng)!

        func event(_ kind: EventKind, _ actor: String, old: String? = nil, new: String? = nil) {
            events.append(TicketEvent(ticketID: id, kind: kind, actor: actor, at: t, oldValue: old, newValue: new))
        }
        func message(_ kind: AuthorKind, _ author: String, _ body: String, internal isInternal: Bool = false) {
            messages.append(
                Message(id: 0, ticketID: id, authorKind: kind, author: author, body: body, isInternal: isInternal, createdAt: t))
        }
        /// Moves time forward; false when that would pass `now` (the story stops there).
        func advance(meanHours: Double) -> Bool {
            let next = t.addingTimeInterval(max(60, rng.exponential(mean: meanHours * 3600)))
            guard next < now else { return false }
            t = next
            return true
        }

        event(.created, requester.description, new: "\(category.rawValue)/\(priority.rawValue)")
        // Speed: critical tickets are picked up fast, low ones slowly; some are simply slow (breaches).
        let speed = [Priority.critical: 0.5, .high: 1.0, .medium: 2.0, .low: 3.5][priority]! * (rng.chance(0.12) ? 6 : 1)
        story: do {
            if rng.chance(0.06) {
                guard advance(meanHours: 1) else { break story }
                let newPriority: Priority = priority == .critical ? .high : (rng.chance(0.5) ? .critical : .high)
                event(.priorityChanged, agent, old: priority.rawValue, new: newPriority.rawValue)
                priority = newPriority
            }
            guard advance(meanHours: speed * 0.6) else { break story }
            if rng.chance(0.9) {
                assignee = agent
                event(.assigned, agent, new: agent)
            }
            if rng.chance(0.3) {
                message(.agent, agent, DemoContent.internalNote(category: category, french: french, using: &rng), internal: true)
                event(.noteAdded, agent, new: String(messages.count))
            }
            let rounds = Int.random(in: 1...3, using: &rng)
            for round in 0..<rounds {
                guard advance(meanHours: speed * (round == 0 ? 1 : 0.7)) else { break story }
                message(.agent, assignee ?? agent, DemoContent.agentReply(category: category, french: french, using: &rng))
                event(.replied, assignee ?? agent, new: String(messages.count))
                if firstResponse == nil { firstResponse = t }
                awaiting = nil
                let solved = round == rounds - 1 && rng.chance(0.55)
                if solved { break }
                status = .waiting
                event(.statusChanged, assignee ?? agent, old: "open", new: "waiting")
                guard advance(meanHours: 6) else { break story }
                message(.user, requester.description, DemoContent.userReply(french: french, using: &rng))
                event(.replied, requester.description, new: String(messages.count))
                status = .open
                awaiting = t
                event(.statusChanged, requester.description, old: "waiting", new: "open")
            }
            guard advance(meanHours: speed * 2) else { break story }
            status = .closed
            closedAt = t
            awaiting = nil
            resolution = DemoContent.resolution(category: category, french: french, using: &rng)
            event(.closed, assignee ?? agent, new: resolution)
            if rng.chance(0.6), advance(meanHours: 8) {
                let stars = [5, 5, 5, 5, 4, 4, 4, 3, 2, 1].randomElement(using: &rng)!
                satisfaction = Satisfaction(
                    rating: stars, comment: DemoContent.ratingComment(stars: stars, french: french, using: &rng), ratedAt: t)
                event(.rated, requester.description, new: String(stars))
            }
        }
        for index in messages.indices { messages[index].id = Int64(index + 1) }
        let slaEvents = events.compactMap(\.slaEvent)
        let sla = SLAClock.replay(slaEvents, policy: policy)!
        // Every cycle that ran out while its clock was running gets its `sla_breached` event, as the automation runner
        // records it (closed late or still open); a ticket still open past due is escalated too.
        var escalated = false
        for breach in SLAClock.breaches(slaEvents, policy: policy, now: now) {
            events.append(TicketEvent(ticketID: id, kind: .slaBreached, actor: "triage", at: breach.at, newValue: breach.eventValue))
            if status != .closed && breach.cycle == sla.cycle {
                escalated = true
                events.append(TicketEvent(ticketID: id, kind: .escalated, actor: "triage", at: breach.at, newValue: breach.eventValue))
            }
        }
        let ticket = Ticket(
            id: id, userID: requester, subject: text.subject, description: text.description, category: category,
            priority: priority, status: status, assignee: assignee, tags: DemoContent.tags(category: category, using: &rng),
            escalated: escalated, resolution: resolution, createdAt: createdAt, updatedAt: t, closedAt: closedAt,
            firstResponseAt: firstResponse, awaitingAgentSince: status == .open ? awaiting : nil, sla: sla,
            satisfaction: satisfaction)
        return SimulatedTicket(
            ticket: ticket, messages: messages,
            events: events.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element))
    }
}
