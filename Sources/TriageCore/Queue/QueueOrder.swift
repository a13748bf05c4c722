import Foundation

/// The queue's sort key (SPEC §4): open tickets by due time ascending, then priority, then age; then waiting
/// tickets (clock stopped) by the time they had left; closed tickets are not in the queue.
///
/// The store keeps these values in indexed columns so the queue is an index scan; this type is the one place that
/// defines them.
public struct QueueKey: Sendable, Comparable {
    /// 0 for open, 1 for waiting; `nil` for closed (not queued).
    public var rank: Int
    /// For open tickets the due time (seconds since 1970); for waiting ones the seconds they had left at the pause.
    public var key: Double
    public var priorityRank: Int
    public var createdAt: Double
    public var id: String

    public init(rank: Int, key: Double, priorityRank: Int, createdAt: Double, id: String) {
        self.rank = rank
        self.key = key
        self.priorityRank = priorityRank
        self.createdAt = createdAt
        self.id = id
    }

    public init?(status: TicketStatus, sla: SLASnapshot, priority: Priority, createdAt: Date, id: TicketID) {
        switch status {
        case .closed: return nil
        case .open:
            rank = 0
            key = sla.dueAt.timeIntervalSince1970
        case .waiting:
            rank = 1
            key = sla.remaining(now: sla.pausedAt ?? sla.dueAt)
        }
        priorityRank = priority.rank
        self.createdAt = createdAt.timeIntervalSince1970
        self.id = id.rawValue
    }

    public static func < (a: QueueKey, b: QueueKey) -> Bool {
        (a.rank, a.key, a.priorityRank, a.createdAt, a.id) < (b.rank, b.key, b.priorityRank, b.createdAt, b.id)
    }
}

extension Ticket {
    /// This ticket's place in the queue, or `nil` when it is closed.
    public var queueKey: QueueKey? {
        QueueKey(status: status, sla: sla, priority: priority, createdAt: createdAt, id: id)
    }
}

/// Which tickets a queue listing shows.
public struct QueueFilter: Sendable, Equatable {
    public enum Assignee: Sendable, Equatable {
        case anyone, nobody, named(String)
    }

    /// `nil` means every queued status (open and waiting). `closed` lists closed tickets, most recent first.
    public var status: TicketStatus?
    public var priority: Priority?
    public var category: Category?
    public var assignee: Assignee
    public var limit: Int

    public init(
        status: TicketStatus? = nil, priority: Priority? = nil, category: Category? = nil, assignee: Assignee = .anyone, limit: Int = 50
    ) {
        self.status = status
        self.priority = priority
        self.category = category
        self.assignee = assignee
        self.limit = limit
    }

    public func matches(_ ticket: Ticket) -> Bool {
        if let status, ticket.status != status { return false }
        if status == nil, ticket.status == .closed { return false }
        if let priority, ticket.priority != priority { return false }
        if let category, ticket.category != category { return false }
        switch assignee {
        case .anyone: break
        case .nobody: if ticket.assignee != nil { return false }
        case .named(let name): if ticket.assignee != name { return false }
        }
        return true
    }
}

extension Array where Element == Ticket {
    /// These tickets in queue order (closed ones dropped).
    public func inQueueOrder() -> [Ticket] {
        compactMap { t in t.queueKey.map { (t, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
    }
}

extension QueueFilter.Assignee {
    /// An assignee filter as typed in a list request (`assignee=` in the API, `--assignee` in the CLI): `none` for
    /// unassigned tickets and `me` for `me`'s, in any case (`NONE`, `Me`), else an agent's name (validated).
    public static func parse(_ text: String, me: String) throws(TicketError) -> Self {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "none": .nobody
        case "me": .named(me)
        default: .named(try Validation.agentName(text))
        }
    }
}
