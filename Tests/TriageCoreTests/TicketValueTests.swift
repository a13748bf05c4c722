import Foundation
import Testing

@testable import TriageCore

@Suite struct TicketValueTests {
    @Test func ticketIDsParseCaseInsensitively() {
        #expect(TicketID("tkta1b2c3")?.rawValue == "TKTA1B2C3")
        #expect(TicketID(" TKTA1B2C3 ")?.rawValue == "TKTA1B2C3")
        for bad in ["TKTA1B2C", "TKTA1B2C34", "ABCA1B2C3", "TKTA1B2Ç3", "TKT-1B2C3", ""] {
            #expect(TicketID(bad) == nil, "\(bad)")
        }
    }

    @Test func randomIDsHaveTheShape() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let id = TicketID.random(using: &rng)
            #expect(TicketID(id.rawValue) == id)
            #expect(id.rawValue.count == 9)
        }
    }

    @Test func userIDsTakeTheFull64BitRangeAsNumberOrString() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(UserID.self, from: Data("18446744073709551615".utf8)).value == UInt64.max)
        #expect(try decoder.decode(UserID.self, from: Data("\"18446744073709551615\"".utf8)).value == UInt64.max)
        #expect(try decoder.decode(UserID.self, from: Data("123456789012345678".utf8)).value == 123_456_789_012_345_678)
        #expect(throws: DecodingError.self) { try decoder.decode(UserID.self, from: Data("\"18446744073709551616\"".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(UserID.self, from: Data("-5".utf8)) }
        #expect(throws: DecodingError.self) { try decoder.decode(UserID.self, from: Data("\"12a\"".utf8)) }
        // Always emitted as a string
        #expect(String(decoding: try JSONEncoder().encode(UserID(UInt64.max)), as: UTF8.self) == "\"18446744073709551615\"")
    }

    @Test func vocabulariesNameTheFieldAndTheAllowedValues() throws {
        #expect(try Category.parse("Bug-Report") == .bugReport)
        #expect(try Priority.parse("HIGH") == .high)
        #expect {
            try Category.parse("payments")
        } throws: { error in
            (error as? TicketError)?.description
                == "'payments' is not a category; allowed: general, billing, technical, bug_report, account, suggestion"
        }
        #expect {
            try Priority.parse("urgent")
        } throws: { error in
            (error as? TicketError)?.description == "'urgent' is not a priority; allowed: critical, high, medium, low"
        }
    }

    @Test func textLimits() throws {
        #expect(try Validation.text("  Bonjour 👋  ", field: "subject", length: Validation.subjectLength) == "Bonjour 👋")
        #expect(throws: TicketError.self) { try Validation.text("   ", field: "subject", length: Validation.subjectLength) }
        #expect(throws: TicketError.self) {
            try Validation.text(String(repeating: "é", count: 201), field: "subject", length: Validation.subjectLength)
        }
        #expect(try Validation.text(String(repeating: "é", count: 200), field: "subject", length: Validation.subjectLength).count == 200)
        #expect(try Validation.tag("Refund") == "refund")
        #expect(throws: TicketError.self) { try Validation.tag("has space") }
        #expect(throws: TicketError.self) { try Validation.rating(6) }
    }

    /// W1 (issue 10): a NUL or another control character is refused by name, never stored cut; tab and line breaks
    /// (LF, CRLF) are kept, and so are emoji joiners and accents.
    @Test(arguments: ["A\u{0}B", "A\u{7}B", "A\u{1B}[31mB", "A\u{7F}B", "A\u{85}B", "A\u{9B}B"])
    func controlCharactersAreRefusedByField(_ text: String) {
        for field in ["subject", "description", "message", "resolution", "comment"] {
            #expect(throws: TicketError.self) { try Validation.text(text, field: field, length: 0...200) }
            do {
                _ = try Validation.text(text, field: field, length: 0...200)
            } catch {
                guard case .invalidField(let named, _) = error else { Issue.record("\(error)"); continue }
                #expect(named == field)
            }
        }
        #expect(throws: TicketError.self) { try Validation.userName(text) }
        #expect(throws: TicketError.self) { try Validation.tag(text) }
        #expect(throws: TicketError.self) { try Validation.agentName(text) }
    }

    /// `Validation.trimmed` trims exactly what Foundation's `.whitespacesAndNewlines` does, on every scalar.
    @Test func trimmingMatchesFoundationsWhitespace() {
        let all = (0...0x10FFFF).compactMap(Unicode.Scalar.init)
        let differ = all.filter { CharacterSet.whitespacesAndNewlines.contains($0) != Validation.isTrimmed($0) }
        #expect(differ.isEmpty, "\(differ.map { String($0.value, radix: 16) })")
        for text in ["\u{3000} Bonjour\u{A0}\n", "Bonjour", "", " \t\r\n\u{2028}", "\u{85}é\u{301} ", "a b", "\u{200B}x\u{200B}"] {
            #expect(Validation.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test func tabsLineBreaksAndJoinersAreKept() throws {
        let text = "Line 1\r\n\tLine 2\nfamille 👨‍👩‍👧 é"
        #expect(try Validation.text(text, field: "description", length: Validation.descriptionLength) == text)
    }

    @Test func terminalTextNeutralisesEscapesAndBidi() {
        let evil = "Hi\u{1B}[2J\u{1B}]0;pwned\u{07}\u{202E}gnp.exe\u{9B}31m\r\nnext"
        let clean = TerminalText.sanitize(evil)
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(!clean.unicodeScalars.contains { $0.value == 0x202E })
        #expect(clean.hasPrefix("Hi␛[2J"))
        #expect(TerminalText.sanitize("a\nb", keepNewlines: true) == "a\nb")
    }

    @Test func widthsAndTruncation() {
        #expect(TerminalText.width("abc") == 3)
        #expect(TerminalText.width("été") == 3)
        #expect(TerminalText.width("日本") == 4)
        #expect(TerminalText.width("🔥") == 2)
        #expect(TerminalText.width("e\u{301}") == 1)
        #expect(TerminalText.truncate("日本語テキスト", to: 6) == "日本…")
        #expect(TerminalText.width(TerminalText.pad("日本語テキスト", to: 7)) == 7)
        #expect(TerminalText.pad("ab", to: 4, alignRight: true) == "  ab")
    }
}
