import Foundation

/// What an agent has seen of a ticket: the ticket's `updatedAt` when they last opened it, and whether it moved since
/// by someone else's hand (a message, a status change, the runner…): the queue marks it until they open it again.
public struct LastSeen: Equatable, Sendable {
    public var at: Date
    public var unread: Bool

    public init(at: Date, unread: Bool) {
        self.at = at
        self.unread = unread
    }
}
