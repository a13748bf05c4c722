import Foundation

// The vocabularies' words as people read them, in French and English: one place for every front end (the text
// commands' answers, users' notices, staff embeds, the slash command's choices and the ticket form).

extension Priority {
    /// `haute` / `high`.
    public func word(_ language: Language) -> String {
        switch (self, language) {
        case (.critical, .fr): "critique"
        case (.high, .fr): "haute"
        case (.medium, .fr): "moyenne"
        case (.low, .fr): "basse"
        case (_, .en): rawValue
        }
    }

    /// 🔴 critical, 🟠 high, 🟡 medium, ⚪ low (not green: green is an open ticket or a met SLA).
    public var emoji: String {
        switch self {
        case .critical: "🔴"
        case .high: "🟠"
        case .medium: "🟡"
        case .low: "⚪"
        }
    }

    /// `🟠 haute` / `🟠 high`: a list's priority column, a staff embed's field.
    public func badge(_ language: Language) -> String { "\(emoji) \(word(language))" }

    /// `Haute` / `High`: a choice in a menu.
    public func label(_ language: Language) -> String { word(language).capitalizedFirst }

    /// `priorité haute` / `high priority`, as the source writes the SLA line ("⏱️ SLA: 24h (priorité haute)").
    public func phrase(_ language: Language) -> String {
        language == .fr ? "priorité \(word(language))" : "\(word(language)) priority"
    }
}

extension TicketStatus {
    /// `ouvert` / `open`, `en attente` / `waiting`, `fermé` / `closed`.
    public func plainWord(_ language: Language) -> String {
        switch (self, language) {
        case (.open, .fr): "ouvert"
        case (.waiting, .fr): "en attente"
        case (.closed, .fr): "fermé"
        case (_, .en): rawValue
        }
    }

    /// `🟢 ouvert` / `🟢 open`, `⏸️ en attente`, `🔒 fermé`.
    public func word(_ language: Language) -> String {
        let emoji =
            switch self {
            case .open: "🟢"
            case .waiting: "⏸️"
            case .closed: "🔒"
            }
        return "\(emoji) \(plainWord(language))"
    }

    /// `Ouvert` / `Open`; waiting says on whom: `En attente du demandeur` / `Waiting for the requester`.
    public func label(_ language: Language) -> String {
        guard self == .waiting else { return plainWord(language).capitalizedFirst }
        return language == .fr ? "En attente du demandeur" : "Waiting for the requester"
    }
}

extension Category {
    /// The category's name for users: `Facturation` / `Billing`.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.general, .fr): "Général"
        case (.billing, .fr): "Facturation"
        case (.technical, .fr): "Technique"
        case (.bugReport, .fr): "Signalement de bug"
        case (.account, .fr): "Compte"
        case (.suggestion, .fr): "Suggestion"
        case (_, .en): title
        }
    }

    /// A choice in a menu: the name.
    public func label(_ language: Language) -> String { name(language) }
}

extension String {
    /// The first letter in upper case, the rest as it is (`haute` → `Haute`).
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
