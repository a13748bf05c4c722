import Foundation
import TriageCore
import TriageDiscord

/// Who invoked an interaction, as Triage sees them (SPEC §1, design §5.6): the Discord user (`member.user` in a
/// guild, `user` in a DM), their display name for the requester name on creates, their language, and whether they
/// are staff (a member holding one of `[discord] staff_role_ids`).
///
/// Staff act as the agent named by their Discord username; everyone else acts through a user's scope
/// (`service(onBehalfOf:)`): their own tickets only, never an internal note.
struct InteractionCaller: Sendable {
    let user: UserID
    /// `global_name` ?? `username`, when the store would accept it as a requester name.
    let displayName: String?
    let language: Language
    let isStaff: Bool
    /// How the caller acts on existing tickets.
    let principal: Principal

    /// The caller of `interaction`; `nil` when it names no usable user.
    init?(_ interaction: Interaction, staffRoles: [String]) {
        guard let invoker = interaction.invoker, let user = UserID(invoker.id) else { return nil }
        self.user = user
        displayName = invoker.displayName.flatMap { try? Validation.userName($0) }
        language = Language(locale: interaction.locale ?? interaction.guildLocale)
        isStaff = interaction.hasRole(in: staffRoles)
        principal = isStaff ? .agent(Self.agentName(invoker.username, id: user)) : .service(onBehalfOf: user)
    }

    /// How the caller opens a ticket: always for themselves, staff included.
    var requester: Principal { .service(onBehalfOf: user) }

    /// A Discord username as an agent name (letters, digits, `.`, `-`, `_`; at most 64): other characters are
    /// dropped, and an empty result is `discord-<id>`.
    static func agentName(_ username: String?, id: UserID) -> String {
        let kept = String((username ?? "").filter { $0.isLetter || $0.isNumber || ".-_".contains($0) }.prefix(64))
        return (try? Validation.agentName(kept)) ?? "discord-\(id)"
    }
}
