/// Discord's message and embed limits, in Unicode code points (design fact 34, `message.mdx` "Embed Limits").
public enum DiscordLimits {
    public static let content = 2000
    public static let embeds = 10
    public static let title = 256
    public static let description = 4096
    public static let fields = 25
    public static let fieldName = 256
    public static let fieldValue = 1024
    public static let footer = 2048
    /// Over every embed of one message: titles, descriptions, field names and values, footers.
    public static let embedTotal = 6000
    public static let nonce = 25
    /// Room kept in a description when the 6000 total forces it shorter.
    static let descriptionFloor = 100
}

extension DiscordMessage {
    /// This message brought within every Discord limit, so that it cannot be refused for its size: each text cut
    /// (on a grapheme boundary, with "…") to its limit; at most 10 embeds and 25 fields each; empty field names and
    /// values (which Discord refuses) replaced by "—"; a nonce cut to 25 characters. When the embeds add up to more
    /// than 6000 code points, descriptions shrink first (last embed first, down to 100 code points), then trailing
    /// fields and then trailing embeds are dropped: the first embed's title, link and footer always survive.
    public func fitted() -> DiscordMessage {
        var message = self
        if let content = message.content {
            let cut = DiscordText.truncate(content, codePoints: DiscordLimits.content)
            message.content = cut.isEmpty ? nil : cut
        }
        if message.embeds.count > DiscordLimits.embeds { message.embeds = Array(message.embeds.prefix(DiscordLimits.embeds)) }
        message.embeds = message.embeds.map { $0.fitted() }
        message.embeds = Self.fitTotal(message.embeds)
        if let nonce = message.nonce, nonce.count > DiscordLimits.nonce { message.nonce = String(nonce.prefix(DiscordLimits.nonce)) }
        return message
    }

    /// The code points all embeds count toward the 6000 limit.
    public var embedCodePoints: Int { embeds.reduce(0) { $0 + $1.totalCodePoints } }

    private static func fitTotal(_ embeds: [DiscordEmbed]) -> [DiscordEmbed] {
        var embeds = embeds
        var excess = embeds.reduce(0) { $0 + $1.totalCodePoints } - DiscordLimits.embedTotal
        guard excess > 0 else { return embeds }
        for index in embeds.indices.reversed() where excess > 0 {
            guard let description = embeds[index].description else { continue }
            let length = description.unicodeScalars.count
            let target = max(DiscordLimits.descriptionFloor, length - excess)
            guard target < length else { continue }
            let cut = DiscordText.truncate(description, codePoints: target)
            embeds[index].description = cut
            excess -= length - cut.unicodeScalars.count
        }
        for index in embeds.indices.reversed() where excess > 0 {
            while excess > 0, let field = embeds[index].fields.last {
                embeds[index].fields.removeLast()
                excess -= field.name.unicodeScalars.count + field.value.unicodeScalars.count
            }
        }
        while excess > 0, embeds.count > 1 {
            excess -= embeds.removeLast().totalCodePoints
        }
        return embeds
    }
}

extension DiscordEmbed {
    /// This embed with each text cut to its own limit and at most 25 fields.
    public func fitted() -> DiscordEmbed {
        var embed = self
        embed.title = title.map { DiscordText.truncate($0, codePoints: DiscordLimits.title) }
        embed.description = description.map { DiscordText.truncate($0, codePoints: DiscordLimits.description) }
        embed.fields = fields.prefix(DiscordLimits.fields).map { field in
            DiscordEmbed.Field(
                name: Self.nonEmpty(DiscordText.truncate(field.name, codePoints: DiscordLimits.fieldName)),
                value: Self.nonEmpty(DiscordText.truncate(field.value, codePoints: DiscordLimits.fieldValue)),
                inline: field.inline)
        }
        if let text = footer?.text {
            embed.footer = text.isEmpty ? nil : Footer(text: DiscordText.truncate(text, codePoints: DiscordLimits.footer))
        }
        return embed
    }

    /// Discord refuses empty (or blank) field names and values.
    private static func nonEmpty(_ text: String) -> String {
        text.allSatisfy(\.isWhitespace) ? "—" : text
    }
}
