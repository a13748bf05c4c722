import Foundation
import TriageCore

/// A write the console asks the store to make on a ticket.
public enum TicketChange: Equatable, Sendable {
    case assign(String?)
    case priority(Priority)
    case category(TriageCore.Category)
    case status(TicketStatus)
    case tag(add: [String], remove: [String])
    case close(resolution: String?, notify: Bool)
    case reopen
    case acknowledge
    case reply(String)
    case note(String)
}

/// Everything that can happen to the console: keys and resizes from the terminal, ticks of the clock, and the
/// results of effects coming back from the store.
public enum ConsoleAction: Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case tick
    /// A whole snapshot of the queue (the first `queueWindow` tickets), with the ticket counter it was read at.
    case queueLoaded([Ticket], QueueSummary, version: Int? = nil)
    /// What changed since the state's `queueVersion` (`changed` nil: take a whole snapshot instead), with the
    /// changed tickets' escalations and seen marks, and the detail on screen when it changed.
    case queueChanged(QueueChanges)
    /// Paging and acknowledgement of the queue's escalated tickets (every one: the map replaces the last).
    case escalationsLoaded([TicketID: EscalationInfo])
    /// The automation runner's health and the outbox's trouble, for the header.
    case automationLoaded(AutomationHealth)
    case detailLoaded(TicketDetail)
    /// The ticket asked for is not there (a mistyped `:view`, or gone): the store's words.
    case detailMissing(TicketID, String)
    case statsLoaded(ISOWeek, StatsModel)
    case draftLoaded(DraftKind, TicketID, String?)
    /// Which tickets have a saved draft of the agent's, and of which kinds (loaded once; kept up to date as they type).
    case draftsLoaded([TicketID: Set<DraftKind>])
    /// The agents a ticket can be assigned to (the assign prompt completes and checks names against it).
    case rosterLoaded([String])
    /// The canned replies, read once at start by the shell (`replies/`).
    case repliesLoaded([ReplyTemplate])
    /// What the agent saw of queued tickets: of every one (`of` nil: the map replaces the last) or of these.
    case seenLoaded([TicketID: LastSeen], of: Set<TicketID>?)
    /// The colleagues on tickets now (every one: the map replaces the last).
    case presenceLoaded([TicketID: [Presence]])
    case succeeded(String)
    case failed(String)
    case themeApplied(String)
}

/// What `reduce` asks the shell to do. The shell performs it and reports back with actions; `reduce` itself does no
/// I/O.
public enum ConsoleEffect: Equatable, Sendable {
    /// The queue, with its escalations and the automation health: reported as `queueLoaded`, `escalationsLoaded`
    /// and `automationLoaded`.
    case loadQueue
    /// The queue's changes since a ticket counter, with the changed tickets' escalations and seen marks, and the
    /// detail of `detail` when it is among them, in one read: reported as `queueChanged`. `countDue`: whether the
    /// store counts the breached and warning tickets (the console counts them itself when it holds them all).
    case loadQueueChanges(since: Int, detail: TicketID?, countDue: Bool)
    /// The automation health and the colleagues' presence, both of which change without any ticket changing (runner
    /// passes, deliveries, heartbeats): reported as `automationLoaded` and `presenceLoaded`.
    case loadAutomation
    case loadDetail(TicketID)
    case loadStats(ISOWeek)
    case loadDraft(DraftKind, TicketID)
    case saveDraft(DraftKind, TicketID, String)
    /// The tickets with a draft of the agent's: reported as `draftsLoaded`.
    case loadDrafts
    /// The agent roster: reported as `rosterLoaded`.
    case loadRoster
    /// The agent opened the ticket as it was at `at` (its `updatedAt`): its unread marker goes.
    case markSeen(TicketID, at: Date)
    /// This agent has the ticket open (nil: none) and is writing a `typing` draft on it.
    case heartbeat(TicketID?, typing: DraftKind?)
    case change(TicketID, TicketChange)
    case applyTheme(String)
    case bell
    /// Ctrl-Z: give the terminal back and stop (SIGTSTP); redraw when resumed.
    case suspend
    case quit
}
