import Foundation
import Testing
import TriageCore

@testable import TriageConsole

/// Canned replies in the editor: Ctrl-T lists them, typing narrows, Enter inserts the filled text at the cursor.
@Suite struct ReplyPickerTests {
    typealias F = ConsoleFixture

    static let replies = [
        ReplyTemplate(id: "en/refund-delay", title: "Refund on its way", body: "Hi {name}, refund for {ticket}."),
        ReplyTemplate(id: "fr/ban-appeal", title: "Contestation reçue", body: "Réponse d'ici {sla}."),
        ReplyTemplate(id: "fr/refund-delay", title: "Remboursement en cours", body: "Bonjour {name}, {ticket} remboursé."),
    ]

    static func editing() -> ConsoleState {
        var state = F.state()
        _ = reduce(&state, .repliesLoaded(replies), now: F.now)
        F.press([.character("r")] + F.type("Bonjour. "), &state)
        return state
    }

    @Test func enterInsertsTheChosenReplyFilledAtTheCursorAndSavesTheDraft() throws {
        // Given an editor on the first ticket with some text
        var state = Self.editing()
        let id = try #require(state.editor?.ticketID)
        // When Ctrl-T, narrow to the French refund, Enter
        F.press([.control("t")], &state)
        #expect(state.replyPicker == ReplyPicker())
        F.press(F.type("rembourse"), &state)
        #expect(state.replyPicker?.matches(in: state.replies).map(\.id) == ["fr/refund-delay"])
        let effects = F.press([.enter], &state)
        // Then the text is filled for the ticket, inserted after what was typed, and saved as the draft
        let text = "Bonjour. Bonjour …5678, \(id.rawValue) remboursé."
        #expect(state.replyPicker == nil)
        #expect(state.editor?.editor.text == text)
        #expect(effects == [.saveDraft(.reply, id, text)])
        #expect(state.drafts[id] == [.reply])
    }

    @Test func arrowsChooseAndEscGoesBackToTheEditorUnchanged() {
        var state = Self.editing()
        F.press([.control("t"), .down, .down, .down], &state)
        #expect(state.replyPicker?.selected == 2)
        F.press([.up], &state)
        #expect(state.replyPicker?.selected == 1)
        // Typed letters narrow the list and never reach the editor
        F.press(F.type("zz") + [.backspace, .backspace], &state)
        #expect(state.replyPicker?.selected == 0)
        let effects = F.press([.escape], &state)
        #expect(effects.isEmpty)
        #expect(state.replyPicker == nil)
        #expect(state.editor?.editor.text == "Bonjour. ")
        // Esc again sets the draft aside as before
        F.press([.escape], &state)
        #expect(state.editor == nil)
    }

    @Test func withoutRepliesCtrlTSaysWhereToPutThem() {
        var state = F.state()
        F.press([.character("r"), .control("t")], &state)
        #expect(state.replyPicker == nil)
        #expect(state.status?.text.contains("replies/") == true)
        #expect(state.status?.isError == true)
    }

    @Test func thePickerIsDrawnOverTheEditor() {
        var state = Self.editing()
        state.width = 80
        state.height = 24
        F.press([.control("t")] + F.type("refund"), &state)
        let text = F.render(state).lines.joined(separator: "\n")
        #expect(text.contains("Canned replies"))
        #expect(text.contains("Find: refund"))
        #expect(text.contains("en Refund on its way"))
        #expect(text.contains("fr Remboursement en cours"))
        #expect(!text.contains("Contestation"))
    }
}
