import Foundation

/// Where one escalated ticket stands with on-call in its current SLA cycle: how many pages went out, when the breach
/// was recorded, and who acknowledged and when. The console's breach watch and detail show it; the store reads it
/// (`TicketStore.escalations(of:as:)`) from the fire-once facts of the automation runner.
public struct EscalationInfo: Equatable, Sendable {
    public var ticketID: TicketID
    /// The SLA cycle these facts belong to (a reopen starts a new one).
    public var cycle: Int
    /// Pages sent this cycle: the highest page number recorded (0: none yet, e.g. escalated by hand).
    public var pages: Int
    /// When the runner recorded the breach this cycle (nil: no breach recorded, e.g. escalated by hand).
    public var breachedAt: Date?
    /// Who acknowledged the current escalation (nil: nobody yet).
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?

    public init(
        ticketID: TicketID, cycle: Int, pages: Int = 0, breachedAt: Date? = nil, acknowledgedBy: String? = nil,
        acknowledgedAt: Date? = nil
    ) {
        self.ticketID = ticketID
        self.cycle = cycle
        self.pages = pages
        self.breachedAt = breachedAt
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
    }

    public var isAcknowledged: Bool { acknowledgedAt != nil }
}
