import Foundation
import Testing
import TriageConsole

@testable import TriageTerminal

/// The terminal's bytes to keys, as `CursesTerminal` reads them: UTF-8 whatever the locale, Escape and what follows
/// it, bracketed pastes.
@Suite struct InputDecoderTests {
    /// Bytes (and curses key codes) waiting to be read, as a terminal would deliver them.
    final class Script {
        var inputs: [RawInput]
        init(_ inputs: [RawInput]) { self.inputs = inputs }
        convenience init(_ text: String) { self.init(text.utf8.map { .byte($0) }) }
        func read(_ milliseconds: Int) -> RawInput { inputs.isEmpty ? .none : inputs.removeFirst() }
    }

    /// Every key the decoder makes of the script, until it runs dry.
    func decodeAll(_ script: Script) -> [InputDecoder.Decoded] {
        var decoder = InputDecoder()
        var out: [InputDecoder.Decoded] = []
        while let next = decoder.next(wait: 10, from: script.read) {
            if next != .ignored { out.append(next) }
        }
        return out
    }

    func keys(_ text: String) -> [InputDecoder.Decoded] { text.map { .key(.character($0)) } }

    @Test func utf8TextIsDecodedWhateverTheLocaleAndNothingAfterAnAccentIsLost() {
        // Under LANG=C curses hands over bytes: the decoder puts the characters back together
        let typed = "Zoé, ça marche ✅ 🙏 日本 ok"
        #expect(decodeAll(Script(typed)) == keys(typed))
    }

    @Test func aByteThatIsNotUTF8IsReadAsLatin1AndTheKeysAfterItStay() {
        // "é" from a terminal in ISO-8859-1 (0xE9), then "t" and "é" again, then a lone continuation byte
        let script = Script([.byte(0xE9), .byte(UInt8(ascii: "t")), .byte(0xE9), .byte(0xA9), .byte(UInt8(ascii: "!"))])
        #expect(decodeAll(script) == keys("été©!"))
    }

    @Test func controlKeysAndAlt() {
        let script = Script([.byte(0x13), .byte(0x0D), .byte(0x7F), .byte(0x09), .byte(0x1B), .byte(UInt8(ascii: "b")), .byte(0x1A)])
        #expect(
            decodeAll(script) == [
                .key(.control("s")), .key(.enter), .key(.backspace), .key(.tab), .key(.alt("b")), .key(.control("z")),
            ])
    }

    @Test func aResizeRightAfterEscapeIsKept() {
        // W10: Escape, then at once the resize curses reports as KEY_RESIZE
        let resize: Int32 = 0o632
        let script = Script([.byte(0x1B), .function(resize), .byte(UInt8(ascii: "j"))])
        #expect(decodeAll(script) == [.key(.escape), .function(resize), .key(.character("j"))])
        // And an Escape followed by Enter or a second Escape gives both keys
        #expect(decodeAll(Script([.byte(0x1B), .byte(0x0D)])) == [.key(.escape), .key(.enter)])
        #expect(decodeAll(Script([.byte(0x1B), .byte(0x1B)])) == [.key(.escape), .key(.escape)])
        #expect(decodeAll(Script([.byte(0x1B)])) == [.key(.escape)])
    }

    @Test func aBracketedPasteIsOneKeyWithItsNewlinesAndNothingIsReadAsCommands() {
        let pasted = "Bonjour Zoé,\nc'est réglé ✅\n\tmerci q:"
        let script = Script("\u{1B}[200~" + pasted + "\u{1B}[201~" + "x")
        #expect(decodeAll(script) == [.key(.paste(pasted)), .key(.character("x"))])
    }

    @Test func aPasteThatNeverEndsEndsWithWhatArrived() {
        let script = Script("\u{1B}[200~" + "à moitié")
        #expect(decodeAll(script) == [.key(.paste("à moitié"))])
    }

    @Test func unknownEscapeSequencesAreNotTyped() {
        // A focus-in report and an unknown CSI: no keys; Alt-[ alone stays Alt-[
        #expect(decodeAll(Script("\u{1B}[I" + "a" + "\u{1B}[99;5u")) == keys("a"))
        #expect(decodeAll(Script([.byte(0x1B), .byte(UInt8(ascii: "["))])) == [.key(.alt("["))])
    }
}
