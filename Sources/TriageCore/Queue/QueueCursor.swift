import Foundation

/// A position in the queue to continue a listing from (an opaque string for API clients).
public struct QueueCursor: Sendable, Equatable {
    public var key: QueueKey

    /// The cursor as an opaque string: `rank|key|priority|created|id`, base64url-encoded.
    public var token: String {
        let text = "\(key.rank)|\(key.key)|\(key.priorityRank)|\(key.createdAt)|\(key.id)"
        return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public init(key: QueueKey) { self.key = key }

    /// The rank a cursor of a closed list carries (queued tickets are 0 and 1): its key is the ticket's `closed_at`,
    /// as closed lists go by `closed_at DESC, id`.
    public static let closedRank = 2

    /// The cursor after closed ticket `ticket` in a closed list.
    public static func closed(after ticket: Ticket) -> QueueCursor? {
        ticket.closedAt.map { at in
            QueueCursor(key: QueueKey(rank: closedRank, key: at.timeIntervalSince1970, priorityRank: 0, createdAt: 0, id: ticket.id.rawValue))
        }
    }

    /// A cursor of a closed list given to a queue list, or the other way round.
    public static func foreign(_ cursor: QueueCursor) -> TicketError {
        .invalidField(field: "cursor", message: "cursor '\(cursor.token)' belongs to another status's list")
    }

    public init(token: String) throws(TicketError) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let bad = TicketError.invalidField(field: "cursor", message: "cursor '\(token)' is not one this server gave out")
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { throw bad }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, let rank = Int(parts[0]), let key = Double(parts[1]), let prio = Int(parts[2]),
            let created = Double(parts[3]), TicketID(parts[4]) != nil
        else { throw bad }
        self.key = QueueKey(rank: rank, key: key, priorityRank: prio, createdAt: created, id: parts[4])
    }
}

/// One page of a queue listing.
public struct QueuePage: Sendable, Equatable {
    public var tickets: [Ticket]
    /// Where the next page starts; `nil` on the last page.
    public var nextCursor: QueueCursor?

    public init(tickets: [Ticket], nextCursor: QueueCursor?) {
        self.tickets = tickets
        self.nextCursor = nextCursor
    }
}
