import Foundation

/// Realistic demo text for seeded stores and the live demo simulator.
///
/// Texts come from a Discord gaming/software community: roughly half French, half English. Templates contain
/// `{token}` placeholders (product, feature, error code, amount…) filled from the generator, so thousands of
/// tickets stay varied. Everything is deterministic given the generator's state.
public enum DemoContent {
    /// Agent names (lower-case ascii logins).
    public static let agents: [String] = ["alice", "bruno", "chloe", "dmitri", "emma", "farid", "gaelle", "hugo"]

    /// Picks a category with a realistic skew (technical and billing most common, suggestion rarest).
    public static func category(using rng: inout SeededGenerator) -> Category {
        let r = rng.unit()
        if r < 0.28 { return .technical }
        if r < 0.50 { return .billing }
        if r < 0.66 { return .bugReport }
        if r < 0.81 { return .account }
        if r < 0.93 { return .general }
        return .suggestion
    }

    /// Picks a priority: about 4% critical, 18% high, 50% medium, 28% low.
    public static func priority(using rng: inout SeededGenerator) -> Priority {
        let r = rng.unit()
        if r < 0.04 { return .critical }
        if r < 0.22 { return .high }
        if r < 0.72 { return .medium }
        return .low
    }

    /// A subject (<= 120 chars) and a description (1-4 sentences, <= 600 chars) for a ticket of this category.
    public static func ticket(
        category: Category, french: Bool? = nil, using rng: inout SeededGenerator
    ) -> (subject: String, description: String) {
        let fr = french ?? rng.chance(0.5)
        let template = pick(subjects[category] ?? generalSubjects, fr: fr, using: &rng)
        let subject = clamp(fill(template, fr: fr, using: &rng), 120)

        let pool = (bodies[category] ?? generalBodies).lines(fr: fr)
        var parts: [String] = []
        func add(_ sentence: String) {
            let current = parts.reduce(0) { $0 + $1.count + 1 }
            if current + sentence.count <= 600 { parts.append(sentence) }
        }
        let first = Int.random(in: 0..<pool.count, using: &rng)
        add(fill(pool[first], fr: fr, using: &rng))
        if rng.chance(0.55), pool.count > 1 {
            let second = (first + Int.random(in: 1..<pool.count, using: &rng)) % pool.count
            add(fill(pool[second], fr: fr, using: &rng))
        }
        if rng.chance(0.4) { add(fill(pick(details, fr: fr, using: &rng), fr: fr, using: &rng)) }
        if rng.chance(0.5) { add(fill(pick(closings, fr: fr, using: &rng), fr: fr, using: &rng)) }
        return (subject, clamp(parts.joined(separator: " "), 600))
    }

    /// A user's follow-up message (answering an agent, giving details, thanking, impatient nudge), FR or EN.
    public static func userReply(french: Bool? = nil, using rng: inout SeededGenerator) -> String {
        let fr = french ?? rng.chance(0.5)
        return fill(pick(userReplies, fr: fr, using: &rng), fr: fr, using: &rng)
    }

    /// An agent's public reply appropriate to the category (asking for details, giving a fix, explaining), FR or EN.
    public static func agentReply(category: Category, french: Bool? = nil, using rng: inout SeededGenerator) -> String {
        let fr = french ?? rng.chance(0.5)
        let texts = rng.chance(0.65) ? (agentReplies[category] ?? genericAgentReplies) : genericAgentReplies
        return fill(pick(texts, fr: fr, using: &rng), fr: fr, using: &rng)
    }

    /// An internal note between agents, FR or EN.
    public static func internalNote(category: Category, french: Bool? = nil, using rng: inout SeededGenerator) -> String {
        let fr = french ?? rng.chance(0.5)
        let texts = rng.chance(0.7) ? (notes[category] ?? genericNotes) : genericNotes
        return fill(pick(texts, fr: fr, using: &rng), fr: fr, using: &rng)
    }

    /// A short resolution text for closing a ticket, FR or EN.
    public static func resolution(category: Category, french: Bool? = nil, using rng: inout SeededGenerator) -> String {
        let fr = french ?? rng.chance(0.5)
        let texts = rng.chance(0.85) ? (resolutions[category] ?? genericResolutions) : genericResolutions
        return fill(pick(texts, fr: fr, using: &rng), fr: fr, using: &rng)
    }

    /// An optional comment with a rating of `stars` (1-5), matching the mood; nil about 40% of the time.
    public static func ratingComment(stars: Int, french: Bool? = nil, using rng: inout SeededGenerator) -> String? {
        if rng.chance(0.4) { return nil }
        let fr = french ?? rng.chance(0.5)
        let texts = stars <= 2 ? negativeComments : (stars == 3 ? neutralComments : positiveComments)
        return pick(texts, fr: fr, using: &rng)
    }

    /// Tags that fit the category (0-2 of them): lower-case letters, digits and '-', at most 20 characters.
    public static func tags(category: Category, using rng: inout SeededGenerator) -> [String] {
        let r = rng.unit()
        let count = r < 0.25 ? 0 : (r < 0.70 ? 1 : 2)
        guard count > 0, let pool = tagPool[category], !pool.isEmpty else { return [] }
        return Array(pool.shuffled(using: &rng).prefix(count))
    }

    // MARK: - Machinery

    /// The same list of texts in both languages.
    struct Texts: Sendable {
        let en: [String]
        let fr: [String]
        func lines(fr french: Bool) -> [String] { french ? fr : en }
    }

    private static func pick(_ texts: Texts, fr: Bool, using rng: inout SeededGenerator) -> String {
        texts.lines(fr: fr).randomElement(using: &rng)!
    }

    private static func clamp(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Replaces every `{token}` of the template with a filler drawn from the generator, left to right.
    private static func fill(_ template: String, fr: Bool, using rng: inout SeededGenerator) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out.append(contentsOf: rest[..<open])
            let key = String(rest[rest.index(after: open)..<close])
            out.append(filler(key, fr: fr, using: &rng))
            rest = rest[rest.index(after: close)...]
        }
        out.append(contentsOf: rest)
        return out
    }

    private static func filler(_ key: String, fr: Bool, using rng: inout SeededGenerator) -> String {
        switch key {
        case "product": return products.randomElement(using: &rng)!
        case "feature": return pick(features, fr: fr, using: &rng)
        case "platform": return platforms.randomElement(using: &rng)!
        case "server": return servers.randomElement(using: &rng)!
        case "role": return roles.randomElement(using: &rng)!
        case "plan": return plans.randomElement(using: &rng)!
        case "item": return pick(items, fr: fr, using: &rng)
        case "payment": return pick(payments, fr: fr, using: &rng)
        case "time": return pick(times, fr: fr, using: &rng)
        case "agent": return agents.randomElement(using: &rng)!
        case "amount":
            let price = prices.randomElement(using: &rng)!
            return fr ? price.replacingOccurrences(of: ".", with: ",") + " €" : "€" + price
        case "code":
            if rng.chance(0.5) {
                let prefix = codePrefixes.randomElement(using: &rng)!
                let number = Int.random(in: 100...9999, using: &rng)
                return "\(prefix)-\(number)"
            }
            return fixedCodes.randomElement(using: &rng)!
        case "version":
            let major = Int.random(in: 1...3, using: &rng)
            let minor = Int.random(in: 0...12, using: &rng)
            let patch = Int.random(in: 0...9, using: &rng)
            return "v\(major).\(minor).\(patch)"
        case "order": return "ORD-\(Int.random(in: 100_000...999_999, using: &rng))"
        case "jira": return "JIRA-\(Int.random(in: 100...999, using: &rng))"
        case "n": return String(Int.random(in: 2...6, using: &rng))
        default: return key
        }
    }
}
