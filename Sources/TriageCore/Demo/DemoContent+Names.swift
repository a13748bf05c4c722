import Foundation

/// Demo requesters' Discord display names: French and English first names and pseudonyms, some with accents or an
/// emoji, and about one user in five with no name known (so a demo shows both forms of `RequesterName.label`).
extension DemoContent {
    /// The share of demo users the store knows no name for.
    public static let namelessShare = 0.2

    /// The display name of the demo user `id`, or `nil` for the nameless ones. Derived from the id alone, so the same
    /// user has the same name in a seeded store and in the live simulator, whatever the generator's state.
    public static func requesterName(for id: UserID) -> String? {
        var generator = SeededGenerator(seed: id.value ^ 0x5EED_4A3E_5EED_4A3E)
        guard !generator.chance(namelessShare) else { return nil }
        let first = firstNames.randomElement(using: &generator)!
        switch generator.unit() {
        case ..<0.35: return first
        case ..<0.55: return "\(first) \(initials.randomElement(using: &generator)!)."
        case ..<0.75: return pseudonyms.randomElement(using: &generator)!
        case ..<0.9: return "\(first) \(emoji.randomElement(using: &generator)!)"
        default: return "\(first)\(suffixes.randomElement(using: &generator)!)"
        }
    }

    static let firstNames = [
        "Amélie", "Théo", "Chloé", "Léa", "Maël", "Zoé", "Loïc", "Hélène", "Jérôme", "Inès", "Noémie", "Gaëlle", "Benoît",
        "François", "Margaux", "Anaïs", "Clément", "Solène", "Yanis", "Élodie", "Mathis", "Camille", "Nathan", "Manon",
        "Jake", "Olivia", "Liam", "Emily", "Noah", "Grace", "Ethan", "Chloe", "Ryan", "Sophie", "Harry", "Isla", "Mia",
        "Oscar", "Ruby", "Sam",
    ]
    static let initials = ["B", "D", "G", "L", "M", "P", "R", "T", "V"]
    static let pseudonyms = [
        "NightOwl", "xX_Kévin_Xx", "pixel_chloé", "Capt'n Crêpe", "DarkSasuke93", "LaBaguetteMagique", "frostbyte",
        "Mme Tartiflette", "NoScopeNoé", "gg_ez_hugo", "Le Chat Botté 🐈", "RaidLeader_Max", "Sir Loin", "zzz_sleepy",
        "Croissant Masqué 🥐", "éclair_rapide", "moddeuse_du_dimanche", "QuietStorm", "Kawaii Kat 🌸", "404_skill_not_found",
        "l'Ours Polaire 🐻‍❄️", "BitBard", "tonton_fps", "Mlle Pixel ✨",
    ]
    static let emoji = ["🎮", "✨", "🌸", "🔥", "🐱", "🍕", "🎧", "🇫🇷", "🇬🇧", "👩‍💻", "🦊", "💜"]
    static let suffixes = ["_93", "42", "_off", "_fr", "2k", "_gaming", "_13", "_uk"]
}
