import Foundation
import TriageCore

/// The `custom_id`s of Triage's buttons and modal (≤ 100 characters; design §5.6), written and read in this one place.
///
/// - `triage:create`: the panel's "Create a ticket" button (opens the form);
/// - `triage:create_form`: the form (modal) it opens;
/// - `triage:rate:TKTA1B2C3:c2:4`: one of the five ⭐ buttons of the feedback request for the ticket's cycle 2;
/// - `triage:ack:TKTA1B2C3:c1`: a page's Acknowledge button, for cycle 1 of the ticket's SLA;
/// - `triage:view:TKTA1B2C3`: shows the ticket to whoever may see it.
public enum CustomID: Sendable, Equatable {
    case create
    case createForm
    case rate(TicketID, cycle: Int, stars: Int)
    case ack(TicketID, cycle: Int)
    case view(TicketID)

    public var rawValue: String {
        switch self {
        case .create: "triage:create"
        case .createForm: "triage:create_form"
        case .rate(let id, let cycle, let stars): "triage:rate:\(id.rawValue):c\(cycle):\(stars)"
        case .ack(let id, let cycle): "triage:ack:\(id.rawValue):c\(cycle)"
        case .view(let id): "triage:view:\(id.rawValue)"
        }
    }

    /// Reads a `custom_id`; `nil` for anything Triage did not write (or whose values are out of range).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "triage" else { return nil }
        func cycle(_ part: String) -> Int? {
            guard part.hasPrefix("c"), let n = Int(part.dropFirst()), n >= 1 else { return nil }
            return n
        }
        switch (parts[1], parts.count) {
        case ("create", 2): self = .create
        case ("create_form", 2): self = .createForm
        case ("rate", 5):
            guard let id = TicketID(parts[2]), let cycle = cycle(parts[3]), let stars = Int(parts[4]), (1...5).contains(stars)
            else { return nil }
            self = .rate(id, cycle: cycle, stars: stars)
        case ("ack", 4):
            guard let id = TicketID(parts[2]), let cycle = cycle(parts[3]) else { return nil }
            self = .ack(id, cycle: cycle)
        case ("view", 3):
            guard let id = TicketID(parts[2]) else { return nil }
            self = .view(id)
        default: return nil
        }
    }
}
