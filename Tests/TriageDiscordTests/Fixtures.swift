import Foundation
import TriageCore

@testable import TriageDiscord

/// Notices, hostile strings and a markup checker shared by the Discord tests.
enum Fixtures {
    static let due = Date(timeIntervalSince1970: 1_763_380_800)  // 2025-11-17T12:00:00Z
    static let url = "https://admin.example.org/tickets/TKTA1B2C3"
    static let role = "987654321098765432"

    /// Everything a user could try in a subject or a body.
    static let hostile = [
        "@everyone", "@here", "@EveryOne look", "<@&1>", "<@1>", "<@!1>", "<#1>", "</cmd:1>", "<t:1700000000:R>",
        "` <@everyone> `", "x` @everyone `x", "[x](https://evil)", "[click](<https://evil>)", "# heading", "## big",
        "> quote", ">>> block", "- item", "  - nested", "**bold** __under__ ~~strike~~ ||spoiler||", "\\@everyone",
        "\\<@&1>", "a\u{202E}evil\u{202C}b", "\u{2066}iso\u{2069}", "tab\there", "bell\u{7}null\u{0}", "cr\r\nlf\rend",
    ].joined(separator: "\n")

    static let frenchAndEmoji: String = {
        let words = ["Bonjour", "l'équipe", "à", "côté", "ça", "marché", "crème", "brûlée", "😀", "👩🏽‍💻", "🇫🇷", "e\u{301}té", "façade", "œuvre"]
        var text = ""
        var index = 0
        while text.unicodeScalars.count < 10_000 {
            text += words[index % words.count] + (index % 17 == 16 ? "\n" : " ")
            index += 1
        }
        return text
    }()

    static func ticket(
        subject: String = "Paiement refusé 💳", priority: Priority = .high, assignee: String? = "Alice",
        tags: [String] = ["vip", "paiement"]
    ) -> NoticeTicket {
        NoticeTicket(
            id: TicketID("TKTA1B2C3")!, userID: UserID(42), subject: subject, category: .billing, priority: priority, status: .open,
            assignee: assignee, tags: tags, slaHours: 24, dueAt: due, cycle: 1, url: url)
    }

    static func notice(_ kind: Notice.Kind, ticket: NoticeTicket = ticket(), pings: Bool = false) -> Notice {
        Notice(kind: kind, ticket: ticket, body: "Résolu côté banque.", actor: "Bob", page: kind == .page ? 3 : nil, pingsOncall: pings)
    }

    static let statsJSON = #"""
        {"week": "2026-W47", "week_start": "2026-11-16T00:00:00Z", "opened": 50, "resolved": 45,
         "resolved_change_percent": 12.5, "mean_resolution_hours": 18.2, "median_resolution_hours": 12.0,
         "resolution_target_hours": 36.0, "mean_first_response_hours": 2.1, "median_first_response_hours": 1.5,
         "sla_met_percent": 92.0, "satisfaction_mean": 4.62,
         "satisfaction_distribution": {"1": 0, "2": 1, "3": 2, "4": 10, "5": 20},
         "categories": [{"category": "billing", "count": 20, "share": 0.4}, {"category": "technical", "count": 15, "share": 0.3}],
         "breaches": 3, "backlog_at_end": 12,
         "kpis": [{"name": "First response", "target": "< 4.0h", "actual": "2.1h", "status": "pass"},
                  {"name": "Critical open", "target": "= 0", "actual": "2", "status": "fail"}],
         "reminders": [], "recommendations": ["Billing is 40% of the week: write a FAQ article on payments."]}
        """#

    static var stats: StatsJSON { try! JSONDecoder().decode(StatsJSON.self, from: Data(statsJSON.utf8)) }

    static func reminders(_ count: Int) -> [Reminder] {
        (0..<count).map { n in
            Reminder(
                ticketID: TicketID(String(format: "TKT%06d", n))!, category: .billing, subject: "@everyone sujet \(n)",
                requester: UserID(UInt64(1000 + n)), waitingHours: Double(36 + n))
        }
    }
}

/// Whether Discord could parse anything active in a text: a mention, a mass mention, a timestamp or slash command,
/// or markdown/masked-link punctuation not escaped by a backslash.
enum Markup {
    static func activeSpans(in text: String) -> [String] {
        var found: [String] = []
        let lower = text.lowercased()
        for needle in ["@everyone", "@here", "<@", "<#", "</", "<t:"] where lower.contains(needle) { found.append(needle) }
        var escaped = false
        for scalar in text.unicodeScalars {
            if escaped {
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if DiscordText.markdown.contains(scalar) {
                found.append(String(scalar))
            }
        }
        return found
    }

    static let bidiAndControls: Set<UInt32> = Set(0x202A...0x202E).union(0x2066...0x2069).union([0x200E, 0x200F, 0x061C])
        .union(Set(0x00...0x1F).subtracting([0x0A])).union([0x7F])
}
