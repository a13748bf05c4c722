import Foundation
import Testing

@testable import TriageDiscord

/// The sanitiser (design §8.5): hostile user text can neither mention, link, format nor reorder, and lengths are
/// cut by code points on grapheme boundaries.
@Suite struct DiscordTextTests {
    static let cases = Fixtures.hostile.split(separator: "\n").map(String.init) + [Fixtures.hostile]

    @Test(arguments: cases)
    func escapedTextHasNoActiveMarkup(_ input: String) {
        // When user text is escaped
        let output = DiscordText.escape(input)
        // Then nothing in it can mention, link or format, and no control or bidi character survives
        #expect(Markup.activeSpans(in: output).isEmpty, "\(output.debugDescription)")
        #expect(!output.unicodeScalars.contains { Markup.bidiAndControls.contains($0.value) })
    }

    @Test func autocompleteNamesArePlainOneLineTextWithoutBidiOrControls() throws {
        let response = InteractionResponse.choices([(name: "TKT3DVGSB — abc\u{202E}gnp.exe\nsecond\u{0007} line", value: "TKT3DVGSB")])
        let json = String(decoding: try JSONEncoder().encode(response), as: UTF8.self)
        #expect(json.contains("TKT3DVGSB — abcgnp.exe second line"), "\(json)")
        #expect(!json.contains("\\u202e") && !json.unicodeScalars.contains("\u{202E}"))
    }

    @Test func mentionsAreBrokenWithAZeroWidthSpace() {
        #expect(DiscordText.escape("@everyone") == "@\u{200B}everyone")
        #expect(DiscordText.escape("@Here!") == "@\u{200B}Here!")
        #expect(DiscordText.escape("<@&1>") == "<\u{200B}@&1\\>")
        #expect(DiscordText.escape("<#1>") == "<\u{200B}\\#1\\>")
        #expect(DiscordText.escape("</cmd:1>") == "<\u{200B}/cmd:1\\>")
        #expect(DiscordText.escape("<t:1:R>") == "<\u{200B}t:1:R\\>")
        #expect(DiscordText.escape("mail@example.org") == "mail@example.org")
    }

    @Test func backtickBreakoutStaysInert() {
        // Given the DiceMaiden and rustbot breakouts: close a code span, then mention
        let output = DiscordText.escape("x\\` <@everyone> \\`x")
        // Then every backtick and backslash is escaped and the mention is broken twice over
        #expect(output == "x\\\\\\` <\u{200B}@\u{200B}everyone\\> \\\\\\`x")
        #expect(Markup.activeSpans(in: output).isEmpty)
    }

    @Test func maskedLinksAndLineStartsAreEscaped() {
        #expect(DiscordText.escape("[x](https://evil)") == "\\[x\\]\\(https://evil\\)")
        #expect(DiscordText.escape("# heading\n> quote\n - item\nnot-a-list") == "\\# heading\n\\> quote\n \\- item\nnot-a-list")
    }

    @Test func controlsAndBidiAreDroppedTabsAndLineEndsKept() {
        #expect(DiscordText.escape("a\u{202E}b\u{2066}c\u{200F}d\u{061C}e") == "abcde")
        #expect(DiscordText.escape("one\ttwo\r\nthree\rfour\u{0}\u{1B}[31m") == "one two\nthree\nfour\\[31m")
    }

    @Test func longFrenchAndEmojiTextFitsByCodePoints() {
        // Given 10,000 code points of French and emoji
        let input = Fixtures.frenchAndEmoji
        #expect(input.unicodeScalars.count >= 10_000)
        for limit in [4096, 1024, 256, 2000] {
            // When it is made safe for a field of that limit
            let output = DiscordText.safe(input, codePoints: limit)
            // Then it fits, ends with the ellipsis, and every character is whole
            #expect(output.unicodeScalars.count <= limit)
            #expect(output.hasSuffix("…"))
            let known = Set(DiscordText.escape(input)).union(["…"])
            #expect(output.allSatisfy { known.contains($0) })
        }
    }

    @Test(arguments: ["👩🏽‍💻", "e\u{301}", "🇫🇷", "👨‍👩‍👧‍👦"])
    func graphemesAreNeverSplit(_ grapheme: String) {
        let text = String(repeating: grapheme, count: 12)
        for limit in 0...(text.unicodeScalars.count + 1) {
            let cut = DiscordText.truncate(text, codePoints: limit)
            #expect(cut.unicodeScalars.count <= limit)
            #expect(cut.allSatisfy { String($0) == grapheme || $0 == "…" }, "limit \(limit): \(cut.debugDescription)")
        }
    }

    @Test func truncateKeepsShortTextAndCountsCodePoints() {
        #expect(DiscordText.truncate("abc", codePoints: 3) == "abc")
        #expect(DiscordText.truncate("abcd", codePoints: 3) == "ab…")
        #expect(DiscordText.truncate("abcd", codePoints: 1) == "…")
        #expect(DiscordText.truncate("abcd", codePoints: 0) == "")
        #expect(DiscordText.codePoints("👩🏽‍💻") == 4)
        #expect(DiscordText.codePoints("é") == 1)
    }

    @Test func truncateNeverLeavesADanglingEscape() {
        // Given escaped text cut right after a backslash
        let escaped = DiscordText.escape("ab[cd")  // ab\[cd
        let cut = DiscordText.truncate(escaped, codePoints: 4)
        // Then the lone backslash is dropped rather than escaping the ellipsis
        #expect(cut == "ab…")
    }
}
