import CNCurses
import Foundation
import Testing
import TriageCore

@testable import TriageTerminal

#if canImport(Glibc)
    import Glibc
#endif

/// W4: text is laid out by grapheme cluster with the widths the terminal uses. One width function
/// (`TerminalText.width(of:)`) gives every scalar the C library's `wcwidth` — what ncurses and a wcwidth-based
/// terminal place it by — and every cluster its whole width; the presenter writes each cluster whole.
@Suite(.serialized) struct GraphemeWidthTests {
    /// The C library's width under a UTF-8 locale.
    static func wcwidth(_ value: UInt32) -> Int {
        setlocale(LC_CTYPE, "C.UTF-8")
        return Int(triage_wcwidth(value))
    }

    @Test func everyScalarHasTheCLibrarysWidth() {
        setlocale(LC_CTYPE, "C.UTF-8")
        var mismatches: [String] = []
        for value in UInt32(0x20)...0x3FFFF where !(0xD800...0xDFFF).contains(value) {
            let expected = Int(triage_wcwidth(value))
            guard expected >= 0, let scalar = Unicode.Scalar(value) else { continue }
            let width = TerminalText.width(of: scalar)
            if width != expected { mismatches.append(String(format: "U+%04X %d (wcwidth %d)", value, width, expected)) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) scalars differ: \(mismatches.prefix(20))")
    }

    @Test(
        "a cluster's width is the terminal's for the whole cluster",
        arguments: [
            ("a", 1), ("é", 1), ("e\u{301}", 1), ("e\u{301}\u{302}", 1), ("日", 2), ("한", 2), ("\u{1112}\u{1161}\u{11AB}", 2),  // 한 decomposed
            ("का", 2),  // Devanagari ka + a spacing vowel sign: two columns, as wcwidth says
            ("👩‍💻", 2), ("👨‍👩‍👧‍👦", 2), ("🏳️‍🌈", 2),  // ZWJ sequences
            ("🇫🇷", 2), ("🇯🇵", 2),  // flags
            ("👍🏽", 2), ("👋🏿", 2),  // skin tones
            ("❤️", 2), ("1️⃣", 2), ("☺️", 2),  // emoji presentation
            ("❤", 1), ("⚑", 1), ("✔", 1), ("🔥", 2), ("🏽", 2),
        ])
    func clusterWidths(text: String, width: Int) {
        #expect(text.count == 1, "one grapheme cluster")
        #expect(TerminalText.width(of: text.first!) == width)
        #expect(TerminalText.width(text) == width)
    }

    @Test(
        "the presenter writes every cluster whole, outside ncurses when ncurses would cut or misplace it",
        arguments: [
            ("a", ClusterWriting.cell), ("日", .cell), ("e\u{301}", .cell), ("\u{1112}\u{1161}\u{11AB}", .cell),
            ("👩‍💻", .raw(spill: 2)), ("🇫🇷", .raw(spill: 0)), ("👍🏽", .raw(spill: 2)), ("❤️", .raw(spill: 0)),
            ("👨‍👩‍👧‍👦", .raw(spill: 6)), ("\u{E0000}", .replacement),
        ])
    func howClustersAreWritten(text: String, writing: ClusterWriting) {
        let character = text.first!
        #expect(ClusterWriting.of(character, width: TerminalText.width(of: character), wcwidth: Self.wcwidth) == writing)
    }
}
