import Foundation
import Synchronization
import TriageCore

/// Text as the `/` filter compares it: lower case, accents gone (`Réinitialisé` → `reinitialise`, `ß` → `ss`), as
/// UTF-8 bytes, so that a word is found in a ticket by a plain byte search. Folding is table-driven for the Latin,
/// Greek and Cyrillic letters the community writes; other scripts are only lower-cased.
public enum SearchText {
    /// The folded form of every scalar in the ranges that carry accents, from Foundation's case- and
    /// diacritic-insensitive folding (built once).
    static let table: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        for range in [0xC0...0x24F, 0x370...0x4FF, 0x1E00...0x1EFF] {
            for value in range {
                guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
                let folded = String(Character(scalar)).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                table[UInt32(value)] = Array(folded.utf8)
            }
        }
        return table
    }()

    public static func fold(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                if lead < 0x80 {
                    out.append(lead >= 0x41 && lead <= 0x5A ? lead + 0x20 : lead)
                    i += 1
                    continue
                }
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                let end = min(bytes.count, i + length)
                var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in (i + 1)..<end { value = value << 6 | UInt32(bytes[k] & 0x3F) }
                if let folded = table[value] {
                    out.append(contentsOf: folded)
                } else if let scalar = Unicode.Scalar(value) {
                    if scalar.properties.generalCategory == .nonspacingMark {
                        // a combining accent (e + ◌́): dropped
                    } else if scalar.properties.changesWhenLowercased {
                        out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                    } else {
                        out.append(contentsOf: bytes[i..<end])
                    }
                }
                i = end
            }
            return out
        }
    }

    /// Whether `needle` occurs in `haystack` (both folded).
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count && h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// What a ticket is searched by: id, subject, description, requester's name, assignee and tags. The requester's
    /// Discord id is not in it: a number typed to find a ticket would match some digits of most ids (the filter
    /// compares a word with the whole id instead).
    static func fields(_ t: Ticket) -> [String] {
        [t.id.rawValue, t.subject, t.description, t.requesterName ?? "", t.assignee ?? "", t.tags.joined(separator: " ")]
    }
}

/// The folded search text of the tickets a console has seen, kept between keystrokes so that typing a filter over
/// thousands of tickets folds each one once, not once per key. A memo only: an entry is used while the ticket's
/// searched fields are the same, so the results never depend on it, and it takes no part in the state's equality
/// (any two are equal).
public final class SearchIndex: Sendable, Equatable {
    public static func == (_: SearchIndex, _: SearchIndex) -> Bool { true }

    private struct Entry {
        var fields: [String]
        var folded: [UInt8]
    }

    private let entries = Mutex<[TicketID: Entry]>([:])

    public init() {}

    /// The ticket's folded search text, from the memo when its fields did not change.
    func folded(_ t: Ticket) -> [UInt8] {
        let fields = SearchText.fields(t)
        if let entry = entries.withLock({ $0[t.id] }), entry.fields == fields { return entry.folded }
        let folded = SearchText.fold(fields.joined(separator: "\n"))
        entries.withLock { $0[t.id] = Entry(fields: fields, folded: folded) }
        return folded
    }

    /// Forgets the tickets that are gone once the memo holds twice as many as `tickets` (so it stays the size of
    /// the queue, and most calls cost a count).
    func prune(keeping tickets: [Ticket]) {
        entries.withLock { entries in
            guard entries.count > max(64, tickets.count * 2) else { return }
            let ids = Set(tickets.map(\.id))
            entries = entries.filter { ids.contains($0.key) }
        }
    }
}
