import Foundation
import TriageCore

extension ConsoleState {
    /// Keys go to whatever is on top: a confirmation, the editor, a prompt, the help, then the screen.
    mutating func handle(_ key: Key, now: Date) -> [ConsoleEffect] {
        if key == .control("c") { return quit() }
        if key == .control("z") { return [.suspend] }
        if confirmation != nil { return handleConfirmation(key, now: now) }
        if editor != nil { return handleEditor(key, now: now) }
        if prompt != nil { return handlePrompt(key, now: now) }
        if showHelp {
            // The help scrolls like any page; any other key closes it.
            if let move = Self.scrollMove(for: key) {
                scroll(.help, move, now: now)
            } else {
                showHelp = false
                helpScroll = 0
            }
            return []
        }
        switch key {
        case .character("q"):
            if detailOpen {
                detailOpen = false
                return []
            }
            return quit()
        case .character("?"), .function(1):
            showHelp = true
            return []
        case .character(":"):
            prompt = LinePrompt(purpose: .command)
            return []
        case .character("/"):
            prompt = LinePrompt(purpose: .filter, text: filterText)
            return []
        case .character("1"): return switchTo(.queue, now: now)
        case .character("2"): return switchTo(.watch, now: now)
        case .character("3"): return switchTo(.stats, now: now)
        case .tab:
            let all = Screen.allCases
            return switchTo(all[(all.firstIndex(of: screen)! + 1) % all.count], now: now)
        case .backTab:
            let all = Screen.allCases
            return switchTo(all[(all.firstIndex(of: screen)! + all.count - 1) % all.count], now: now)
        case .escape:
            if detailOpen {
                detailOpen = false
            } else if !filterText.isEmpty {
                filterText = ""
                keepSelectionVisible(now: now)
                say("Filter cleared", now: now)
            }
            return []
        default: break
        }
        if detailOpen || screen != .stats, let effects = handleTicketKey(key, now: now) { return effects }
        switch screen {
        case .queue, .watch: return handleListKey(key, now: now)
        case .stats: return handleStatsKey(key, now: now)
        }
    }

    mutating func quit() -> [ConsoleEffect] {
        quitting = true
        // Colleagues stop seeing this agent on a ticket at once, not after `Presence.freshness`.
        return (heartbeat?.ticket != nil ? [.heartbeat(nil, typing: nil)] : []) + [.quit]
    }

    mutating func switchTo(_ target: Screen, now: Date) -> [ConsoleEffect] {
        screen = target
        detailOpen = false
        switch target {
        case .stats: return [.loadStats(statsWeek)]
        case .watch:
            if watchSelectedID == nil || !watchTickets(now: now).contains(where: { $0.id == watchSelectedID }) {
                watchSelectedID = watchTickets(now: now).first?.id
            }
            return watchSelectedID.map { [.loadDetail($0)] } ?? []
        case .queue: return selectedID.map { [.loadDetail($0)] } ?? []
        }
    }

    /// Keys that act on the selected ticket, on the queue, the watch and the detail.
    mutating func handleTicketKey(_ key: Key, now: Date) -> [ConsoleEffect]? {
        guard let ticket = selectedTicket(now: now) else { return nil }
        let id = ticket.id
        // B1: a closed ticket (closed here or by anyone) refuses what would change it, but a reopen and a note.
        if ticket.status == .closed, Self.refusedWhenClosed.contains(key) {
            _ = refuseIfClosed(id, now: now)
            return []
        }
        switch key {
        case .character("r"): return openEditor(.reply, id)
        case .character("n"): return openEditor(.note, id)
        // One meaning per key, on every screen: a assigns to me, e acknowledges.
        case .character("a"): return [.change(id, .assign(agent))]
        case .character("A"):
            prompt = LinePrompt(purpose: .command, text: "assign ")
            return [.loadRoster]
        case .character("p"): prompt = LinePrompt(purpose: .command, text: "priority ")
        case .character("c"): prompt = LinePrompt(purpose: .command, text: "category ")
        case .character("t"): prompt = LinePrompt(purpose: .command, text: "tag ")
        case .character("s"):
            if ticket.status == .open { stayInPlace = id }
            return [.change(id, .status(ticket.status == .open ? .waiting : .open))]
        case .character("x"): return startClose(id, resolution: nil, quiet: false, now: now)
        case .character("o"): return [.change(id, .reopen)]
        case .character("e"): return [.change(id, .acknowledge)]
        case .character("b") where screen == .watch:
            bellEnabled.toggle()
            say(bellEnabled ? "Bell on: a new breach rings" : "Bell off", now: now)
        case .character("J"), .control("n"): scroll(.detail, .lines(1), now: now)
        case .character("K"), .control("p"): scroll(.detail, .lines(-1), now: now)
        case .enter:
            detailOpen.toggle()
            detailTarget = detailOpen ? id : nil
            detailScroll = 0
            return detailOpen ? [.loadDetail(id)] : []
        default:
            // The full-screen detail is a page: the moving keys scroll it.
            guard detailOpen, let move = Self.scrollMove(for: key) else { return nil }
            scroll(.detail, move, now: now)
        }
        return []
    }

    mutating func openEditor(_ kind: DraftKind, _ id: TicketID) -> [ConsoleEffect] {
        let seen = detail.flatMap { $0.ticket.id == id ? $0.newestMessage : nil }
        editor = EditorSession(kind: kind, ticketID: id, editor: TextEditor(), seenMessage: seen)
        return [.loadDraft(kind, id)]
    }

    mutating func handleListKey(_ key: Key, now: Date) -> [ConsoleEffect] {
        let list = screen == .watch ? watchTickets(now: now) : visibleTickets(now: now)
        guard !list.isEmpty else { return [] }
        let current = list.firstIndex { $0.id == (screen == .watch ? watchSelectedID : selectedID) } ?? 0
        var index = current
        switch key {
        case .down, .character("j"): index += 1
        case .up, .character("k"): index -= 1
        case .pageDown, .control("d"): index += listRows
        case .pageUp, .control("u"): index -= listRows
        case .home, .character("g"): index = 0
        case .end, .character("G"): index = list.count - 1
        default: return []
        }
        index = max(0, min(list.count - 1, index))
        guard index != current || (screen == .queue ? selectedID : watchSelectedID) == nil else { return [] }
        if screen == .watch { watchSelectedID = list[index].id } else { selectedID = list[index].id }
        keepSelectionVisible(now: now)
        detailScroll = 0
        return [.loadDetail(list[index].id)]
    }

    mutating func handleStatsKey(_ key: Key, now: Date) -> [ConsoleEffect] {
        switch key {
        case .left, .character("h"): statsWeek = statsWeek.previous
        case .right, .character("l"):
            guard statsWeek < ISOWeek(containing: now) else { return [] }
            statsWeek = statsWeek.next
        case .character("t"), .character("."): statsWeek = ISOWeek(containing: now)
        default:
            if let move = Self.scrollMove(for: key) { scroll(.stats, move, now: now) }
            return []
        }
        return [.loadStats(statsWeek)]
    }

    /// A question in a box: each answer does what the question says it does; Esc never does the thing asked about.
    mutating func handleConfirmation(_ key: Key, now: Date) -> [ConsoleEffect] {
        guard let question = confirmation else { return [] }
        let yes = key == .character("y") || key == .character("Y")
        let no = key == .character("n") || key == .character("N")
        guard yes || no || key == .escape || key == .enter else { return [] }
        confirmation = nil
        switch question.purpose {
        case .discardDraft:
            // Only y discards; n, Esc and Enter keep the draft and the editor.
            guard yes, let session = editor else { return [] }
            editor = nil
            noteDraft(session.kind, session.ticketID, text: "")
            say("Draft discarded", now: now)
            return [.saveDraft(session.kind, session.ticketID, "")]
        case .close(let id, let resolution, let quiet):
            let close = yes || key == .enter || (no && !quiet)
            guard key != .escape, close else {
                say("\(id) not closed", now: now)
                return []
            }
            return [.change(id, .close(resolution: resolution, notify: !quiet && !no))]
        case .assignUnknown(let id, let name):
            guard yes else {
                say("\(id) not assigned", now: now)
                return []
            }
            return [.change(id, .assign(name))]
        case .sendOverColleague(let id):
            // Only y sends; n, Esc and Enter go back to the editor with the draft as it is.
            let text = editor?.editor.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard yes, let session = editor, session.ticketID == id, !text.isEmpty else { return [] }
            return send(session, text: text)
        }
    }

    mutating func handleEditor(_ key: Key, now: Date) -> [ConsoleEffect] {
        guard var session = editor else { return [] }
        if replyPicker != nil { return handleReplyPicker(key, now: now) }
        let width = editorTextWidth
        var edited = true
        switch key {
        case .control("s"):
            // The one key that sends (Ctrl-D deletes, as in a shell line).
            let text = session.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                say("Nothing to send yet", isError: true, now: now)
                return []
            }
            if session.kind == .reply, knownStatus(of: session.ticketID) == .closed {
                say(
                    "\(session.ticketID) is closed: the reply is not sent (your draft is kept). Esc, then o reopens it", isError: true,
                    now: now)
                return []
            }
            if askBeforeSendingOver(session) { return [] }
            return send(session, text: text)
        case .escape:
            // Leaves the editor; the draft stays saved and marked on its ticket until it is sent or discarded.
            editor = nil
            if session.editor.isEmpty {
                noteDraft(session.kind, session.ticketID, text: "")
                return [.saveDraft(session.kind, session.ticketID, "")]
            }
            noteDraft(session.kind, session.ticketID, text: session.editor.text)
            let key = session.kind == .reply ? "r" : "n"
            say("Draft kept: \(key) on \(session.ticketID) takes it up again (/is:draft lists the tickets with one)", now: now)
            return []
        case .control("t"): return openReplyPicker(now: now)
        case .control("x"):
            guard !session.editor.isEmpty else { return [] }
            confirmation = Confirmation(
                purpose: .discardDraft, question: "Discard this draft for good?\ny: discard · n or Esc: keep writing")
            return []
        case .character(let c): session.editor.insert(String(c))
        case .paste(let text): session.editor.insert(text)
        case .enter: session.editor.newline()
        case .tab: session.editor.insert("    ")
        case .backspace: session.editor.backspace()
        case .delete, .control("d"): session.editor.delete()
        case .control("w"): session.editor.deleteWordBackward()
        case .left: session.editor.moveLeft(); edited = false
        case .right: session.editor.moveRight(); edited = false
        case .wordLeft, .alt("b"): session.editor.moveWordLeft(); edited = false
        case .wordRight, .alt("f"): session.editor.moveWordRight(); edited = false
        case .home, .control("a"): session.editor.moveHome(); edited = false
        case .end, .control("e"): session.editor.moveEnd(); edited = false
        case .up: session.editor.moveVertically(-1, width: width); edited = false
        case .down: session.editor.moveVertically(1, width: width); edited = false
        default: edited = false
        }
        editor = session
        guard edited else { return [] }
        noteDraft(session.kind, session.ticketID, text: session.editor.text)
        return [.saveDraft(session.kind, session.ticketID, session.editor.text)]
    }

    /// Sends the editor's text (Ctrl-S, or y when a colleague was replying too) and closes the editor.
    mutating func send(_ session: EditorSession, text: String) -> [ConsoleEffect] {
        editor = nil
        noteDraft(session.kind, session.ticketID, text: "")
        if session.kind == .reply, !detailOpen, screen == .queue, selectedID == session.ticketID { stayInPlace = session.ticketID }
        return [.change(session.ticketID, session.kind == .reply ? .reply(text) : .note(text))]
    }

    /// The width the editor wraps its text at (the layout's, so moving up and down follows the rows drawn).
    var editorTextWidth: Int { layout.editorTextWidth }

    mutating func handlePrompt(_ key: Key, now: Date) -> [ConsoleEffect] {
        guard var line = prompt else { return [] }
        switch key {
        case .escape:
            prompt = nil
            // The filter line says "Esc clears": it does, at once, not only once the line is closed.
            if line.purpose == .filter {
                filterText = ""
                keepSelectionVisible(now: now)
            }
            return []
        case .enter:
            prompt = nil
            return submit(line, now: now)
        case .character(let c): line.editor.insert(String(c))
        case .paste(let text): line.editor.insert(text)
        case .tab where line.purpose == .command:
            completePrompt()
            return []
        case .backspace:
            if line.editor.isEmpty && line.purpose == .command {
                prompt = nil
                return []
            }
            line.editor.backspace()
        case .delete: line.editor.delete()
        case .control("w"): line.editor.deleteWordBackward()
        case .control("u"): line.editor.clear()
        case .left: line.editor.moveLeft()
        case .right: line.editor.moveRight()
        case .wordLeft, .alt("b"): line.editor.moveWordLeft()
        case .wordRight, .alt("f"): line.editor.moveWordRight()
        case .home, .control("a"): line.editor.moveHome()
        case .end, .control("e"): line.editor.moveEnd()
        default: break
        }
        prompt = line
        if line.purpose == .filter {
            filterText = line.editor.text
            let visible = visibleTickets(now: now)
            if let first = visible.first, !visible.contains(where: { $0.id == selectedID }) {
                selectedID = first.id
                scrollTop = 0
                return [.loadDetail(first.id)]
            }
            keepSelectionVisible(now: now)
        }
        return []
    }

    mutating func submit(_ line: LinePrompt, now: Date) -> [ConsoleEffect] {
        let text = line.editor.text
        switch line.purpose {
        case .filter:
            filterText = text.trimmingCharacters(in: .whitespaces)
            let query = FilterQuery(filterText, agent: agent)
            if !query.problems.isEmpty {
                say(
                    "Not understood: \(query.problems.joined(separator: " ")) (prio: cat: status: assignee: breach:<6h tag:)",
                    isError: true, now: now)
            } else if query.asksClosed {
                say("Closed tickets are not in the queue: :view <id> opens one", isError: true, now: now)
            }
            return []
        case .closeResolution(let id, let quiet):
            let resolution = text.trimmingCharacters(in: .whitespaces)
            askClose(id, resolution: resolution.isEmpty ? nil : resolution, quiet: quiet)
            return []
        case .command:
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
            // A new command's outcome replaces the last one's message (an old error no longer stands beside it).
            status = nil
            do {
                return try run(ConsoleCommand.parse(text), now: now)
            } catch {
                say(error.description, isError: true, now: now)
                return []
            }
        }
    }

    mutating func run(_ command: ConsoleCommand, now: Date) -> [ConsoleEffect] {
        let target = selectedTicket(now: now)?.id
        switch command {
        case .change(let change):
            guard let target else {
                say("Select a ticket first", isError: true, now: now)
                return []
            }
            // B1: a closed ticket takes a reopen only.
            if change != .reopen, refuseIfClosed(target, now: now) { return [] }
            if case .assign(let name?) = change { return assign(name, to: target, now: now) }
            return [.change(target, change)]
        case .close(let resolution, let quiet):
            guard let target else {
                say("Select a ticket first", isError: true, now: now)
                return []
            }
            return startClose(target, resolution: resolution, quiet: quiet, now: now)
        case .reply, .note:
            guard let target else {
                say("Select a ticket first", isError: true, now: now)
                return []
            }
            if command == .reply, refuseIfClosed(target, now: now) { return [] }
            return openEditor(command == .reply ? .reply : .note, target)
        case .view(let id):
            if screen == .stats { screen = .queue }
            if tickets.contains(where: { $0.id == id }) && screen == .queue { selectedID = id }
            detail = nil
            detailOpen = true
            detailTarget = id
            detailScroll = 0
            return [.loadDetail(id)]
        case .theme(let name): return [.applyTheme(name)]
        case .bell(let on):
            bellEnabled = on
            say(on ? "Bell on" : "Bell off", now: now)
            return []
        case .filter(let text):
            filterText = text
            keepSelectionVisible(now: now)
            return []
        case .screen(let s): return switchTo(s, now: now)
        case .week(let week):
            statsWeek = week
            screen = .stats
            return [.loadStats(week)]
        case .help:
            showHelp = true
            return []
        case .quit: return quit()
        }
    }
}
