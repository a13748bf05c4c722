import Foundation
import Testing

@testable import TriageDiscord

/// `fitted()`: any message comes out within every Discord limit (design fact 34), and the wire shape is Discord's.
@Suite struct DiscordLimitsTests {
    static func assertWithinLimits(_ message: DiscordMessage, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect((message.content?.unicodeScalars.count ?? 0) <= DiscordLimits.content, sourceLocation: sourceLocation)
        #expect(message.embeds.count <= DiscordLimits.embeds, sourceLocation: sourceLocation)
        #expect(message.embedCodePoints <= DiscordLimits.embedTotal, sourceLocation: sourceLocation)
        for embed in message.embeds {
            #expect((embed.title?.unicodeScalars.count ?? 0) <= DiscordLimits.title, sourceLocation: sourceLocation)
            #expect((embed.description?.unicodeScalars.count ?? 0) <= DiscordLimits.description, sourceLocation: sourceLocation)
            #expect((embed.footer?.text.unicodeScalars.count ?? 0) <= DiscordLimits.footer, sourceLocation: sourceLocation)
            #expect(embed.fields.count <= DiscordLimits.fields, sourceLocation: sourceLocation)
            for field in embed.fields {
                #expect((1...DiscordLimits.fieldName).contains(field.name.unicodeScalars.count), sourceLocation: sourceLocation)
                #expect((1...DiscordLimits.fieldValue).contains(field.value.unicodeScalars.count), sourceLocation: sourceLocation)
            }
        }
    }

    @Test func oversizedMessageIsFittedEverywhere() {
        // Given a message over every limit at once
        let huge = String(repeating: "é👩🏽‍💻x", count: 3000)
        let fields = (0..<40).map { DiscordEmbed.Field(name: huge, value: $0 == 3 ? "" : huge) }
        let embed = DiscordEmbed(title: huge, description: huge, fields: fields, footer: .init(text: huge))
        let message = DiscordMessage(content: huge, embeds: Array(repeating: embed, count: 14), nonce: String(repeating: "n", count: 40))
        // When it is fitted
        let fitted = message.fitted()
        // Then every limit holds, the first embed keeps its title and footer, and the nonce is cut
        Self.assertWithinLimits(fitted)
        #expect(fitted.embeds.first?.title?.hasSuffix("…") == true)
        #expect(fitted.embeds.first?.footer != nil)
        #expect(fitted.nonce?.count == DiscordLimits.nonce)
    }

    @Test func totalOverSixThousandShrinksDescriptionsFirst() {
        // Given two embeds whose descriptions add up to 8000 code points, each within its own limit
        let long = String(repeating: "a", count: 4000)
        let message = DiscordMessage(embeds: [
            DiscordEmbed(title: "one", description: long, fields: [.init(name: "keep", value: "me")]),
            DiscordEmbed(title: "two", description: long),
        ])
        // When it is fitted
        let fitted = message.fitted()
        // Then both embeds and the field survive, and the total is at most 6000
        #expect(fitted.embeds.count == 2)
        #expect(fitted.embeds[0].fields.count == 1)
        #expect(fitted.embedCodePoints <= 6000)
        Self.assertWithinLimits(fitted)
    }

    @Test func smallMessageIsUnchanged() {
        let message = DiscordMessage(content: "hello", embeds: [DiscordEmbed(title: "t", description: "d")])
        #expect(message.fitted() == message)
    }

    @Test func wireShapeUsesDiscordNamesAndAlwaysAllowedMentions() throws {
        // Given a quiet message with a role allowed
        let message = DiscordMessage(
            embeds: [
                DiscordEmbed(title: "t", color: 0xFF0000, fields: [.init(name: "n", value: "v", inline: true)], timestamp: Fixtures.due)
            ],
            allowedMentions: .role("1"), flags: .suppressNotifications, nonce: "tn1", enforceNonce: true)
        // When it is encoded
        let json = String(decoding: try message.jsonData(), as: UTF8.self)
        // Then the keys are Discord's and nothing absent is sent
        #expect(json.contains(#""allowed_mentions":{"parse":[],"roles":["1"]}"#))
        #expect(json.contains(#""enforce_nonce":true"#))
        #expect(json.contains(#""flags":4096"#))
        #expect(json.contains(#""timestamp":"2025-11-17T12:00:00Z""#))
        #expect(json.contains(#""inline":true"#))
        #expect(!json.contains("content"))
        #expect(!json.contains("components"))
        let bare = String(decoding: try DiscordMessage(content: "x").jsonData(), as: UTF8.self)
        #expect(bare == #"{"allowed_mentions":{"parse":[]},"content":"x","embeds":[]}"#)
    }
}
