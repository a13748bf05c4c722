import Foundation
import HTTPTypes
import Testing
import TriageCore
import TriageStore

@testable import TriageAPI

/// W1 (issue 10): a NUL (or another control character) in a text field is a 422 naming the field, never a text stored
/// cut short of what the answer showed.
@Suite struct ControlCharacterTests {
    static func createBody(subject: String = "Paiement", description: String = "Refusé", userName: String = "Alice") -> String {
        #"{"category": "billing", "subject": "\#(subject)", "description": "\#(description)", "user_name": "\#(userName)"}"#
    }

    @Test(
        "a control character in a create field is a 422 naming it, and no ticket",
        arguments: [
            ("subject", createBody(subject: #"A\u0000B"#)), ("description", createBody(description: #"A\u0000B"#)),
            ("subject", createBody(subject: #"A\u001b[2JB"#)), ("user_name", createBody(userName: #"A\u0000B"#)),
        ])
    func createRefuses(field: String, body: String) async throws {
        let fixture = try APIFixture()
        try await fixture.run { api in
            let reply = try await api.post("/api/tickets", as: "owner", body)
            #expect(reply.status == .unprocessableContent, "\(reply)")
            #expect(reply.errorField == field, "\(reply)")
            #expect(try fixture.store.queue(QueueFilter(), as: APIFixture.admin).tickets.isEmpty)
        }
    }

    @Test func replyAndCloseRefuseAndKeepTheTextWhole() async throws {
        let fixture = try APIFixture()
        let ticket = try fixture.ticket()
        try await fixture.run { api in
            // A NUL in a reply or a resolution is refused by name
            let reply = try await api.post("/api/tickets/\(ticket.id)/reply", as: "owner", #"{"message": "A\u0000B"}"#)
            #expect(reply.status == .unprocessableContent, "\(reply)")
            #expect(reply.errorField == "message")
            let close = try await api.post("/api/tickets/\(ticket.id)/close", as: "agent", #"{"resolution": "A\u0000B"}"#)
            #expect(close.status == .unprocessableContent, "\(close)")
            #expect(close.errorField == "resolution")
            // Tabs and line breaks are kept whole, as answered
            let kept = try await api.post("/api/tickets/\(ticket.id)/reply", as: "owner", #"{"message": "A\r\n\tB"}"#)
            #expect(kept.status == .created, "\(kept)")
            #expect(kept.json["body"] as? String == "A\r\n\tB")
            let thread = try fixture.store.thread(ticket.id.rawValue, as: APIFixture.admin)
            #expect(thread.messages.map(\.body) == ["A\r\n\tB"])
            #expect(thread.ticket.status == .open)
        }
    }
}
