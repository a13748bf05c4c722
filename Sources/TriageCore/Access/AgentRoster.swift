import Foundation

/// Who a ticket can be assigned to (the console's roster), the same on every backend: the names of live staff
/// tokens, the assignees of queued tickets and the staff who acted among the latest events, as the store reads them.
public enum AgentRoster {
    /// How many of the latest events the roster looks through for agents at work (a bounded read at any size).
    public static let recentEvents = 20_000

    /// The candidate names cleaned up: valid agent names only (users and the service act under a Discord id,
    /// digits only, and the automation runner as `triage`: neither is an agent), each once whatever its case,
    /// sorted.
    public static func names(_ candidates: [String]) -> [String] {
        var seen = Set<String>()
        return candidates.compactMap { name -> String? in
            guard let valid = try? Validation.agentName(name), !valid.allSatisfy(\.isNumber), valid != Automations.actor else {
                return nil
            }
            return seen.insert(valid.lowercased()).inserted ? valid : nil
        }.sorted { $0.lowercased() < $1.lowercased() }
    }

    /// `name` as the roster spells it (names are matched whatever their case), or nil for a name nobody has worked
    /// under yet.
    public static func known(_ name: String, in roster: [String]) -> String? {
        roster.first { $0.lowercased() == name.lowercased() }
    }

    /// ` (known: alice, bruno, …)`: the roster's first names, for a question or an error about an unknown name.
    public static func sample(_ roster: [String]) -> String {
        roster.isEmpty ? "" : " (known: \(roster.prefix(8).joined(separator: ", "))\(roster.count > 8 ? ", …" : ""))"
    }
}
