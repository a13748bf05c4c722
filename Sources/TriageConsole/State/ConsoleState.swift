import Foundation
import TriageCore

/// The console's screens.
public enum Screen: String, Sendable, CaseIterable {
    case queue, watch, stats
}

/// A line of text being typed at the bottom of the screen: the `:` command line or the `/` filter.
public struct LinePrompt: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case command
        case filter
        /// The resolution of a close, then whether to notify (`quiet`: the agent already said not to).
        case closeResolution(TicketID, quiet: Bool)
    }

    public var purpose: Purpose
    public var editor: TextEditor

    public init(purpose: Purpose, text: String = "") {
        self.purpose = purpose
        editor = TextEditor(text: text, singleLine: true)
    }
}

/// A yes/no question in a modal box.
public struct Confirmation: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case discardDraft
        /// Closing, after the resolution: y closes and asks the user for feedback, n closes without asking (`quiet`:
        /// y closes without asking, n does not close); Esc never closes.
        case close(TicketID, resolution: String?, quiet: Bool)
        /// Assigning to a name the roster does not know.
        case assignUnknown(TicketID, String)
        /// Sending a reply while a colleague writes one on the same ticket.
        case sendOverColleague(TicketID)
    }

    public var purpose: Purpose
    public var question: String
}

/// An open reply or internal-note editor.
public struct EditorSession: Equatable, Sendable {
    public var kind: DraftKind
    public var ticketID: TicketID
    public var editor: TextEditor
    /// The newest message of the ticket the agent had on screen when the editor opened (0: none yet; nil: its detail
    /// was not loaded, and the first one loaded sets it), so a reply a colleague sends meanwhile is asked about.
    public var seenMessage: Int64?

    public init(kind: DraftKind, ticketID: TicketID, editor: TextEditor, seenMessage: Int64? = nil) {
        self.kind = kind
        self.ticketID = ticketID
        self.editor = editor
        self.seenMessage = seenMessage
    }
}

/// A message in the status bar.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public var until: Date
}

/// The stats screen's data for one week.
public struct StatsModel: Equatable, Sendable {
    public var stats: WeeklyStats
    public var trend: [TrendWeek]
    public var reminders: [Reminder]

    public init(stats: WeeklyStats, trend: [TrendWeek], reminders: [Reminder]) {
        self.stats = stats
        self.trend = trend
        self.reminders = reminders
    }
}

/// Everything the console shows, as plain values. Only `reduce` changes it; views only read it.
public struct ConsoleState: Equatable, Sendable {
    public var agent: String
    public var policy: SLAPolicy
    public var width: Int
    public var height: Int
    public var screen: Screen = .queue

    /// Every queued ticket (open, then waiting), in queue order, as last loaded.
    public var tickets: [Ticket] = []
    public var summary = QueueSummary()
    /// The ticket counter the loaded queue is as of: later refreshes ask only for what changed since (nil: load the
    /// whole queue).
    public var queueVersion: Int?
    public var loaded = false
    public var lastChange: Date?
    /// Tickets that arrived while the console was open, and until when they are highlighted.
    public var arrivals: [TicketID: Date] = [:]
    /// The escalated tickets' pages and acknowledgements, as loaded with the queue.
    public var escalations: [TicketID: EscalationInfo] = [:]
    /// The automation runner's health (nil: not loaded yet), and when it was last asked for.
    public var automation: AutomationHealth?
    public var automationCheckedAt: Date?

    public var selectedID: TicketID?
    /// The queue's first visible row.
    public var scrollTop = 0
    public var watchSelectedID: TicketID?
    /// The watch's first visible row.
    public var watchScrollTop = 0

    /// Whether the detail is shown full-screen (always, on a narrow terminal, once opened).
    public var detailOpen = false
    /// The ticket the full-screen detail was opened on (Enter, `:view`): while its detail loads — or when it does
    /// not exist — nothing else stands in for it, so a key never acts on a ticket that is not on screen.
    public var detailTarget: TicketID?
    public var detail: TicketDetail?
    public var detailScroll = 0

    public var filterText = ""
    public var prompt: LinePrompt?
    public var confirmation: Confirmation?
    public var editor: EditorSession?
    public var showHelp = false
    public var helpScroll = 0
    public var status: StatusMessage?

    public var statsWeek: ISOWeek
    /// The stats page's first visible line.
    public var statsScroll = 0
    public var stats: StatsModel?

    /// The tickets with a saved draft of the agent's, and of which kinds (marked in the queue; `/is:draft` lists them).
    public var drafts: [TicketID: Set<DraftKind>] = [:]
    /// The agents a ticket can be assigned to, as loaded from the store (the assign prompt completes from it).
    public var roster: [String] = []
    /// The canned replies found at start (`replies/`), and their list while it is open over the editor (Ctrl-T).
    public var replies: [ReplyTemplate] = []
    public var replyPicker: ReplyPicker?
    /// What the agent last saw of the queued tickets they opened, and which moved since (marked in the queue).
    public var seen: [TicketID: LastSeen] = [:]
    /// Colleagues on tickets now (read with the automation health), and this console's own presence as last sent.
    public var presence: [TicketID: [Presence]] = [:]
    public var heartbeat: Heartbeat?
    /// The tickets' folded search text, kept between keystrokes of the `/` filter (a memo: see `SearchIndex`).
    public let searchIndex = SearchIndex()
    /// A ticket the agent just set waiting (a reply, `s`): when it moves down to the waiting section, the cursor
    /// stays where it was, on the ticket that took its place, instead of following it.
    public var stayInPlace: TicketID?

    public var bellEnabled = true
    /// Tickets seen breached, so that the bell rings once per new breach.
    public var knownBreached: Set<TicketID> = []
    /// When `knownBreached` was last brought up to date.
    public var breachesCheckedAt: Date?
    public var themeName: String
    /// The zone times are shown in (the console's local zone; UTC for snapshots and tests).
    public var timeZone: TimeZone
    public var quitting = false

    public init(
        agent: String, policy: SLAPolicy, width: Int, height: Int, now: Date, themeName: String = "dark",
        timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.agent = agent
        self.policy = policy
        self.width = width
        self.height = height
        self.themeName = themeName
        self.timeZone = timeZone
        statsWeek = ISOWeek(containing: now)
    }

    /// The tickets the queue shows: the loaded queue narrowed by the `/` filter.
    public func visibleTickets(now: Date) -> [Ticket] {
        guard !filterText.isEmpty else { return tickets }
        let query = FilterQuery(filterText, agent: agent)
        return tickets.filter {
            query.matches($0, now: now, policy: policy, index: searchIndex) && (!query.onlyDrafts || drafts[$0.id] != nil)
        }
    }

    /// The breach watch: breached and warning open tickets, the biggest danger first.
    public func watchTickets(now: Date) -> [Ticket] {
        dueSoon(now: now).filter { t in [.breached, .warning].contains(t.sla.state(now: now, policy: policy)) }
            .sorted { ($0.sla.remaining(now: now), $0.priority.rank) < ($1.sla.remaining(now: now), $1.priority.rank) }
    }

    /// The open tickets due before the longest warning lead from now: the queue (in queue order, open tickets first
    /// by due time) starts with them, so only they are looked at, not the whole loaded queue.
    func dueSoon(now: Date) -> ArraySlice<Ticket> { tickets[..<openEnd(dueBefore: now.addingTimeInterval(longestLead))] }

    /// The longest warning lead of the policy.
    var longestLead: TimeInterval { warningLeads.max() ?? 0 }

    /// The policy's warning leads by priority rank (read once for a walk over many tickets).
    var warningLeads: [TimeInterval] { policy.warningLeadsByRank }

    /// Where the open tickets due before `date` end in the window. The queue is in order (open by due time, then
    /// waiting): found by halving, not by a walk.
    func openEnd(dueBefore date: Date) -> Int {
        var (low, high) = (tickets.startIndex, tickets.endIndex)
        while low < high {
            let middle = (low + high) / 2
            if tickets[middle].status != .open || tickets[middle].sla.dueAt >= date { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The breached and warning open tickets, counted from the held window when it holds every open ticket due
    /// within the longest warning lead (nil when it does not: the store's count stands). Counted at `now`, so the
    /// header's counts move the moment a ticket breaches, with no read.
    public func dueCounts(now: Date) -> (breached: Int, warning: Int)? {
        let soon = openEnd(dueBefore: now.addingTimeInterval(longestLead))
        guard soon < tickets.endIndex || tickets.count >= summary.open + summary.waiting else { return nil }
        // Breached: those due before now (`SLASnapshot.state`), a prefix; warning: those of the rest within their lead.
        let breached = openEnd(dueBefore: now)
        let leads = warningLeads
        var warning = 0
        for index in breached..<soon
        where SLAState.running(remaining: tickets[index].sla.remaining(now: now), lead: leads[tickets[index].priority.rank]) == .warning {
            warning += 1
        }
        return (breached, warning)
    }

    /// The header's counts: the store's, with the breached and warning counts of the held window when it holds them.
    public func headerSummary(now: Date) -> QueueSummary {
        guard let due = dueCounts(now: now) else { return summary }
        var counted = summary
        (counted.breached, counted.warning, counted.dueCounted) = (due.breached, due.warning, true)
        return counted
    }

    /// The ticket under the cursor on the current screen.
    public func selectedTicket(now: Date) -> Ticket? {
        if detailOpen {
            if let detail, detail.ticket.id == detailTarget ?? detail.ticket.id { return detail.ticket }
            // Still loading: the row it was opened from, if it is one (a `:view` of an id not in the queue: none yet).
            guard let target = detailTarget else { return nil }
            return tickets.first { $0.id == target }
        }
        let id = screen == .watch ? watchSelectedID : selectedID
        guard let id else { return nil }
        if let detail, detail.ticket.id == id { return detail.ticket }
        return tickets.first { $0.id == id }
    }

    /// How many of a ticket's latest events the console loads with its detail: it shows none, and reads only who
    /// made the latest assignment and close (a long history would otherwise be read again on every change).
    public static let detailEvents = 32

    /// How many tickets of the queue the console holds (the first, in queue order); the header counts cover all.
    public static let queueWindow = 5_000

    /// How many tickets are queued in all when that is more than the console holds (`queueWindow`, the most urgent
    /// first): the list, its filters and the breach watch then cover only those, and say so. Nil when it holds them all.
    public var queuedBeyondWindow: Int? {
        let queued = summary.open + summary.waiting
        return loaded && queued > tickets.count && tickets.count >= Self.queueWindow ? queued : nil
    }

    /// The most changed tickets one refresh reads one by one; past it (a bulk load, a policy change) the console
    /// takes a whole snapshot instead.
    public static let changesLimit = 500

    /// What to load when the store changed: the queue's changes since the loaded version (or the whole queue), and
    /// the week's stats on the stats screen. The detail follows when the ticket it shows is among the changes.
    public func refreshEffects(now: Date) -> [ConsoleEffect] {
        var effects: [ConsoleEffect] = [
            queueVersion.map { .loadQueueChanges(since: $0, detail: currentSelectionID, countDue: dueCounts(now: now) == nil) }
                ?? .loadQueue
        ]
        if screen == .stats { effects.append(.loadStats(statsWeek)) }
        return effects
    }

    /// How often the clock asks for the automation health again when no ticket changed.
    public static let automationRefresh: TimeInterval = 5
}
