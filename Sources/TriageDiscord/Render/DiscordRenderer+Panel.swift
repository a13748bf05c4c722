import Foundation
import TriageCore

extension DiscordRenderer {
    /// The #support panel (`triage discord panel`): how to open a ticket and what response time to expect, in French
    /// (the community's language), with the "Créer un ticket" button. The SLA figures are `policy`'s, the ones in force.
    public static func panel(policy: SLAPolicy) -> DiscordMessage {
        let priorities = Priority.allCases.map { priority in
            let hours = StaffText.hours(policy.priorityHours[priority] ?? 0)
            let note = priority == .critical ? " — l'astreinte est appelée aussitôt" : ""
            return "\(StaffText.priority(priority)) : **\(hours)**\(note)"
        }
        let categories = TriageCore.Category.allCases.map { "\($0.name(.fr)) \(StaffText.hours(policy.categoryHours[$0] ?? 0))" }
        let embed = DiscordEmbed(
            title: "🎫 Besoin d'aide ? Ouvrez un ticket",
            description: """
                Cliquez sur **Créer un ticket** : un formulaire vous demande le sujet, la catégorie, la priorité et la \
                description. Vous recevez aussitôt le numéro du ticket, son délai de réponse (SLA) et un lien de suivi.

                Vous pouvez aussi écrire `/ticket create`. `/ticket list` et `/ticket view` suivent vos tickets : \
                vous seul et l'équipe les voyez. Quand un ticket est fermé, vous pouvez noter notre aide de 1 à 5 ⭐.
                """,
            color: 0x5865F2,
            fields: [
                .init(name: "⏱️ Délai de première réponse selon la priorité", value: priorities.joined(separator: "\n")),
                .init(
                    name: "📂 Selon la catégorie",
                    value: categories.joined(separator: " · ") + "\nLe délai le plus court des deux s'applique."),
            ],
            footer: .init(text: "Triage · support"))
        return DiscordMessage(embeds: [embed], allowedMentions: .none, components: DiscordComponents.createTicket()).fitted()
    }
}
