import Foundation
import TriageCore
import TriageDiscord

/// The endpoint's own words, in French or English (the commands' answers are `CommandText`'s). User text in them is
/// escaped for Discord.
enum InteractionText {

    static func unknownAction(_ language: Language) -> String {
        language == .fr
            ? "❌ Action inconnue : Triage ne sait pas traiter cette demande." : "❌ Unknown action: Triage cannot handle this request."
    }

    static func missing(_ option: String, _ language: Language) -> String {
        language == .fr ? "❌ Il manque l'option \(option)." : "❌ The option \(option) is missing."
    }

    static func badTicketID(_ text: String, _ language: Language) -> String {
        let shown = DiscordText.safe(text, codePoints: 40)
        return language == .fr
            ? "❌ \(shown) n'est pas un numéro de ticket (TKT suivi de 6 lettres ou chiffres)."
            : "❌ \(shown) is not a ticket number (TKT and 6 letters or digits)."
    }

    static func inProgress(_ language: Language) -> String {
        language == .fr ? "⏳ Cette demande est déjà en cours de traitement." : "⏳ This request is already being handled."
    }

    /// The commands' own words for a busy store.
    static func busy(_ language: Language) -> String {
        CommandText.failure(.storage("busy"), command: .list(status: nil), language: language)
    }

    static func failed(_ language: Language) -> String {
        language == .fr ? "❌ La demande n'a pas pu aboutir : réessayez." : "❌ The request could not be completed: please try again."
    }

    static func staffOnly(_ language: Language) -> String {
        language == .fr ? "⛔ Ce bouton est réservé à l'équipe support." : "⛔ This button is for the support team only."
    }

    static func onlyRequesterRates(_ language: Language) -> String {
        language == .fr ? "⛔ Seul le demandeur peut noter ce ticket." : "⛔ Only the requester can rate this ticket."
    }

    /// "Merci ! 4/5" / "Thank you! 4/5".
    static func thanks(_ stars: Int, _ language: Language) -> String {
        language == .fr ? "Merci ! \(stars)/5" : "Thank you! \(stars)/5"
    }
}
