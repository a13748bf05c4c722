import Foundation
import Testing

@testable import TriageCore

@Suite struct CommandTextTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    static let url = "https://admin.example.org/tickets/TKTA1B2C3"
    /// A visible stand-in for Discord's escaper: marks every piece of user text.
    @Sendable static func mark(_ text: String) -> String { "‹\(text)›" }

    static func ticket(_ id: String = "TKTA1B2C3", subject: String = "Paiement refusé", status: TicketStatus = .open) -> Ticket {
        let created = TicketEvent(ticketID: TicketID(id)!, kind: .created, actor: "42", at: t0, newValue: "billing/high")
        return Ticket(
            id: TicketID(id)!, userID: UserID(42), subject: subject, description: "Ma carte est refusée.", category: .billing,
            priority: .high, status: status, createdAt: t0, sla: SLAClock.replay([created.slaEvent!], policy: .default)!,
            requesterName: "Alice")
    }

    static func message(_ id: Int64, _ body: String, note: Bool = false, agent: Bool = true) -> Message {
        Message(
            id: id, ticketID: TicketID("TKTA1B2C3")!, authorKind: agent ? .agent : .user, author: agent ? "bob" : "42", body: body,
            isInternal: note, createdAt: t0.addingTimeInterval(Double(id) * 60))
    }

    @Test func createdGivesTheSLAThePlaceAndTheEstimate() {
        // Given a new ticket third in the queue, high tickets answered in 5h (median) lately
        let estimate = CommandText.Estimate(medianHours: 5.2, samples: 12, weeks: 4, priority: .high)
        // When the confirmation is rendered in French and in English without an estimate
        let fr = CommandText.created(Self.ticket(), url: Self.url, place: 3, estimate: estimate, language: .fr, escape: Self.mark)
        let en = CommandText.created(Self.ticket(), url: Self.url, place: 1, estimate: nil, language: .en, escape: Self.mark)
        // Then both read in the source's style
        #expect(
            fr == """
                ✅ Ticket créé !
                🎫 Numéro: TKTA1B2C3
                📋 Sujet: ‹Paiement refusé›
                📂 Catégorie: Facturation
                ⏱️ SLA: 24h (priorité haute)
                📍 Place dans la file : 3 · première réponse attendue sous ~5,2h (médiane des 4 dernières semaines, priorité haute)
                🔗 Suivre sur: https://admin.example.org/tickets/TKTA1B2C3
                """)
        #expect(en.contains("📍 Place in the queue: 1 · no estimate of the first answer time yet"))
        #expect(en.hasPrefix("✅ Ticket created!\n🎫 Number: TKTA1B2C3"))
        // And without a place (the store could not tell it) the line is left out
        let unknown = CommandText.created(Self.ticket(), url: Self.url, place: nil, estimate: nil, language: .fr, escape: Self.mark)
        #expect(!unknown.contains("📍") && unknown.hasSuffix("⏱️ SLA: 24h (priorité haute)\n🔗 Suivre sur: \(Self.url)"))
    }

    @Test func listCutsWithinTheLimitAndCountsTheRest() {
        // Given 120 tickets with long subjects
        let tickets = (0..<120).map { Self.ticket(String(format: "TKT%06d", $0), subject: String(repeating: "é", count: 150)) }
        // When they are listed, in both languages
        for language in Language.allCases {
            let text = CommandText.list(tickets, status: nil, staff: false, now: Self.t0, language: language, escape: { $0 })
            // Then the answer fits one Discord message and says how many are left out
            let shown = text.split(separator: "\n").filter { $0.hasPrefix("• ") }.count
            #expect(text.unicodeScalars.count <= CommandText.limit)
            #expect(shown > 5 && shown < 120)
            #expect(text.hasSuffix(language == .fr ? "… et \(120 - shown) autres" : "… and \(120 - shown) more"))
        }
    }

    @Test func listShowsStatusPrioritySLAAndForStaffTheRequester() {
        let line = CommandText.list(
            [Self.ticket()], status: .open, staff: true, now: Self.t0.addingTimeInterval(3600), language: .fr, escape: Self.mark)
        #expect(line == "📋 Tickets — 🟢 ouvert (1) :\n• TKTA1B2C3 · 🟢 ouvert · 🟠 haute · ⏱️ 23h restantes · 👤 ‹Alice› — ‹Paiement refusé›")
        #expect(
            CommandText.list([], status: .closed, staff: false, now: Self.t0, language: .en, escape: { $0 }) == "📭 No tickets (🔒 closed).")
    }

    @Test func viewNeverShowsAnInternalNoteToAUser() {
        // Given a thread with an internal note (even if a caller passed it by mistake)
        let detail = TicketDetail(
            ticket: Self.ticket(),
            messages: [Self.message(1, "Bonjour", agent: false), Self.message(2, "client VIP", note: true), Self.message(3, "On regarde")],
            events: [])
        // When the requester and staff view it
        let user = CommandText.view(detail, staff: false, url: Self.url, now: Self.t0, language: .fr, escape: { $0 })
        let staff = CommandText.view(detail, staff: true, url: Self.url, now: Self.t0, language: .en, escape: { $0 })
        // Then only staff see the note, marked, and the agents' names
        #expect(!user.contains("VIP") && !user.contains("bob") && !user.contains("Note interne"))
        #expect(user.contains("💬 Vous · ") && user.contains("💬 Support · "))
        // (the time as Discord's timestamp markup: each reader sees it in their own time zone)
        #expect(staff.contains("🔒 Internal note — bob · <t:\(Int(Self.t0.timeIntervalSince1970) + 120):f>\n> client VIP"))
        #expect(staff.contains("👤 Requester: Alice · Assignee: nobody"))
    }

    @Test func viewOfALongThreadKeepsTheNewestWithinTheLimit() {
        let messages = (1...60).map { Self.message(Int64($0), "message \($0) " + String(repeating: "🙂", count: 300)) }
        let detail = TicketDetail(ticket: Self.ticket(subject: String(repeating: "s", count: 200)), messages: messages, events: [])
        let text = CommandText.view(detail, staff: false, url: Self.url, now: Self.t0, language: .fr, escape: { $0 })
        #expect(text.unicodeScalars.count <= CommandText.limit)
        #expect(text.contains("> message 60 ") && !text.contains("> message 1 "))
        #expect(text.contains("message(s) plus ancien(s) non affiché(s)") && text.hasSuffix(Self.url))
    }

    @Test func clipKeepsWholeCharactersAndNoDanglingEscape() {
        #expect(CommandText.clip("abc\\*def", 5) == "abc…")
        #expect(CommandText.clip("👍🏽👍🏽👍🏽", 4) == "👍🏽…")
        #expect(CommandText.clip("short", 10) == "short")
    }

    @Test func statsReadLikeTheSourceScenarios() throws {
        // Given a week's figures with two tickets waiting 24h+
        let json = """
            {"week": "2026-W47", "week_start": "2026-11-16T00:00:00Z", "opened": 45, "resolved": 42, "resolved_change_percent": 12,
             "mean_resolution_hours": 18, "median_resolution_hours": 15, "resolution_target_hours": 24, "mean_first_response_hours": 4.1,
             "median_first_response_hours": 3.5, "sla_met_percent": 93, "satisfaction_mean": 4.6,
             "satisfaction_distribution": {"1": 0, "2": 1, "3": 1, "4": 5, "5": 13},
             "categories": [{"category": "billing", "count": 17, "share": 0.378}], "breaches": 2, "backlog_at_end": 12, "kpis": [],
             "reminders": [{"ticket_id": "TKT000001", "category": "billing", "subject": "x", "requester": "42", "requester_name": "Alice", "waiting_hours": 36.4},
                           {"ticket_id": "TKT000002", "category": "technical", "subject": "y", "requester": "1234567890123", "waiting_hours": 25}],
             "recommendations": ["write a FAQ article on payments"]}
            """
        let stats = try JSONDecoder().decode(StatsJSON.self, from: Data(json.utf8))
        // When they are rendered in French
        let text = CommandText.stats(stats, language: .fr, escape: Self.mark)
        // Then the headline figures and the reminder lines are there
        #expect(text.hasPrefix("📈 Stats Tickets — Semaine 2026-W47\n📥 Ouverts: 45 · ✅ Résolus: 42 (+12,0 % vs semaine précédente)"))
        #expect(text.contains("🎯 SLA respecté: 93,0 % · 🚨 Dépassements: 2"))
        #expect(text.contains("⏱️ Résolution: moyenne 18h (objectif 24h) ✓"))
        #expect(text.contains("⭐ Satisfaction: 4,60/5 (20 avis)"))
        #expect(text.contains("💡 ‹write a FAQ article on payments›"))
        #expect(
            text.contains(
                "⏰ 2 tickets en attente depuis +24h:\n• TKT000001 – Billing (‹Alice›) – 36h\n• TKT000002 – Technical (‹…0123›) – 25h"))
        #expect(CommandText.stats(stats, language: .en, escape: { $0 }).contains("2 tickets waiting for 24h+:"))
    }
}

/// A refused text says the length it must have.
@Suite struct CommandLengthTextTests {
    @Test func aTooLongDescriptionIsRefusedWithItsLimit() throws {
        let command = TextCommand.view(try #require(TicketID("TKTA1B2C3")))
        let fr = CommandText.failure(.invalidField(field: "description", message: "too long"), command: command, language: .fr)
        #expect(fr.hasPrefix("❌ Valeur refusée pour la description (1 à 10") && fr.contains("000 caractères). Usage"), "\(fr)")
        let en = CommandText.failure(.invalidField(field: "subject", message: "too long"), command: command, language: .en)
        #expect(en.hasPrefix("❌ Invalid value for the subject (1 to 200 characters). Usage"), "\(en)")
        let category = CommandText.failure(.invalidField(field: "category", message: "no"), command: command, language: .en)
        #expect(category.hasPrefix("❌ Invalid value for the category. Usage"), "\(category)")
    }
}
