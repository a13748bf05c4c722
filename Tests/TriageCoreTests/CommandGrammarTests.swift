import Foundation
import Testing

@testable import TriageCore

@Suite struct CommandGrammarTests {
    static let id = TicketID("TKTA1B2C3")!

    static let accepted: [(String, TextCommand)] = [
        (
            #"!ticket_create "Paiement refusé" billing high Ma carte est refusée."#,
            .create(subject: "Paiement refusé", category: .billing, priority: .high, description: "Ma carte est refusée.")
        ),
        (
            "!ticket_create “Écran noir 🖥️” Technique CRITIQUE Depuis ce matin\nplus rien ne s'affiche.",
            .create(
                subject: "Écran noir 🖥️", category: .technical, priority: .critical, description: "Depuis ce matin\nplus rien ne s'affiche.")
        ),
        (
            "!ticket_create « Mon compte » compte basse   je ne peux plus me connecter  ",
            .create(subject: "Mon compte", category: .account, priority: .low, description: "je ne peux plus me connecter")
        ),
        (
            #"  !TICKET_CREATE "登录失败" bug-report moyenne 无法登录"#,
            .create(subject: "登录失败", category: .bugReport, priority: .medium, description: "无法登录")
        ),
        (
            #"!ticket_create "Facture" facturation élevée double prélèvement"#,
            .create(subject: "Facture", category: .billing, priority: .high, description: "double prélèvement")
        ),
        ("!ticket_list", .list(status: nil)),
        ("!ticket_list tous", .list(status: nil)),
        ("!ticket_list ouvert", .list(status: .open)),
        ("!ticket_list Waiting", .list(status: .waiting)),
        ("!ticket_list fermés", .list(status: .closed)),
        ("!ticket_view tkta1b2c3", .view(id)),
        ("!ticket_view #TKTA1B2C3", .view(id)),
        ("!ticket_view `TKTA1B2C3`", .view(id)),
        ("!ticket_reply TKTA1B2C3 Merci,\nc'est réglé 🎉", .reply(id, message: "Merci,\nc'est réglé 🎉")),
        ("!ticket_close TKTA1B2C3", .close(id, resolution: nil)),
        ("!ticket_close TKTA1B2C3 Remboursé le 12/11", .close(id, resolution: "Remboursé le 12/11")),
        ("!ticket_stats", .stats),
        ("!ticket_ack TKTA1B2C3", .ack(id)),
    ]

    @Test(arguments: accepted)
    func parses(_ text: String, _ expected: TextCommand) throws {
        // Given a command as a member types it / When it is parsed / Then it reads as expected
        #expect(try TextCommand.parse(text, language: .fr) == expected)
    }

    static let refused: [(String, Language, String)] = [
        (
            #"!ticket_create "Facture" billling high x"#, .fr,
            "❌ Catégorie inconnue « billling ». Valeurs possibles : general, billing, technical, bug_report, account, suggestion"
        ),
        (
            #"!ticket_create "Facture" billling high x"#, .en,
            "❌ Unknown category \"billling\". Allowed values: general, billing, technical, bug_report, account, suggestion"
        ),
        (
            #"!ticket_create "Facture" billing urgentissime x"#, .fr,
            "❌ Priorité inconnue « urgentissime ». Valeurs possibles : critical, high, medium, low"
        ),
        ("!ticket_list rouvert", .fr, "❌ Statut inconnu « rouvert ». Valeurs possibles : open, waiting, closed"),
        ("!ticket_list reopened", .en, "❌ Unknown status \"reopened\". Allowed values: open, waiting, closed"),
        (
            #"!ticket_create "Facture" billing high"#, .fr,
            "❌ Il manque la description.\nUsage : !ticket_create \"Sujet\" catégorie priorité description"
        ),
        (
            #"!ticket_create "Facture""#, .en,
            "❌ Missing the category.\nUsage: !ticket_create \"Subject\" category priority description"
        ),
        ("!ticket_create", .fr, "❌ Il manque le sujet.\nUsage : !ticket_create \"Sujet\" catégorie priorité description"),
        (
            "!ticket_create Facture billing high x", .en,
            "❌ The subject must be in double quotes: \"My subject\".\nUsage: !ticket_create \"Subject\" category priority description"
        ),
        (
            #"!ticket_create "Facture billing high x"#, .fr,
            "❌ Le sujet doit être entre guillemets : \"Mon sujet\" (ou « Mon sujet »).\nUsage : !ticket_create \"Sujet\" catégorie priorité description"
        ),
        ("!ticket_view", .fr, "❌ Il manque le numéro de ticket.\nUsage : !ticket_view <numéro>"),
        ("!ticket_reply TKTA1B2C3", .en, "❌ Missing the message.\nUsage: !ticket_reply <id> <message>"),
        ("!ticket_view 42", .fr, "❌ Numéro de ticket invalide « 42 » : TKT suivi de 6 lettres ou chiffres (ex. TKTA1B2C3)."),
        (#"!ticket_create "" billing high x"#, .fr, "❌ Le sujet doit faire de 1 à 200 caractères (reçu 0)."),
        (
            "!ticket_create \"\(String(repeating: "é", count: 201))\" billing high x", .en,
            "❌ The subject must be 1 to 200 characters (got 201)."
        ),
        (
            #"!ticket_create "S" billing high "# + String(repeating: "x", count: 10_001), .fr,
            "❌ La description doit faire de 1 à 10000 caractères (reçu 10001)."
        ),
        (
            "!ticket_close TKTA1B2C3 " + String(repeating: "x", count: 2_001), .en,
            "❌ The resolution must be at most 2000 characters (got 2001)."
        ),
    ]

    @Test(arguments: refused)
    func refuses(_ text: String, _ language: Language, _ message: String) {
        // Given a bad command / When it is parsed / Then the error names the bad word and what is allowed
        #expect(throws: CommandError.self) { try TextCommand.parse(text, language: language) }
        do {
            _ = try TextCommand.parse(text, language: language)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(arguments: ["!ticket_delete TKTA1B2C3", "hello", "", "!ticketlist"])
    func unknownCommandListsTheUsage(_ text: String) {
        // Given a text that is no command / When it is parsed
        var message = ""
        do { _ = try TextCommand.parse(text, language: .en) } catch { message = error.description }
        // Then the answer says so and lists every command's usage
        #expect(message.hasPrefix(text.isEmpty ? "❌ No command. Commands:" : "❌ Unknown command"))
        for name in TextCommand.names { #expect(message.contains(CommandGrammar.usage(name, .en))) }
    }

    @Test func theBadWordIsEscapedAndShortened() {
        // Given a category word that tries to ping everyone
        var message = ""
        do { _ = try TextCommand.parse(#"!ticket_create "x" @everyone high y"#, language: .fr) } catch {
            // When the error goes through an escaper
            message = error.text(escape: { $0.replacingOccurrences(of: "@", with: "@\u{200B}") })
        }
        // Then the word comes out escaped
        #expect(message.contains("« @\u{200B}everyone »"))
        #expect(CommandGrammar.shown(String(repeating: "a", count: 100)).count == 40)
    }
}
