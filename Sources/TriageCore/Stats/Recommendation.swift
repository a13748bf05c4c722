import Foundation

/// One recommendation of the weekly stats (SPEC §5), as facts: each front end words it in its reader's language (the
/// console, the CLI and the API in English; `!ticket_stats` in the asker's; the Monday report in French, as the
/// staff channels).
public enum Recommendation: Sendable, Equatable {
    /// A category's share of the week's opened tickets is over the policy's alert threshold.
    case categoryShare(Category, percent: Int)
    /// The mean first response missed its target (`actual` and `target` as the KPI shows them).
    case slowFirstResponse(actual: String, target: String)
    case breaches(Int)
    /// The mean rating missed its target (`actual` as the KPI shows it).
    case lowSatisfaction(actual: String)
    /// Open tickets without an assignee: now for the week in progress, at the week's end for a past week.
    case unassigned(Int, currentWeek: Bool)
    /// Critical tickets open: now, or at the week's end.
    case critical(Int, currentWeek: Bool)
    /// More opened than resolved, by this many.
    case backlogGrew(Int)

    public func text(_ language: Language) -> String {
        switch language {
        case .en: english
        case .fr: french
        }
    }

    private var english: String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        switch self {
        case .categoryShare(let category, let percent):
            return "\(category.title) is \(percent)% of the week's tickets: \(Self.advice(category, .en))"
        case .slowFirstResponse(let actual, let target):
            return "First response averages \(actual) (target \(target)): add an agent to the busiest shifts"
        case .breaches(let n):
            return "\(count(n, "ticket", "tickets")) breached the SLA: review the on-call rota and escalations"
        case .lowSatisfaction(let actual):
            return "Satisfaction is \(actual): read the low-rated tickets with the team"
        case .unassigned(let n, true):
            return "\(count(n, "open ticket has", "open tickets have")) no assignee: assign them"
        case .unassigned(let n, false):
            return "\(count(n, "open ticket", "open tickets")) had no assignee at the week's end: check who picks up new tickets"
        case .critical(let n, true):
            return "\(count(n, "critical ticket is", "critical tickets are")) open: page on-call"
        case .critical(let n, false):
            return
                "\(count(n, "critical ticket was", "critical tickets were")) open at the week's end: review how critical tickets are handled"
        case .backlogGrew(let n):
            return "The backlog grew by \(n) this week: plan a triage session"
        }
    }

    private var french: String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n <= 1 ? one : many)" }
        switch self {
        case .categoryShare(let category, let percent):
            return "\(category.name(.fr)) représente \(percent) % des tickets de la semaine : \(Self.advice(category, .fr))"
        case .slowFirstResponse(let actual, let target):
            return "Première réponse en \(actual) en moyenne (objectif \(target)) : ajouter un agent aux créneaux les plus chargés"
        case .breaches(let n):
            return "\(count(n, "ticket a dépassé", "tickets ont dépassé")) le SLA : revoir le planning d'astreinte et les escalades"
        case .lowSatisfaction(let actual):
            return "Satisfaction à \(actual) : relire en équipe les tickets mal notés"
        case .unassigned(let n, true):
            return "\(count(n, "ticket ouvert n'a", "tickets ouverts n'ont")) pas d'agent assigné : les assigner"
        case .unassigned(let n, false):
            return "\(count(n, "ticket ouvert n'avait", "tickets ouverts n'avaient")) pas d'agent assigné en fin de semaine : "
                + "vérifier qui prend les nouveaux tickets"
        case .critical(let n, true):
            return "\(count(n, "ticket critique est ouvert", "tickets critiques sont ouverts")) : alerter l'astreinte"
        case .critical(let n, false):
            return "\(count(n, "ticket critique était ouvert", "tickets critiques étaient ouverts")) en fin de semaine : "
                + "revoir le traitement des tickets critiques"
        case .backlogGrew(let n):
            return "Le backlog a augmenté de \(n) cette semaine : prévoir une session de tri"
        }
    }

    /// What to do about a category that takes too large a share of the week.
    static func advice(_ category: Category, _ language: Language) -> String {
        switch (category, language) {
        case (.billing, .en): "write a FAQ article on payments"
        case (.account, .en): "publish a self-service guide to account recovery"
        case (.technical, .en): "write troubleshooting guides for the most common technical problems"
        case (.bugReport, .en): "review the open bugs with the developers"
        case (.general, .en): "pin an FAQ in #support"
        case (.suggestion, .en): "hold a suggestion review and post the outcome"
        case (.billing, .fr): "rédiger un article de FAQ sur les paiements"
        case (.account, .fr): "publier un guide de récupération de compte en libre-service"
        case (.technical, .fr): "rédiger des guides de dépannage pour les problèmes techniques les plus courants"
        case (.bugReport, .fr): "passer en revue les bugs ouverts avec les développeurs"
        case (.general, .fr): "épingler une FAQ dans #support"
        case (.suggestion, .fr): "organiser une revue des suggestions et en publier le résultat"
        }
    }
}
