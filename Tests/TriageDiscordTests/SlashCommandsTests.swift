import Foundation
import Testing
import TriageCore

@testable import TriageDiscord

/// The `/ticket` definitions against Discord's rules (design fact 14) and Core's vocabularies.
@Suite struct SlashCommandsTests {
    static let ticket = SlashCommands.all[0]
    static let subcommands = ticket.options ?? []

    /// Every option of the command at any depth.
    static var everyOption: [ApplicationCommandOption] {
        subcommands + subcommands.flatMap { $0.options ?? [] }
    }

    /// Discord's name rule: `^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$`, lowercase.
    static func validName(_ name: String) -> Bool {
        let regex = try! NSRegularExpression(pattern: #"^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$"#)
        let matches = regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        return matches && name == name.lowercased()
    }

    @Test func namesFollowDiscordsRule() {
        #expect(Self.validName(Self.ticket.name))
        for option in Self.everyOption { #expect(Self.validName(option.name), "\(option.name)") }
        #expect(!Self.validName("Ticket") && !Self.validName("two words") && !Self.validName(String(repeating: "a", count: 33)))
    }

    @Test func subcommandsMirrorTheTextCommands() {
        let id = TicketID("TKTA1B2C3")!
        let text: [TextCommand] = [
            .create(subject: "s", category: .billing, priority: .high, description: "d"), .list(status: nil), .view(id),
            .reply(id, message: "m"), .close(id, resolution: nil), .stats, .ack(id),
        ]
        #expect(Self.subcommands.map(\.name) == text.map(\.name))
        #expect(Self.subcommands.allSatisfy { $0.type == ApplicationCommandOption.subcommand })
        let create = Self.subcommands[0].options ?? []
        #expect(create.map(\.name) == ["subject", "category", "priority", "description"])
        #expect(create.allSatisfy { $0.required == true })
    }

    @Test func limitsAndRequiredFirst() {
        #expect(Self.subcommands.count <= 25)
        #expect(Self.ticket.limitedLength <= 8000)
        let french = [Self.ticket.descriptionLocalizations] + Self.everyOption.map(\.descriptionLocalizations)
        for option in [Self.ticket.description] + Self.everyOption.map(\.description) + french.compactMap({ $0?["fr"] }) {
            #expect((1...100).contains(option.count), "\(option)")
        }
        for sub in Self.subcommands {
            let options = sub.options ?? []
            #expect(options.count <= 25)
            let required = options.map { $0.required == true }
            #expect(required == required.sorted { $0 && !$1 }, "required options come first in \(sub.name)")
            for option in options {
                #expect((option.maxLength ?? 0) <= SlashCommands.stringLimit)
                #expect(!(option.autocomplete == true && option.choices != nil), "autocomplete excludes choices")
                #expect((option.choices?.count ?? 0) <= 25)
            }
        }
        let caps = Dictionary(Self.everyOption.map { ($0.name, $0.maxLength) }, uniquingKeysWith: { first, _ in first })
        #expect(caps["subject"] == 200 && caps["description"] == 6000 && caps["message"] == 6000 && caps["resolution"] == 2000)
    }

    @Test func choicesAreTheCoreVocabulariesInBothLanguages() throws {
        func choices(_ name: String) throws -> [ApplicationCommandOption.Choice] {
            try #require(Self.everyOption.first { $0.name == name }?.choices)
        }
        #expect(try choices("category").map(\.value) == TriageCore.Category.allCases.map(\.rawValue))
        #expect(try choices("priority").map(\.value) == Priority.allCases.map(\.rawValue))
        #expect(try choices("status").map(\.value) == TicketStatus.allCases.map(\.rawValue))
        let billing = try #require(try choices("category").first { $0.value == "billing" })
        #expect(billing.name == "Billing" && billing.nameLocalizations == ["fr": "Facturation"])
        for option in Self.everyOption {
            #expect(option.descriptionLocalizations?["fr"]?.isEmpty == false, "\(option.name) has a French description")
            for choice in option.choices ?? [] {
                #expect((1...100).contains(choice.name.count) && choice.nameLocalizations?["fr"] != nil)
            }
        }
        // The id option is autocompleted wherever a ticket is named
        for sub in ["view", "reply", "close", "ack"] {
            let id = Self.subcommands.first { $0.name == sub }?.options?.first
            #expect(id?.name == "id" && id?.autocomplete == true && id?.required == true)
        }
    }

    @Test func theJSONIsStableAndReadsBackTheSame() throws {
        let first = try SlashCommands.jsonData()
        #expect(first == (try SlashCommands.jsonData()))
        let decoded = try JSONDecoder().decode([ApplicationCommand].self, from: first)
        #expect(decoded == SlashCommands.all)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.contains(#""description_localizations" : {"#) || text.contains(#""description_localizations":{"#))
        #expect(!text.contains("\\/"))
    }

    @Test func normalizedIgnoresFormsDiscordTreatsAlike() throws {
        // Given what Discord returns: its own fields, `required: false` left out, null localizations
        let returned = #"""
            [{"id": "1", "application_id": "2", "version": "3", "type": 1, "name": "ticket", "nsfw": false,
              "description": "d", "name_localizations": null, "description_localizations": {"fr": "f"},
              "options": [{"type": 1, "name": "list", "description": "l", "options": [
                {"type": 3, "name": "status", "description": "s", "choices": [{"name": "Open", "value": "open"}]}]}]}]
            """#
        let theirs = try JSONDecoder().decode([ApplicationCommand].self, from: Data(returned.utf8))
        let status = ApplicationCommandOption(
            type: 3, name: "status", description: "s", required: false,
            choices: [.init(name: "Open", nameLocalizations: [:], value: "open")])
        var ours = ApplicationCommand(
            name: "ticket", description: "d", descriptionLocalizations: ["fr": "f"],
            options: [.init(type: 1, name: "list", description: "l", options: [status])])
        #expect(DiscordClient.sameCommands(theirs, [ours]))
        ours.options?[0].options?[0].choices?[0].value = "closed"
        #expect(!DiscordClient.sameCommands(theirs, [ours]))
        #expect(!DiscordClient.sameCommands(theirs, []))
    }

    @Test func theSummaryNamesEverySubcommandAndItsOptions() {
        let summary = SlashCommands.summary()
        for sub in SlashCommands.Subcommand.allCases { #expect(summary.contains("  \(sub.rawValue)  ")) }
        #expect(summary.contains("category* [general|billing|technical|bug_report|account|suggestion]"))
        #expect(summary.contains("id* (autocomplete)"))
    }
}
