import Foundation
import TriageCore

/// The `/` filter grammar: free words (all must appear in the id, subject, description, requester's name, assignee
/// or tags, accents and case ignored; a requester's whole Discord id finds their tickets, a part of one does not) plus `prio:`, `cat:`, `status:`, `assignee:me|none|NAME`, `breach:<6h`
/// (time left under 6h, breached included), `tag:`, `is:draft` (tickets with a draft of the agent's). Several values
/// for one key are separated by commas (`prio:critical,high`).
public struct FilterQuery: Equatable, Sendable {
    public var words: [String] = []
    public var priorities: Set<Priority> = []
    public var categories: Set<TriageCore.Category> = []
    public var statuses: Set<TicketStatus> = []
    public var assignee: QueueFilter.Assignee = .anyone
    public var within: TimeInterval?
    public var tags: [String] = []
    /// `is:draft`: only the tickets the agent has a draft on.
    public var onlyDrafts = false
    /// Terms that were not understood, to show the agent.
    public var problems: [String] = []
    /// `status:closed` was asked for: closed tickets are not in the queue (SPEC §3), so the agent is told how to
    /// open one instead of being shown an empty list.
    public var asksClosed = false

    public init(_ text: String, agent: String) {
        for term in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            let parts = term.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else {
                words.append(Self.fold(term))
                continue
            }
            let values = parts[1].split(separator: ",").map { String($0) }
            switch parts[0].lowercased() {
            case "prio", "priority", "p":
                for v in values {
                    // The names the queue shows on a narrow console (`crit`, `med`) as well as the full ones.
                    if let p = (try? Priority.parse(v)) ?? Priority.allCases.first(where: { $0.shortName == v.lowercased() }) {
                        priorities.insert(p)
                    } else {
                        problems.append(term)
                    }
                }
            case "cat", "category", "c":
                for v in values {
                    if let c = (try? TriageCore.Category.parse(v))
                        ?? TriageCore.Category.allCases.first(where: { $0.shortName == v.lowercased() })
                    {
                        categories.insert(c)
                    } else {
                        problems.append(term)
                    }
                }
            case "status", "s":
                for v in values {
                    if let s = try? TicketStatus.parse(v) {
                        statuses.insert(s)
                        if s == .closed { asksClosed = true }
                    } else {
                        problems.append(term)
                    }
                }
            case "assignee", "a":
                // The same words as the API's and the CLI's `assignee` (me, none, a name).
                if let who = try? QueueFilter.Assignee.parse(parts[1], me: agent) { assignee = who } else { problems.append(term) }
            case "breach", "due":
                if let seconds = Self.duration(parts[1]) { within = seconds } else { problems.append(term) }
            case "tag", "t":
                tags += values.map { $0.lowercased() }
            case "is", "has":
                if values.allSatisfy({ ["draft", "drafts"].contains($0.lowercased()) }) {
                    onlyDrafts = true
                } else {
                    problems.append(term)
                }
            default:
                words.append(Self.fold(term))
            }
        }
    }

    /// `<6h`, `6h`, `<30m`, `<2d`, `<1h30m` → seconds.
    static func duration(_ text: String) -> TimeInterval? {
        var rest = Substring(text.trimmingCharacters(in: CharacterSet(charactersIn: "<=")))
        var total: TimeInterval = 0
        var matched = false
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber }
            guard let value = Double(digits), digits.count < rest.count else { return nil }
            rest = rest.dropFirst(digits.count)
            switch rest.first {
            case "d": total += value * 86_400
            case "h": total += value * 3_600
            case "m": total += value * 60
            default: return nil
            }
            rest = rest.dropFirst()
            matched = true
        }
        return matched ? total : nil
    }

    static func fold(_ text: String) -> String { String(decoding: SearchText.fold(text), as: UTF8.self) }

    /// Whether a ticket passes (`is:draft` is the caller's: it knows the drafts). `index` keeps the tickets' folded
    /// text between calls.
    public func matches(_ t: Ticket, now: Date, policy: SLAPolicy, index: SearchIndex? = nil) -> Bool {
        if !priorities.isEmpty && !priorities.contains(t.priority) { return false }
        if !categories.isEmpty && !categories.contains(t.category) { return false }
        if !statuses.isEmpty && !statuses.contains(t.status) { return false }
        switch assignee {
        case .anyone: break
        case .nobody: if t.assignee != nil { return false }
        case .named(let name): if t.assignee?.lowercased() != name.lowercased() { return false }
        }
        if let within {
            guard t.status == .open, t.sla.remaining(now: now) < within else { return false }
        }
        for tag in tags where !t.tags.contains(tag) { return false }
        if !words.isEmpty {
            let haystack = index?.folded(t) ?? SearchText.fold(SearchText.fields(t).joined(separator: "\n"))
            for word in words where word != t.userID.description && !SearchText.contains(haystack, Array(word.utf8)) { return false }
        }
        return true
    }
}
