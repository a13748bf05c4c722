import Foundation
import Testing
import TriageCore

@testable import TriageDiscord

/// Staff channel posts for every ticket notice: mentions only where Triage pings, user text only escaped and only
/// in embeds, the ticket's id, priority, category, SLA and tracking link everywhere.
@Suite struct DiscordRendererTests {
    static let ticketKinds: [Notice.Kind] = [
        .created, .replied, .slaWarning, .slaBreached, .page, .acknowledged, .closed, .inactivityReminder, .inactivityClosed,
    ]

    @Test(arguments: ticketKinds)
    func everyTicketEmbedCarriesTheEssentials(_ kind: Notice.Kind) throws {
        // Given a notice about a ticket whose subject, names and tags are hostile
        let ticket = Fixtures.ticket(subject: Fixtures.hostile, assignee: "@everyone <@&1>", tags: ["[x](https://evil)"])
        var notice = Fixtures.notice(kind, ticket: ticket)
        notice.body = Fixtures.hostile
        notice.actor = "<@1> **Bob**"
        // When it is rendered without a ping
        let message = DiscordRenderer.render(notice, target: "admin-tickets", oncallRoleID: Fixtures.role)
        // Then nothing can ping and nothing is in content
        #expect(message.allowedMentions == .none)
        #expect(message.content == nil)
        // And the single embed shows id, priority, category, SLA (hours and relative due) and links to the ticket
        let embed = try #require(message.embeds.first)
        #expect(embed.title?.contains("TKTA1B2C3") == true)
        #expect(embed.url == Fixtures.url)
        let fields = Dictionary(embed.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(fields["Priorité"]?.contains("haute") == true)
        #expect(fields["Catégorie"] == "Facturation")
        #expect(fields["SLA"] == "24h · échéance <t:1763380800:R>")
        #expect(fields["Suivi"] == Fixtures.url)
        // And every piece of user text is escaped: no active markup outside Triage's own
        let userParts = [embed.description ?? ""] + embed.fields.filter { $0.name != "SLA" && $0.name != "Suivi" }.map(\.value)
        for part in userParts {
            let stripped = part.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "<t:1763380800:R>", with: "")
            #expect(Markup.activeSpans(in: stripped).isEmpty, "\(kind): \(part.debugDescription)")
        }
        #expect(Markup.activeSpans(in: (embed.title ?? "")).isEmpty)
        DiscordLimitsTests.assertWithinLimits(message)
    }

    @Test(arguments: [Notice.Kind.created, .slaBreached, .page])
    func pagesPingOnlyTheOncallRole(_ kind: Notice.Kind) throws {
        // Given a notice that pings on-call, about a ticket whose subject tries to ping everyone
        let notice = Fixtures.notice(kind, ticket: Fixtures.ticket(subject: "@everyone <@&1>", priority: .critical), pings: true)
        // When it is rendered with a role configured
        let message = DiscordRenderer.render(notice, target: "oncall", oncallRoleID: Fixtures.role)
        // Then content starts with the role ping, allows exactly that role, and carries no user text
        let content = try #require(message.content)
        #expect(content.hasPrefix("<@&\(Fixtures.role)> "))
        #expect(message.allowedMentions == AllowedMentions(parse: [], roles: [Fixtures.role]))
        #expect(!content.contains("everyone"))
        #expect(!content.contains("<@&1>"))
        #expect(content.contains("TKTA1B2C3"))
        #expect(message.flags == nil)
    }

    @Test(arguments: [nil, "", "not-a-role", "<@&1>"])
    func noRoleConfiguredMeansNoPing(_ role: String?) {
        let notice = Fixtures.notice(.slaBreached, pings: true)
        let message = DiscordRenderer.render(notice, target: "oncall", oncallRoleID: role)
        #expect(message.content == nil)
        #expect(message.allowedMentions == .none)
    }

    @Test func hugeSubjectAndBodyStayWithinLimits() throws {
        // Given a closed ticket with an enormous subject, resolution, assignee and tags
        let huge = Fixtures.frenchAndEmoji
        var notice = Fixtures.notice(.closed, ticket: Fixtures.ticket(subject: huge, assignee: huge, tags: [huge, huge]))
        notice.body = huge
        notice.actor = huge
        // When it is rendered
        let message = DiscordRenderer.render(notice, target: "admin-tickets")
        // Then it fits Discord and still links to the ticket
        DiscordLimitsTests.assertWithinLimits(message)
        let embed = try #require(message.embeds.first)
        #expect(embed.url == Fixtures.url)
        #expect(embed.fields.contains { $0.name == "Suivi" })
    }

    @Test func wordingPerKind() throws {
        func title(_ notice: Notice, target: String = "admin-tickets") -> String {
            DiscordRenderer.render(notice, target: target).embeds.first?.title ?? ""
        }
        #expect(title(Fixtures.notice(.created)) == "🎫 Nouveau ticket — TKTA1B2C3")
        #expect(title(Fixtures.notice(.created), target: "senior") == "⬆️ Nouveau ticket prioritaire — TKTA1B2C3")
        #expect(title(Fixtures.notice(.created, ticket: Fixtures.ticket(priority: .critical))) == "🚨 Nouveau ticket critique — TKTA1B2C3")
        #expect(title(Fixtures.notice(.slaWarning)) == "⚠️ Alerte SLA — TKTA1B2C3")
        #expect(title(Fixtures.notice(.slaBreached)) == "🚨 SLA dépassé — TKTA1B2C3")
        #expect(title(Fixtures.notice(.page)) == "🔁 Page 3 — toujours pas acquitté — TKTA1B2C3")
        #expect(title(Fixtures.notice(.acknowledged)) == "✅ Acquitté par Bob — TKTA1B2C3")
        #expect(title(Fixtures.notice(.closed)) == "🔒 Ticket fermé — TKTA1B2C3")
        #expect(title(Fixtures.notice(.inactivityClosed)) == "💤 Fermé pour inactivité — TKTA1B2C3")
        let colours = [Notice.Kind.slaBreached, .slaWarning, .acknowledged].map {
            DiscordRenderer.render(Fixtures.notice($0), target: "oncall").embeds.first?.color
        }
        #expect(colours == [0xE74C3C, 0xF1C40F, 0x2ECC71])
    }

    @Test func warningNamesTheAssigneeOrTheTeam() throws {
        let assigned = DiscordRenderer.render(Fixtures.notice(.slaWarning), target: "admin-tickets")
        #expect(assigned.embeds.first?.description?.contains("assigné à **Alice**") == true)
        let unassigned = DiscordRenderer.render(
            Fixtures.notice(.slaWarning, ticket: Fixtures.ticket(assignee: nil)), target: "admin-tickets")
        #expect(unassigned.embeds.first?.description?.contains("non assigné — équipe") == true)
    }

    @Test func lateBreachSaysHowLate() throws {
        var notice = Fixtures.notice(.slaBreached, pings: true)
        notice.lateSeconds = 3 * 3600 + 12 * 60
        let description = try #require(DiscordRenderer.render(notice, target: "oncall").embeds.first?.description)
        #expect(description.contains("Détecté avec 3h12m de retard (le runner d'automatisation était arrêté)"))
    }

    @Test func closeSummaryShowsResolutionAndTags() throws {
        let embed = try #require(DiscordRenderer.render(Fixtures.notice(.closed), target: "admin-tickets").embeds.first)
        #expect(embed.fields.contains { $0.name == "Résolution" && $0.value == "Résolu côté banque." })
        #expect(embed.fields.contains { $0.name == "Tags" && $0.value == "vip, paiement" })
        #expect(embed.fields.contains { $0.name == "Fermé par" && $0.value == "Bob" })
    }

    @Test func directMessageIsQuietAndIdempotent() throws {
        // Given a user's text that the caller built with the user's words escaped
        let text = "✅ Ticket créé ! Sujet : \(DiscordText.escape("@everyone [x](https://evil)"))"
        // When it is wrapped as a DM
        let message = DiscordRenderer.directMessage(text: text, nonce: "tn42")
        // Then it pings nobody and a resend returns the first message
        #expect(message.content == text)
        #expect(message.allowedMentions == .none)
        #expect(message.nonce == "tn42")
        #expect(message.enforceNonce == true)
        #expect(message.embeds.isEmpty)
    }
}
