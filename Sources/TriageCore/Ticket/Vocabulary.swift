import Foundation

/// A closed set of named values that people type (`billing`, `high`, `waiting`): parsing that names the allowed
/// values on failure is shared by every such vocabulary.
public protocol Vocabulary: RawRepresentable<String>, CaseIterable, Sendable, Hashable, Codable {
    /// The field name used in error messages (`category`, `priority`, `status`).
    static var fieldName: String { get }
}

extension Vocabulary {
    /// Every allowed value, comma-separated, for error messages and help texts.
    public static var allowedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses case-insensitively; throws `TicketError.invalidField` naming the field and the allowed values.
    public static func parse(_ text: String) throws(TicketError) -> Self {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        guard let value = Self(rawValue: key) else {
            throw .invalidField(field: fieldName, message: "'\(text)' is not a \(fieldName); allowed: \(allowedList)")
        }
        return value
    }
}

/// What a ticket is about; each category carries an SLA (SPEC §2).
public enum Category: String, Vocabulary {
    case general, billing, technical
    case bugReport = "bug_report"
    case account, suggestion
    public static let fieldName = "category"
}

/// How urgent a ticket is; each priority carries a response time (SPEC §2).
public enum Priority: String, Vocabulary, Comparable {
    case critical, high, medium, low
    public static let fieldName = "priority"

    /// 0 for critical … 3 for low: lower sorts first in the queue.
    public var rank: Int {
        switch self {
        case .critical: 0
        case .high: 1
        case .medium: 2
        case .low: 3
        }
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
}

/// Where a ticket stands: waiting for an agent, waiting for the user (clock paused), or closed.
public enum TicketStatus: String, Vocabulary {
    case open, waiting, closed
    public static let fieldName = "status"
}
