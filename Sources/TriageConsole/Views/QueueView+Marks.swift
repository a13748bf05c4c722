import Foundation
import TriageCore

extension QueueView {
    /// What a row's subject starts with: `•` when someone else moved the ticket since the agent last opened it,
    /// `✎` when the agent has a draft set aside on it (ASCII `*` and `%`).
    static func subjectMarks(_ id: TicketID, state: ConsoleState, glyphs: Glyphs) -> String {
        var marks = ""
        if state.isUnread(id) { marks += glyphs.ui("•") + " " }
        if state.drafts[id] != nil { marks += glyphs.ui("✎") + " " }
        return marks
    }
}
