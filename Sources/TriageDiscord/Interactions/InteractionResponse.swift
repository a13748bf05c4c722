import Foundation

/// Triage's answer to an interaction, as the HTTP response body (design facts 9–10): a message, a deferral, an
/// update of the component's message, autocomplete choices or a modal.
///
/// Every message-shaped answer carries `allowed_mentions: {"parse": []}` and is cut to Discord's 2000 code points;
/// `message` is ephemeral (flag 64) unless told otherwise.
public struct InteractionResponse: Sendable, Equatable, Encodable {
    /// Interaction callback types.
    public enum Kind: Int, Sendable, Encodable {
        case pong = 1
        case message = 4
        case deferredMessage = 5
        case updateMessage = 7
        case autocompleteResult = 8
        case modal = 9
    }

    public var type: Kind
    public var data: JSONValue?

    public init(type: Kind, data: JSONValue? = nil) {
        self.type = type
        self.data = data
    }

    /// Discord's flag for a message only the invoker sees.
    public static let ephemeralFlag = 1 << 6
    /// The most autocomplete choices Discord takes, and the longest choice name.
    public static let maxChoices = 25
    public static let maxChoiceName = 100
    /// The longest modal title.
    public static let maxModalTitle = 45

    public static let pong = InteractionResponse(type: .pong)

    /// A message in the channel, ephemeral by default.
    public static func message(_ content: String, ephemeral: Bool = true) -> InteractionResponse {
        var data: [String: JSONValue] = ["content": .string(fittedContent(content)), "allowed_mentions": ["parse": []]]
        if ephemeral { data["flags"] = .int(Int64(ephemeralFlag)) }
        return InteractionResponse(type: .message, data: .object(data))
    }

    /// "Thinking…" (ephemeral): the answer follows by editing `@original`.
    public static let deferred = InteractionResponse(type: .deferredMessage, data: ["flags": .int(Int64(ephemeralFlag))])

    /// Edits the message the component was on: new content and, when given, new components.
    public static func update(_ content: String, components: [JSONValue]?) -> InteractionResponse {
        var data: [String: JSONValue] = ["content": .string(fittedContent(content)), "allowed_mentions": ["parse": []]]
        if let components { data["components"] = .array(components) }
        return InteractionResponse(type: .updateMessage, data: .object(data))
    }

    /// Autocomplete choices: at most 25, names made plain (they carry user text: no control or bidi character) and
    /// cut to 100 code points.
    public static func choices(_ choices: [(name: String, value: String)]) -> InteractionResponse {
        let list = choices.prefix(maxChoices).map { choice -> JSONValue in
            [
                "name": .string(DiscordText.truncate(DiscordText.plain(choice.name), codePoints: maxChoiceName)),
                "value": .string(choice.value),
            ]
        }
        return InteractionResponse(type: .autocompleteResult, data: ["choices": .array(Array(list))])
    }

    /// A modal (title cut to 45 code points).
    public static func modal(customID: String, title: String, components: [JSONValue]) -> InteractionResponse {
        InteractionResponse(
            type: .modal,
            data: [
                "custom_id": .string(customID), "title": .string(DiscordText.truncate(title, codePoints: maxModalTitle)),
                "components": .array(components),
            ])
    }

    /// The message text of a message or update answer.
    public var content: String? { data?["content"]?.string }

    /// The JSON body: sorted keys, unescaped slashes.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data(#"{"type":4,"data":{"content":"❌","flags":64,"allowed_mentions":{"parse":[]}}}"#.utf8)
    }

    private static func fittedContent(_ text: String) -> String {
        let cut = DiscordText.truncate(text, codePoints: DiscordLimits.content)
        return cut.isEmpty ? "…" : cut
    }
}
