import Foundation
import TriageCore

/// A rich embed of a Discord message: the only place Triage puts user text (escaped) in a channel post.
///
/// Limits (code points): title 256, description 4096, ≤ 25 fields, field name 256 and value 1024, footer 2048, and
/// 6000 over every embed of a message; `DiscordMessage.fitted()` enforces them all.
public struct DiscordEmbed: Sendable, Equatable, Codable {
    public var title: String?
    public var description: String?
    /// Makes the title a link (the ticket's tracking URL).
    public var url: String?
    /// The side bar colour, `0xRRGGBB`.
    public var color: Int?
    public var fields: [Field]
    public var footer: Footer?
    /// ISO 8601, shown by Discord in the reader's time zone beside the footer.
    public var timestamp: String?

    public init(
        title: String? = nil, description: String? = nil, url: String? = nil, color: Int? = nil, fields: [Field] = [],
        footer: Footer? = nil, timestamp: Date? = nil
    ) {
        self.title = title
        self.description = description
        self.url = url
        self.color = color
        self.fields = fields
        self.footer = footer
        self.timestamp = timestamp.map(Timestamp.string)
    }

    /// A name/value pair; `inline` fields sit side by side (up to three per row).
    public struct Field: Sendable, Equatable, Codable {
        public var name: String
        public var value: String
        public var inline: Bool

        public init(name: String, value: String, inline: Bool = false) {
            self.name = name
            self.value = value
            self.inline = inline
        }
    }

    /// The small text under the embed.
    public struct Footer: Sendable, Equatable, Codable {
        public var text: String
        public init(text: String) { self.text = text }
    }

    /// The code points this embed counts toward the 6000 limit of a message.
    public var totalCodePoints: Int {
        var sum = (title?.unicodeScalars.count ?? 0) + (description?.unicodeScalars.count ?? 0)
        sum += footer?.text.unicodeScalars.count ?? 0
        for field in fields { sum += field.name.unicodeScalars.count + field.value.unicodeScalars.count }
        return sum
    }
}

/// A row of buttons (component type 1). Interactive buttons need a bot message or an application-owned webhook.
public struct DiscordActionRow: Sendable, Equatable, Codable {
    public var type: Int = 1
    public var components: [Button]

    public init(_ buttons: [Button]) { components = buttons }

    /// A button (component type 2): styles 1 primary, 2 secondary, 3 success, 4 danger carry a `custom_id`;
    /// style 5 is a link and carries a `url`.
    public struct Button: Sendable, Equatable, Codable {
        public var type: Int = 2
        public var style: Int
        public var label: String?
        public var customID: String?
        public var url: String?
        public var disabled: Bool?

        enum CodingKeys: String, CodingKey {
            case type, style, label, url, disabled
            case customID = "custom_id"
        }

        public init(style: Int, label: String?, customID: String? = nil, url: String? = nil, disabled: Bool? = nil) {
            self.style = style
            self.label = label
            self.customID = customID
            self.url = url
            self.disabled = disabled
        }
    }
}
