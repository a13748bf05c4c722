import Foundation
import TriageCore

extension QueueView {
    /// What a row's subject starts with: `•` when someone else moved the ticket since the agent last opened it,
    /// `✎` when the agent has a draft set aside on it (ASCII `*` and `%`), after `[bruno replying]` when colleagues
    /// are on it (the most telling first, `+1` for more).
    static func subjectMarks(_ id: TicketID, state: ConsoleState, glyphs: Glyphs) -> String {
        var marks = ""
        if let first = state.presence[id]?.first {
            let more = (state.presence[id]?.count ?? 1) > 1 ? " +\((state.presence[id]?.count ?? 1) - 1)" : ""
            marks += "[\(first.agent) \(first.activity.rawValue)\(more)] "
        }
        if state.isUnread(id) { marks += glyphs.ui("•") + " " }
        if state.drafts[id] != nil { marks += glyphs.ui("✎") + " " }
        return marks
    }
}
