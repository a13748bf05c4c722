import Foundation

/// A colleague on a ticket right now: viewing it, or writing a reply or a note on it (their draft saved within the
/// last `Presence.freshness`). Read with the queue by the console; judged stale after that many seconds.
public struct Presence: Equatable, Sendable, Hashable {
    public enum Activity: String, Equatable, Sendable, Comparable {
        case viewing, noting, replying

        /// Replying says the most (sending over it asks first), then writing a note, then viewing.
        public static func < (a: Activity, b: Activity) -> Bool { a.rank < b.rank }
        var rank: Int {
            switch self {
            case .viewing: 0
            case .noting: 1
            case .replying: 2
            }
        }
    }

    public var agent: String
    public var activity: Activity

    public init(agent: String, activity: Activity) {
        self.agent = agent
        self.activity = activity
    }

    /// How long a heartbeat or a draft save keeps a colleague present.
    public static let freshness: TimeInterval = 30

    /// `bruno is replying`, `bruno is writing a note`, `bruno is viewing`.
    public var sentence: String {
        switch activity {
        case .viewing: "\(agent) is viewing"
        case .noting: "\(agent) is writing a note"
        case .replying: "\(agent) is replying"
        }
    }

    /// One line for several colleagues, the most telling first: `bruno is replying, chloé is viewing`.
    public static func sentence(_ all: [Presence]) -> String {
        all.sorted { ($1.activity, $0.agent) < ($0.activity, $1.agent) }.map(\.sentence).joined(separator: ", ")
    }

    /// The colleagues present on each ticket from the store's rows (a heartbeat or a draft save each): one entry per
    /// agent and ticket, writing winning over viewing, the most telling first.
    public static func byTicket(_ rows: [(ticket: String, agent: String, activity: String)]) -> [TicketID: [Presence]] {
        var best: [TicketID: [String: Activity]] = [:]
        for row in rows {
            guard let id = TicketID(row.ticket), let activity = Activity(rawValue: row.activity) else { continue }
            best[id, default: [:]][row.agent] = max(activity, best[id]?[row.agent] ?? .viewing)
        }
        return best.mapValues { agents in
            agents.map { Presence(agent: $0.key, activity: $0.value) }.sorted { ($1.activity, $0.agent) < ($0.activity, $1.agent) }
        }
    }
}
