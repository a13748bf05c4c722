import Foundation
import Testing

@testable import TriageCore

@Suite struct NoticeTextTests {
    static func ticket(_ language: Language = .fr, subject: String = "Paiement refusé") -> NoticeTicket {
        NoticeTicket(
            id: TicketID("TKTA1B2C3")!, userID: UserID(123_456_789_012_345_678), subject: subject, category: .billing,
            priority: .high, status: .open, assignee: "alice", tags: ["vip"], slaHours: 24,
            dueAt: Date(timeIntervalSince1970: 1_800_000_000), cycle: 1, url: "https://admin.example.org/tickets/TKTA1B2C3",
            language: language)
    }

    static func notice(_ kind: Notice.Kind, _ language: Language = .fr, body: String? = nil, late: Double? = nil) -> Notice {
        Notice(kind: kind, ticket: ticket(language), body: body, actor: "alice", lateSeconds: late)
    }

    @Test func createdInFrench() {
        #expect(
            NoticeText.forUser(Self.notice(.created)) == """
                ✅ Ticket créé !
                🎫 Numéro: TKTA1B2C3
                📋 Sujet: Paiement refusé
                📂 Catégorie: Facturation
                ⏱️ SLA: 24h (priorité haute)
                🔗 Suivre sur: https://admin.example.org/tickets/TKTA1B2C3
                """)
    }

    @Test func createdInEnglish() {
        #expect(
            NoticeText.forUser(Self.notice(.created, .en)) == """
                ✅ Ticket created!
                🎫 Number: TKTA1B2C3
                📋 Subject: Paiement refusé
                📂 Category: Billing
                ⏱️ SLA: 24h (high priority)
                🔗 Track it at: https://admin.example.org/tickets/TKTA1B2C3
                """)
    }

    @Test func repliedQuotesThePublicAnswer() {
        let fr = NoticeText.forUser(Self.notice(.replied, body: "Bonjour !\nPouvez-vous réessayer ?"))
        #expect(
            fr == """
                💬 Nouvelle réponse sur votre ticket TKTA1B2C3
                📋 Sujet: Paiement refusé
                > Bonjour !
                > Pouvez-vous réessayer ?
                🔗 Suivre sur: https://admin.example.org/tickets/TKTA1B2C3
                """)
        let en = NoticeText.forUser(Self.notice(.replied, .en, body: "Please try again"))
        #expect(en?.hasPrefix("💬 New answer on your ticket TKTA1B2C3\n📋 Subject: Paiement refusé\n> Please try again\n") == true)
    }

    @Test func closedGivesTheResolutionAndAsksForStars() {
        #expect(
            NoticeText.forUser(Self.notice(.closed, body: "Carte réactivée")) == """
                🔒 Ticket TKTA1B2C3 fermé
                📋 Sujet: Paiement refusé
                ✅ Résolution: Carte réactivée
                ⭐ Votre avis compte ! Notez notre aide de 1 à 5 ⭐
                """)
        #expect(
            NoticeText.forUser(Self.notice(.closed, .en)) == """
                🔒 Ticket TKTA1B2C3 closed
                📋 Subject: Paiement refusé
                ⭐ How did we do? Rate our help from 1 to 5 ⭐
                """)
    }

    @Test func inactivityReminderSaysHowLongAndWhenItCloses() {
        let rule = TriageConfig.Inactivity(remindAfterHours: 48, closeAfterHours: 72)
        #expect(
            NoticeText.forUser(Self.notice(.inactivityReminder), inactivity: rule) == """
                ⏳ Votre ticket TKTA1B2C3 attend votre réponse depuis 48h.
                📋 Sujet: Paiement refusé
                🔒 Sans réponse, il sera fermé dans 24h.
                🔗 Suivre sur: https://admin.example.org/tickets/TKTA1B2C3
                """)
        // Found 3 hours late (the runner was down); English; never closed
        let en = NoticeText.forUser(Self.notice(.inactivityReminder, .en, late: 3 * 3600), inactivity: .init(remindAfterHours: 48))
        #expect(
            en == """
                ⏳ Your ticket TKTA1B2C3 has been waiting for your answer for 51h.
                📋 Subject: Paiement refusé
                🔗 Track it at: https://admin.example.org/tickets/TKTA1B2C3
                """)
        let late = NoticeText.forUser(Self.notice(.inactivityReminder, .en, late: 3 * 3600), inactivity: rule)
        #expect(late?.contains("🔒 Without an answer, it will be closed in 21h.") == true)
    }

    @Test func inactivityClosedInvitesAnAnswerToReopen() {
        let rule = TriageConfig.Inactivity(remindAfterHours: 48, closeAfterHours: 168)
        #expect(
            NoticeText.forUser(Self.notice(.inactivityClosed), inactivity: rule) == """
                🔒 Ticket TKTA1B2C3 fermé faute de réponse depuis 168h.
                📋 Sujet: Paiement refusé
                💬 Toujours besoin d'aide ? Répondez à ce ticket pour le rouvrir.
                🔗 Suivre sur: https://admin.example.org/tickets/TKTA1B2C3
                """)
        let en = NoticeText.forUser(Self.notice(.inactivityClosed, .en), inactivity: .init(remindAfterHours: 1, closeAfterHours: 1.5))
        #expect(en?.hasPrefix("🔒 Ticket TKTA1B2C3 closed: no answer for 1.5h.\n") == true)
        #expect(en?.contains("💬 Still need help? Answer this ticket to reopen it.") == true)
    }

    @Test func staffKindsNeverGoToUsers() {
        for kind in [Notice.Kind.slaWarning, .slaBreached, .page, .acknowledged, .reminderDigest, .weeklyReport] {
            #expect(NoticeText.forUser(Self.notice(kind)) == nil)
        }
        #expect(NoticeText.forUser(Notice(kind: .created)) == nil)
    }

    @Test func frenchByDefault() {
        let ticket = NoticeTicket(
            id: TicketID("TKTA1B2C3")!, userID: UserID(1), subject: "s", category: .account, priority: .low, status: .open,
            assignee: nil, tags: [], slaHours: 24, dueAt: Date(), cycle: 1, url: "u")
        #expect(NoticeText.forUser(Notice(kind: .created, ticket: ticket))?.contains("(priorité basse)") == true)
    }

    /// The text is a function of the notice's public fields: the staff-only ones (actor, assignee, tags, page, digest
    /// fields) change nothing, so nothing private — an internal note included — can reach the user.
    @Test(arguments: [Notice.Kind.created, .replied, .closed, .inactivityReminder, .inactivityClosed])
    func onlyTheNoticesPublicFieldsAreUsed(kind: Notice.Kind) throws {
        var plain = Self.notice(kind, body: "public text")
        plain.actor = nil
        plain.ticket?.assignee = nil
        plain.ticket?.tags = []
        var loaded = plain
        loaded.actor = "INTERNAL-actor"
        loaded.ticket?.assignee = "INTERNAL-assignee"
        loaded.ticket?.tags = ["INTERNAL-tag"]
        loaded.page = 3
        loaded.pingsOncall = true
        loaded.period = "INTERNAL-period"
        loaded.reminders = [
            Reminder(ticketID: TicketID("TKTZZZZZZ")!, category: .general, subject: "INTERNAL-s", requester: UserID(9), waitingHours: 30)
        ]
        let text = try #require(NoticeText.forUser(loaded))
        #expect(text == NoticeText.forUser(plain))
        #expect(!text.contains("INTERNAL"))
    }

    @Test func escapeIsAppliedToEveryUserText() {
        let escape: (String) -> String = { "⟦\($0)⟧" }
        var notice = Notice(kind: .created, ticket: Self.ticket(subject: "@everyone"))
        #expect(NoticeText.forUser(notice, escape: escape)?.contains("📋 Sujet: ⟦@everyone⟧\n") == true)
        notice.kind = .replied
        notice.body = "**hi** <@&1>"
        #expect(NoticeText.forUser(notice, escape: escape)?.contains("> ⟦**hi** <@&1>⟧") == true)
        notice.kind = .closed
        notice.body = "`done`"
        let closed = NoticeText.forUser(notice, escape: escape) ?? ""
        #expect(closed.contains("Résolution: ⟦`done`⟧") && closed.contains("Sujet: ⟦@everyone⟧"))
        #expect(!closed.contains("⟦TKTA1B2C3⟧"))
    }

    @Test func staffReminderListInTheSourcesStyle() throws {
        let reminders = (1...3).map { index in
            Reminder(
                ticketID: TicketID("TKT00000\(index)")!, category: .billing, subject: "s", requester: UserID(UInt64(index)),
                waitingHours: Double(40 - index))
        }
        let notice = Notice(kind: .reminderDigest, period: "2026-11-25", reminders: reminders, reminderTotal: 5)
        let fr = try #require(NoticeText.reminderList(notice, limit: 2))
        // One line per ticket as the stats' reminder list writes it ("TKT001 – Billing (Alice) – 36h")
        #expect(reminders[0].line.hasPrefix("TKT000001 – Billing ("))
        #expect(fr.hasPrefix("5 tickets en attente depuis +24h:\n• \(reminders[0].line)\n• \(reminders[1].line)\n"))
        #expect(fr.hasSuffix("… et 3 autres (voir la console)"))
        let en = try #require(NoticeText.reminderList(notice, language: .en))
        #expect(en.hasPrefix("5 tickets waiting for 24h+:\n"))
        #expect(en.hasSuffix("… and 2 more (see the console)"))
        #expect(NoticeText.reminderList(Notice(kind: .reminderDigest, reminders: [])) == nil)
        #expect(NoticeText.reminderList(Notice(kind: .created)) == nil)
    }

    @Test func priorityAndCategoryWords() {
        #expect(Priority.allCases.map { $0.phrase(.fr) } == ["priorité critique", "priorité haute", "priorité moyenne", "priorité basse"])
        #expect(Priority.allCases.map { $0.phrase(.en) } == ["critical priority", "high priority", "medium priority", "low priority"])
        #expect(Category.bugReport.name(.fr) == "Signalement de bug" && Category.bugReport.name(.en) == "Bug report")
        #expect(NoticeText.hours(1.5, .fr) == "1,5h" && NoticeText.hours(1.5, .en) == "1.5h" && NoticeText.hours(72, .fr) == "72h")
    }
}
