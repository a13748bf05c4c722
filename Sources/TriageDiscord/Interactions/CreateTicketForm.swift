import Foundation
import TriageCore

/// The "Create a ticket" form (`triage:create_form`, design §5.6) in Discord's current modal components: a Label
/// (18) around each of a short Text Input (4) for the subject, a String Select (3) for the category and for the
/// priority, and a paragraph Text Input for the description, capped at Discord's 4000 characters (longer
/// descriptions go through the API or the CLI).
public enum CreateTicketForm {
    /// The `custom_id`s of the form's fields, which the submit carries back.
    public static let subject = "subject"
    public static let category = "category"
    public static let priority = "priority"
    public static let description = "description"
    /// Discord's cap on a Text Input.
    public static let descriptionLimit = 4000

    /// The modal, in `language`.
    public static func modal(_ language: Language) -> InteractionResponse {
        let fr = language == .fr
        let components: [JSONValue] = [
            label(fr ? "Sujet" : "Subject", textInput(subject, style: 1, max: Validation.subjectLength.upperBound)),
            label(fr ? "Catégorie" : "Category", select(category, Category.self, default: .general, language)),
            label(fr ? "Priorité" : "Priority", select(priority, Priority.self, default: .medium, language)),
            label("Description", textInput(description, style: 2, max: descriptionLimit)),
        ]
        return .modal(customID: CustomID.createForm.rawValue, title: fr ? "Créer un ticket" : "Create a ticket", components: components)
    }

    private static func label(_ text: String, _ component: JSONValue) -> JSONValue {
        ["type": 18, "label": .string(text), "component": component]
    }

    private static func textInput(_ id: String, style: Int, max: Int) -> JSONValue {
        [
            "type": 4, "custom_id": .string(id), "style": .int(Int64(style)), "min_length": 1, "max_length": .int(Int64(max)),
            "required": true,
        ]
    }

    private static func select<V: Vocabulary & ChoiceLabels>(_ id: String, _: V.Type, default chosen: V, _ language: Language) -> JSONValue
    {
        let options = V.allCases.map { value -> JSONValue in
            ["label": .string(value.label(language)), "value": .string(value.rawValue), "default": .bool(value == chosen)]
        }
        return ["type": 3, "custom_id": .string(id), "options": .array(options), "min_values": 1, "max_values": 1, "required": true]
    }
}
