import Foundation
import TriageCore

/// The OpenAPI 3.1 description of the whole API, served at `GET /api/openapi.yaml`: for every role at once, or as one
/// role must call it (`?role=service`: `user_id` required everywhere). A test checks that its paths and methods are
/// exactly the router's.
enum OpenAPIDocument {
    /// What `Validation.text` accepts, as a schema pattern: no control character but tab, line feed and carriage
    /// return (C0, DEL and C1 refused).
    static let textPattern = #"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"#
    /// What `Validation.text` accepts for a required text (subject, description, message): the same, with at least
    /// one character that trimming keeps (`Validation.isTrimmed`: Unicode's White_Space and the zero-width space).
    static let requiredTextPattern =
        #"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\x00-\x20\x7F-\xA0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"#
    /// What `Validation.userName` accepts: no control character, line or paragraph separator or direction control,
    /// and at least one character that trimming keeps.
    static let userNamePattern =
        #"^[^\x00-\x1F\x7F-\x9F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]*[^\x00-\x20\x7F-\xA0\u061C\u1680\u2000-\u200B\u200E\u200F\u2028-\u202F\u205F\u2066-\u2069\u3000][^\x00-\x1F\x7F-\x9F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]*$"#

    /// The document for every role (the default answer).
    static let yaml = document(for: nil)
    /// The document as each role must call the API.
    static let byRole: [Role: String] = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, document(for: $0)) })

    /// What differs from one role's document to another's: who must name `user_id`.
    struct RoleRules {
        let role: Role?
        /// A service token must name the user it acts for, in every request.
        var actsForAUser: Bool { role == .service }
        /// A ticket is opened for a named user by the bot and by staff; a user token opens its own.
        var namesTheRequester: Bool { role == .service || role == .agent || role == .admin }

        var title: String { role.map { "Triage API (as a \($0.rawValue) token)" } ?? "Triage API" }
        var queryUserID: String {
            switch role {
            case .service:
                ##"{ name: user_id, in: query, required: true, schema: { type: string, pattern: "^[0-9]{1,20}$" }, description: "The Discord id of the user the bot acts for: it sees and does exactly what that user may." }"##
            case .user:
                ##"{ name: user_id, in: query, schema: { type: string, pattern: "^[0-9]{0,20}$" }, description: "Your own id, or nothing (another user's id is a 403)." }"##
            case .agent, .admin:
                ##"{ name: user_id, in: query, schema: { type: string, pattern: "^[0-9]{0,20}$" }, description: "Ignored for staff." }"##
            case nil:
                ##"{ name: user_id, in: query, schema: { type: string, pattern: "^[0-9]{0,20}$" }, description: "Required with a service token: the Discord id of the user it acts for. Ignored for staff." }"##
            }
        }
        /// The `user_id` of a body that acts on a ticket, and what that body requires before its own fields.
        var bodyUserID: String {
            actsForAUser ? ##"{ $ref: "#/components/schemas/UserID" }"## : ##"{ oneOf: [{ $ref: "#/components/schemas/UserID" }, { type: "null" }] }"##
        }
        var bodyRequires: String { actsForAUser ? "user_id, " : "" }
        /// The close body's whole `required` list (its other fields are optional).
        var closeRequires: String { actsForAUser ? "user_id" : "" }
        var closeBodyRequired: String { actsForAUser ? "true" : "false" }
        var exampleUserID: String { actsForAUser ? ##"user_id: "123456789012345678", "## : "" }
        var requesterUserID: String {
            namesTheRequester
                ? ##"{ $ref: "#/components/schemas/UserID" }"##
                : ##"{ oneOf: [{ $ref: "#/components/schemas/UserID" }, { type: "null" }], description: "Required for staff and the bot; a user token defaults to its own id." }"##
        }
        var createRequires: String { namesTheRequester ? "user_id, " : "" }
    }

    static func document(for role: Role?) -> String {
        let r = RoleRules(role: role)
        return #"""
        openapi: 3.1.0
        info:
          title: \#(r.title)
          version: 1.0.0
          description: |
            Tickets for a Discord community's help desk. Every /api/tickets endpoint needs `Authorization: Bearer <token>`
            (tokens come from `triage token create`). A user token acts for its own user only; a service token (the bot)
            names the user it acts for with `user_id` (query for GET, body for POST) and never sees internal notes; agent
            and admin tokens see everything. Another user's ticket answers 404, exactly like a missing one.

            Query parameters with an empty value count as absent. Text fields are trimmed of surrounding whitespace, then
            their length is counted in characters (grapheme clusters: an emoji is one). Unknown JSON fields are ignored.
            A known path asked with another method answers 405 with an Allow header. HEAD is answered wherever GET is
            (same status and headers, no body). Every answer carries an X-Request-ID header: the client's own when it
            sends one of 1 to 128 printable ASCII characters, else the server's; the access log line carries the same id.
            Subject, description, message, resolution and comment refuse control characters other than tab, line feed
            and carriage return (422 naming the field).

            This document describes every role at once. GET /api/openapi.yaml?role=service (or user, agent, admin) answers
            the same API as that role calls it: with role=service, user_id is required in every query and body.

            The HTTP layer answers some requests before any endpoint, with the same JSON error and Connection: close:
            400 malformed_request (not HTTP/1.1: unknown method, malformed header or request line), 408 request_timeout
            (a body still incomplete 30 s after the request's head), 411 length_required (an HTTP/1.0 POST, PUT or
            PATCH without Content-Length), 431 headers_too_large (headers over 80 KiB). Expect: 100-continue is answered
            100 Continue; an HTTP/1.0 request is answered with Connection: close unless it asks for keep-alive.
        servers:
          - url: http://localhost:8080
        security:
          - bearer: []
        paths:
          /api/health:
            get:
              summary: Liveness and store check
              security: []
              responses:
                "200": { description: The server and its store answer, content: { application/json: { schema: { type: object, properties: { status: { const: ok } } } } } }
                "503": { $ref: "#/components/responses/Error" }
          /api/openapi.yaml:
            get:
              summary: This document
              security: []
              parameters:
                - { name: role, in: query, schema: { type: string, enum: [\#(Role.allCases.map(\.rawValue).joined(separator: ", "))] }, description: "The document as this role calls the API (default: every role at once)." }
              responses:
                "200": { description: OpenAPI 3.1 YAML, content: { application/yaml: { schema: { type: string } } } }
                "422": { $ref: "#/components/responses/Error" }
          /api/tickets:
            post:
              summary: Open a ticket
              parameters: [{ $ref: "#/components/parameters/IdempotencyKey" }]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: "#/components/schemas/CreateTicket" }
                    example: { user_id: "123456789012345678", user_name: "Amélie 🌸", category: billing, subject: Paiement refusé, description: "Ma carte Visa est refusée depuis hier 😕", priority: high }
              responses:
                "201":
                  description: Created
                  headers: { Location: { schema: { type: string }, description: "/api/tickets/{ticket_id}" } }
                  content: { application/json: { schema: { $ref: "#/components/schemas/CreatedTicket" } } }
                "400": { $ref: "#/components/responses/Error" }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
                "415": { $ref: "#/components/responses/Error" }
                "422": { $ref: "#/components/responses/Error" }
            get:
              summary: The caller's visible tickets in queue order (open by due time, then waiting), paged
              parameters:
                - { $ref: "#/components/parameters/UserID" }
                - { name: status, in: query, schema: { $ref: "#/components/schemas/Status" }, description: "Default: open and waiting. closed lists the most recently closed first." }
                - { name: priority, in: query, schema: { $ref: "#/components/schemas/Priority" } }
                - { name: category, in: query, schema: { $ref: "#/components/schemas/Category" } }
                - { name: assignee, in: query, schema: { type: string, pattern: "^[A-Za-z0-9._-]{0,64}$" }, description: "An agent's name (letters, digits, '.', '-', '_'), me, or none for unassigned (me and none in any case: NONE, None)." }
                - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 500, default: 50 } }
                - { name: cursor, in: query, schema: { type: string, pattern: "^[A-Za-z0-9_-]*$" }, description: The next_cursor of the previous page (opaque). }
              responses:
                "200":
                  description: One page
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [tickets, next_cursor]
                        properties:
                          tickets: { type: array, items: { $ref: "#/components/schemas/Ticket" } }
                          next_cursor: { type: [string, "null"] }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "422": { $ref: "#/components/responses/Error" }
          /api/tickets/stats:
            get:
              summary: Weekly stats, KPIs, 24h+ reminders and recommendations (agents and admins)
              parameters:
                - { name: week, in: query, schema: { type: string, pattern: "^((19[7-9][0-9]|[2-9][0-9]{3})-?[Ww](0?[1-9]|[1-4][0-9]|5[0-3]))?$" }, description: "An ISO week like 2026-W47 (default: this week); week 53 only in years that have one." }
              responses:
                "200": { description: The week's figures, content: { application/json: { schema: { $ref: "#/components/schemas/Stats" } } } }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "422": { $ref: "#/components/responses/Error" }
          /api/tickets/{id}:
            get:
              summary: A ticket with its thread (internal notes for agents and admins only)
              parameters: [{ $ref: "#/components/parameters/TicketID" }, { $ref: "#/components/parameters/UserID" }]
              responses:
                "200": { description: The ticket, content: { application/json: { schema: { $ref: "#/components/schemas/Ticket" } } } }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
                "422": { $ref: "#/components/responses/Error" }
          /api/tickets/{id}/reply:
            post:
              summary: Add a message; a user's reply to a closed ticket reopens it
              parameters: [{ $ref: "#/components/parameters/TicketID" }, { $ref: "#/components/parameters/IdempotencyKey" }]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        user_id: \#(r.bodyUserID)
                        message: { type: string, minLength: 1, maxLength: 10000, pattern: '\#(requiredTextPattern)' }
                        internal_note: { type: [boolean, "null"], default: false, description: Agents and admins only. }
                      required: [\#(r.bodyRequires)message]
                    example: { \#(r.exampleUserID)message: "Bonjour ! Pouvez-vous réessayer ?", internal_note: false }
              responses:
                "201": { description: The message, content: { application/json: { schema: { $ref: "#/components/schemas/Message" } } } }
                "400": { $ref: "#/components/responses/Error" }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
                "415": { $ref: "#/components/responses/Error" }
                "422": { $ref: "#/components/responses/Error" }
          /api/tickets/{id}/close:
            post:
              summary: Close a ticket (agents; the owner may close their own)
              parameters: [{ $ref: "#/components/parameters/TicketID" }]
              requestBody:
                required: \#(r.closeBodyRequired)
                content:
                  application/json:
                    schema:
                      type: object
                      required: [\#(r.closeRequires)]
                      properties:
                        user_id: \#(r.bodyUserID)
                        resolution: { type: [string, "null"], maxLength: 2000, pattern: '\#(textPattern)' }
                        notify_user: { type: [boolean, "null"], default: true }
                    example: { \#(r.exampleUserID)resolution: Carte réactivée, notify_user: true }
              responses:
                "200": { description: The closed ticket, content: { application/json: { schema: { $ref: "#/components/schemas/Ticket" } } } }
                "400": { $ref: "#/components/responses/Error" }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
                "409": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
                "415": { $ref: "#/components/responses/Error" }
                "422": { $ref: "#/components/responses/Error" }
          /api/tickets/{id}/feedback:
            post:
              summary: The requester rates a closed ticket
              parameters: [{ $ref: "#/components/parameters/TicketID" }]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        user_id: \#(r.bodyUserID)
                        rating: { type: integer, minimum: 1, maximum: 5 }
                        comment: { type: [string, "null"], maxLength: 1000, pattern: '\#(textPattern)' }
                      required: [\#(r.bodyRequires)rating]
                    example: { \#(r.exampleUserID)rating: 5, comment: "Merci, réglé en 10 minutes !" }
              responses:
                "201":
                  description: Recorded
                  content:
                    application/json:
                      schema:
                        type: object
                        properties: { ticket_id: { type: string }, rating: { type: integer }, comment: { type: [string, "null"] }, rated_at: { type: string, format: date-time } }
                "400": { $ref: "#/components/responses/Error" }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
                "409": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
                "415": { $ref: "#/components/responses/Error" }
                "422": { $ref: "#/components/responses/Error" }
          /api/tickets/{id}/ack:
            post:
              summary: On-call acknowledges the ticket's escalation (staff); pending pages of this cycle are cancelled
              description: No body, or an empty object. A ticket that is not escalated is a 409; acknowledging twice is harmless.
              parameters: [{ $ref: "#/components/parameters/TicketID" }]
              responses:
                "200": { description: The acknowledged ticket, content: { application/json: { schema: { $ref: "#/components/schemas/Ticket" } } } }
                "400": { $ref: "#/components/responses/Error" }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
                "409": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
                "415": { $ref: "#/components/responses/Error" }
          /api/notifications:
            get:
              summary: User notifications for the bot to deliver (service token), leased for 60 s
              description: >-
                Confirmations, public replies, feedback requests and inactivity reminders, ready to post on Discord in the
                user's language. Each is leased to the caller for 60 s; acknowledge it once sent, or it comes back.
                Send the message with the given nonce and enforce_nonce so a resend cannot post twice.
              parameters:
                - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 500, default: 50 } }
              responses:
                "200":
                  description: The notifications
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          notifications:
                            type: array
                            items:
                              type: object
                              properties:
                                id: { type: integer }
                                user_id: { type: [string, "null"] }
                                ticket_id: { type: [string, "null"] }
                                kind: { type: string }
                                text: { type: string }
                                created_at: { type: string, format: date-time }
                                nonce: { type: string }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "422": { $ref: "#/components/responses/Error" }
          /api/notifications/{id}/ack:
            post:
              summary: The bot delivered this notification (service token); idempotent
              parameters: [{ name: id, in: path, required: true, schema: { type: string, pattern: "^[0-9]{1,18}$" } }]
              responses:
                "204": { description: Recorded }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
          /api/commands:
            post:
              summary: Runs one !ticket_* text command and answers the reply to post (the gateway bot's relay)
              description: >-
                A service token runs it for the user it names, with exactly that user's scope; a user token for its own
                user_id only; an agent or admin token as that staff member (stats, internal notes). A command the grammar
                or the store refuses is still a 200 whose reply starts with ❌ (post it as it is). The reply is Discord
                text in the user's language (locale fr or en; French by default), user text escaped, at most 2000 code points.
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [\#(r.bodyRequires)text]
                      properties:
                        user_id: \#(r.bodyUserID)
                        user_name: { type: [string, "null"], minLength: 1, maxLength: 100, pattern: '\#(userNamePattern)', description: "The member's Discord display name, recorded on creates (the rules of user_name on POST /api/tickets)." }
                        text: { type: string, example: '!ticket_create "Paiement refusé" billing high Ma carte est refusée.' }
                        locale: { type: [string, "null"], example: fr, description: "fr or en (fr-FR, en-US … accepted); French otherwise." }
              responses:
                "200":
                  description: The reply to post
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          reply: { type: string }
                          ticket_id: { type: [string, "null"] }
                          failed: { type: boolean }
                "400": { $ref: "#/components/responses/Error" }
                "401": { $ref: "#/components/responses/Error" }
                "403": { $ref: "#/components/responses/Error" }
                "413": { $ref: "#/components/responses/Error" }
                "415": { $ref: "#/components/responses/Error" }
                "422": { $ref: "#/components/responses/Error" }
          /discord/interactions:
            post:
              summary: Discord's HTTP interactions (slash command, buttons, form), signed by Discord instead of a token
              description: >-
                Needs [discord] application_id and public_key (404 discord_not_configured otherwise). Every request must
                carry X-Signature-Ed25519 (128 hex) and X-Signature-Timestamp (Unix seconds, within 5 minutes): an
                Ed25519 signature over the timestamp and the raw body with the application's public key, else 401.
                PING answers {"type":1}; other interactions answer an interaction response (ephemeral messages,
                allowed_mentions parse []), once per interaction id.
              security: []
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { type: object, required: [type], properties: { type: { type: integer, enum: [1, 2, 3, 4, 5] } } }
              responses:
                "200":
                  description: An interaction response (type 1, 4, 5, 7, 8 or 9)
                  content:
                    application/json:
                      schema: { type: object, required: [type], properties: { type: { type: integer }, data: { type: object } } }
                "400": { $ref: "#/components/responses/Error" }
                "401": { $ref: "#/components/responses/Error" }
                "404": { $ref: "#/components/responses/Error" }
        components:
          securitySchemes:
            bearer: { type: http, scheme: bearer }
          parameters:
            TicketID: { name: id, in: path, required: true, schema: { type: string, pattern: "^[Tt][Kk][Tt][A-Za-z0-9]{6}$" }, description: e.g. TKTA1B2C3 (any case) }
            UserID: \#(r.queryUserID)
            IdempotencyKey: { name: Idempotency-Key, in: header, schema: { type: string, pattern: "^[!-~]{1,255}$" }, description: "Optional. A retry with the same key from the same token within 24 hours gets the first answer again (with Idempotent-Replayed: true) and writes nothing; the same key with another request is a 422." }
          responses:
            Error:
              description: '{"error": {"code", "message"}} — 422 also names the field'
              content:
                application/json:
                  schema:
                    type: object
                    required: [error]
                    properties:
                      error:
                        type: object
                        required: [code, message]
                        properties: { code: { type: string }, message: { type: string }, field: { type: string } }
          schemas:
            UserID: { type: [string, integer], pattern: "^[0-9]{1,20}$", minimum: 0, maximum: 18446744073709551615, description: A Discord id; answered as a string. }
            Category: { type: string, enum: [general, billing, technical, bug_report, account, suggestion] }
            Priority: { type: string, enum: [critical, high, medium, low] }
            Status: { type: string, enum: [open, waiting, closed] }
            CreateTicket:
              type: object
              required: [\#(r.createRequires)category, subject, description]
              properties:
                user_id: \#(r.requesterUserID)
                category: { $ref: "#/components/schemas/Category" }
                subject: { type: string, minLength: 1, maxLength: 200, pattern: '\#(requiredTextPattern)' }
                description: { type: string, minLength: 1, maxLength: 10000, pattern: '\#(requiredTextPattern)' }
                priority: { oneOf: [{ $ref: "#/components/schemas/Priority" }, { type: "null" }], default: medium }
                user_name: { type: [string, "null"], minLength: 1, maxLength: 100, pattern: '\#(userNamePattern)', description: "The requester's Discord display name (trimmed; no control characters, line breaks or direction overrides: 422 on user_name). It is the user's, not the ticket's: it replaces the stored one and shows on every ticket of theirs." }
            CreatedTicket:
              type: object
              required: [ticket_id, status, created_at, url, due_at, sla_hours]
              properties:
                ticket_id: { type: string, example: TKTA1B2C3 }
                status: { $ref: "#/components/schemas/Status" }
                created_at: { type: string, format: date-time, example: "2024-01-20T10:30:00Z" }
                url: { type: string }
                due_at: { type: string, format: date-time }
                sla_hours: { type: number }
            Message:
              type: object
              properties:
                id: { type: integer, description: "For a user and the service: 1, 2, 3… in the ticket's public thread; for staff: the store's id." }
                author: { type: string }
                author_kind: { type: string, enum: [user, agent, system] }
                body: { type: string }
                internal_note: { type: boolean }
                created_at: { type: string, format: date-time }
            Ticket:
              type: object
              properties:
                ticket_id: { type: string }
                user_id: { type: string }
                user_name: { type: string, description: "The requester's Discord display name, when one is known (absent otherwise). A user sees only their own tickets, so only their own name." }
                subject: { type: string }
                description: { type: string }
                category: { $ref: "#/components/schemas/Category" }
                priority: { $ref: "#/components/schemas/Priority" }
                status: { $ref: "#/components/schemas/Status" }
                assignee: { type: [string, "null"] }
                tags: { type: array, items: { type: string } }
                escalated: { type: boolean }
                resolution: { type: [string, "null"] }
                created_at: { type: string, format: date-time }
                updated_at: { type: string, format: date-time }
                closed_at: { type: [string, "null"], format: date-time }
                due_at: { type: string, format: date-time }
                sla_hours: { type: number }
                sla_rule: { type: string, enum: [category, priority, both] }
                sla_state: { type: string, enum: [ok, warning, breached, met, missed] }
                sla_paused: { type: boolean }
                sla_remaining_seconds: { type: integer, description: "Seconds left before due_at (negative once breached), frozen while waiting; for a closed ticket a fixed figure: how long before due_at it was closed (negative: after)." }
                satisfaction: { type: [object, "null"], properties: { rating: { type: integer }, comment: { type: [string, "null"] } } }
                url: { type: string }
                messages: { type: array, items: { $ref: "#/components/schemas/Message" }, description: Only in a single ticket's answer. }
            Stats:
              type: object
              description: Weekly figures (SPEC §5); hours and percentages are null when there is nothing to measure.
              properties:
                week: { type: string }
                week_start: { type: string, format: date-time }
                opened: { type: integer }
                resolved: { type: integer }
                resolved_change_percent: { type: [number, "null"] }
                mean_resolution_hours: { type: [number, "null"] }
                median_resolution_hours: { type: [number, "null"] }
                resolution_target_hours: { type: [number, "null"] }
                mean_first_response_hours: { type: [number, "null"] }
                median_first_response_hours: { type: [number, "null"] }
                sla_met_percent: { type: [number, "null"] }
                satisfaction_mean: { type: [number, "null"] }
                satisfaction_distribution: { type: object, additionalProperties: { type: integer } }
                categories: { type: array, items: { type: object, properties: { category: { type: string }, count: { type: integer }, share: { type: number } } } }
                breaches: { type: integer }
                backlog_at_end: { type: integer }
                kpis: { type: array, items: { type: object } }
                reminders: { type: array, items: { type: object, properties: { ticket_id: { type: string }, category: { type: string }, subject: { type: string }, requester: { type: string }, requester_name: { type: string, description: Absent when no name is known. }, waiting_hours: { type: number } } } }
                recommendations: { type: array, items: { type: string } }
        """#
    }
}
