import Foundation
import TriageCore

/// The canned-reply list opened from the editor with Ctrl-T: typing narrows it (title or file name, accents and case
/// ignored), ↑ ↓ choose, Enter inserts the chosen reply filled for the ticket at the cursor, Esc goes back.
public struct ReplyPicker: Equatable, Sendable {
    public var query = ""
    /// The chosen row among `matches`.
    public var selected = 0

    public init() {}

    /// The templates whose title or id contains every word typed (folded: `remboursement` finds “Remboursé”).
    public func matches(in templates: [ReplyTemplate]) -> [ReplyTemplate] {
        let words = Self.fold(query).split(separator: " ")
        guard !words.isEmpty else { return templates }
        return templates.filter { template in
            let text = Self.fold(template.id + " " + template.title)
            return words.allSatisfy { text.contains($0) }
        }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}

extension ConsoleState {
    /// Ctrl-T in the editor: the canned replies, or why there are none.
    mutating func openReplyPicker(now: Date) -> [ConsoleEffect] {
        guard !replies.isEmpty else {
            say("No canned replies: put them in replies/ (or $TRIAGE_REPLIES), one file each", isError: true, now: now)
            return []
        }
        replyPicker = ReplyPicker()
        return []
    }

    /// Keys while the canned-reply list is open over the editor.
    mutating func handleReplyPicker(_ key: Key, now: Date) -> [ConsoleEffect] {
        guard var picker = replyPicker else { return [] }
        let count = picker.matches(in: replies).count
        switch key {
        case .escape, .control("t"):
            replyPicker = nil
            return []
        case .up, .control("p"): picker.selected = max(0, picker.selected - 1)
        case .down, .control("n"): picker.selected = min(max(0, count - 1), picker.selected + 1)
        case .enter:
            return insertReply(picker, now: now)
        case .character(let c):
            picker.query.append(c)
            picker.selected = 0
        case .backspace:
            if !picker.query.isEmpty { picker.query.removeLast() }
            picker.selected = 0
        default: break
        }
        replyPicker = picker
        return []
    }

    /// Inserts the chosen reply, filled for the editor's ticket, at the editor's cursor (and saves the draft).
    mutating func insertReply(_ picker: ReplyPicker, now: Date) -> [ConsoleEffect] {
        let matches = picker.matches(in: replies)
        guard var session = editor, matches.indices.contains(picker.selected) else { return [] }
        let ticket: Ticket? =
            detail?.ticket.id == session.ticketID ? detail?.ticket : tickets.first { $0.id == session.ticketID }
        guard let ticket else {
            say("\(session.ticketID) is not loaded yet: try again in a moment", isError: true, now: now)
            return []
        }
        replyPicker = nil
        let template = matches[picker.selected]
        session.editor.insert(template.filled(for: ticket, now: now))
        editor = session
        noteDraft(session.kind, session.ticketID, text: session.editor.text)
        say("Inserted “\(template.title)”: edit it, then Ctrl-S sends", now: now)
        return [.saveDraft(session.kind, session.ticketID, session.editor.text)]
    }
}
