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
    case queueLoaded([Ticket], QueueSummary)
    /// Paging and acknowledgement of the queue's escalated tickets (every one: the map replaces the last).
    case escalationsLoaded([TicketID: EscalationInfo])
    /// The automation runner's health and the outbox's trouble, for the header.
    case automationLoaded(AutomationHealth)
    case detailLoaded(TicketDetail)
    case statsLoaded(ISOWeek, StatsModel)
    case draftLoaded(DraftKind, TicketID, String?)
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
    /// The automation health alone (it changes without any ticket changing: runner passes, deliveries).
    case loadAutomation
    case loadDetail(TicketID)
    case loadStats(ISOWeek)
    case loadDraft(DraftKind, TicketID)
    case saveDraft(DraftKind, TicketID, String)
    case change(TicketID, TicketChange)
    case applyTheme(String)
    case bell
    case quit
}
