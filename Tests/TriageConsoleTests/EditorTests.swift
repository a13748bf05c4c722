import Testing
import TriageCore

@testable import TriageConsole

@Suite struct EditorTests {
    @Test func typingAccentsEmojiAndCJK() {
        var e = TextEditor()
        e.insert("Réponse: 日本 🔥")
        #expect(e.text == "Réponse: 日本 🔥")
        #expect(e.column == 13)
        e.backspace()
        e.backspace()
        #expect(e.text == "Réponse: 日本")
    }

    @Test func movingByCharacterWordAndLine() {
        var e = TextEditor(text: "Bonjour Élodie, ça va ?\nSecond")
        #expect((e.line, e.column) == (1, 6))
        e.moveHome()
        e.moveLeft()
        #expect((e.line, e.column) == (0, 23))
        e.moveWordLeft()
        #expect(e.column == 19)
        e.moveWordLeft()
        e.moveWordLeft()
        #expect(e.column == 8)
        e.moveWordRight()
        #expect(e.column == 14)
        e.moveEnd()
        e.moveRight()
        #expect((e.line, e.column) == (1, 0))
    }

    @Test func newlinesDeleteAndJoin() {
        var e = TextEditor(text: "ab")
        e.moveLeft()
        e.newline()
        #expect(e.text == "a\nb")
        e.backspace()
        #expect(e.text == "ab")
        e.moveHome()
        e.delete()
        #expect(e.text == "b")
        e.moveEnd()
        e.insert(" mot suivant")
        e.deleteWordBackward()
        #expect(e.text == "b mot ")
    }

    @Test func pastesAreCleanedAndSingleLineStaysOneLine() {
        var e = TextEditor()
        e.insert("one\r\ntwo\u{1B}[31m\tthree")
        #expect(e.text == "one\ntwo[31m    three")
        var line = TextEditor(singleLine: true)
        line.insert("a\nb")
        #expect(line.text == "a b")
    }

    @Test func wrappingBreaksAtSpacesAndNeverInsideAWideCharacter() {
        let e = TextEditor(text: "le chat dort 日本語日本語")
        let rows = e.layout(width: 10)
        let texts = rows.map { String(e.lines[$0.line][$0.start..<$0.end]) }
        #expect(texts == ["le chat ", "dort ", "日本語日", "本語"])
        for row in rows {
            let width = e.lines[row.line][row.start..<row.end].reduce(0) { $0 + TriageCore.TerminalText.width(of: $1) }
            #expect(width <= 9)
        }
    }

    @Test func upAndDownMoveByScreenRow() {
        var e = TextEditor(text: "aaaa bbbb cccc")
        e.moveHome()
        e.moveRight()
        e.moveVertically(1, width: 6)
        #expect(e.cursorPosition(width: 6).row == 1)
        e.moveVertically(1, width: 6)
        #expect(e.cursorPosition(width: 6).row == 2)
        e.moveVertically(1, width: 6)
        #expect(e.column == e.lines[0].count)
        e.moveVertically(-5, width: 6)
        #expect(e.column == 0)
    }
}
