// GET /openapi.json: an OpenAPI 3.1 description of every route, written by hand as a table.
import HTTP

/// The API description. Operations are listed by hand (not derived from the router) so that
/// the test comparing the two catches a route added without documentation.
enum OpenAPIDocument {
    struct Operation {
        var method: String
        var path: String
        var summary: String
        /// Status → description; every operation may also answer the error envelope.
        var responses: [(String, String)]
        /// Component schema of the JSON request body, if any.
        var body: String? = nil
        /// Whether the body may be left out altogether (joining an open campaign needs none).
        var bodyOptional = false
        var query: [String] = []
        /// Status → component schema of the JSON body it answers (2xx only; every 4xx and 5xx is `Error`).
        var returns: [String: String] = [:]
        /// An HTML page: its 2xx and 404 answers are `text/html` (a missing page is a page too).
        var page = false
    }

    static let operations: [Operation] = [
        Operation(method: "get", path: "/healthz", summary: "Liveness check: text/plain ok", responses: [("200", "ok")]),
        Operation(method: "get", path: "/openapi.json", summary: "This document", responses: [("200", "OpenAPI 3.1")]),
        Operation(
            method: "get", path: "/metrics",
            summary: "Server metrics in Prometheus' text format, for any staff token (or on --metrics-port, no token)",
            responses: [("200", "text/plain; version=0.0.4"), ("401", "unauthorized: no staff session or token")]),
        Operation(method: "get", path: "/", summary: "Landing page (HTML)", responses: [("200", "HTML")]),
        Operation(method: "get", path: "/c/{slug}", summary: "Campaign page (HTML)",
                  responses: [("200", "HTML"), ("404", "HTML page: no such campaign")], page: true),
        Operation(method: "get", path: "/c/{slug}/ideas/{id}", summary: "One idea's own page (HTML) with its Open Graph title and description, never an author",
                  responses: [("200", "HTML"), ("404", "HTML page: no such idea, or one the crowd does not see")], page: true),
        Operation(method: "get", path: "/console", summary: "Staff console (HTML)", responses: [("200", "HTML")]),
        Operation(method: "get", path: "/guide/{slug}", summary: "Published guide page (HTML)",
                  responses: [("200", "HTML"), ("404", "HTML page: no such campaign")], page: true),
        Operation(method: "get", path: "/api/campaigns", summary: "Live campaigns",
                  responses: [("200", "{campaigns:[CampaignSummary]}")], returns: ["200": "CampaignList"]),
        Operation(method: "get", path: "/api/campaigns/{slug}", summary: "One campaign with phases, questions, counts, permissions",
                  responses: [("200", "Campaign"), ("404", "not_found")], returns: ["200": "Campaign"]),
        Operation(method: "post", path: "/api/campaigns/{slug}/join",
                  summary: "Join anonymously; sets cookie gs_<slug> (a session cookie with shared: true)",
                  responses: [("201", "{token, campaign, shared}"), ("200", "already joined: token null"),
                              ("403", "invite_required / invalid_code / proof_required / proof_invalid"),
                              ("409", "code_used / campaign_not_live"), ("422", "validation"),
                              ("429", "rate_limited / join_ceiling")], body: "JoinRequest", bodyOptional: true,
                  returns: ["201": "Joined", "200": "Joined"]),
        Operation(method: "get", path: "/api/campaigns/{slug}/join/challenge",
                  summary: "A proof-of-work challenge for joining: find a decimal nonce whose SHA-256(challenge:nonce) starts with bits zero bits",
                  responses: [("200", "{bits, challenge, expiresAt}"), ("404", "not_found")], returns: ["200": "JoinChallenge"]),
        Operation(method: "get", path: "/api/campaigns/{slug}/device", summary: "How this device is signed in",
                  responses: [("200", "{shared, devices, recoveryKey}"), ("401", "unauthorized")], returns: ["200": "Device"]),
        Operation(method: "delete", path: "/api/campaigns/{slug}/device", summary: "Sign out of this device (clears the cookie)",
                  responses: [("200", "{signedOut}"), ("401", "unauthorized")], returns: ["200": "SignedOut"]),
        Operation(method: "post", path: "/api/campaigns/{slug}/pairing",
                  summary: "A one-use pairing code for another device, valid ten minutes, with its link and QR code",
                  responses: [("201", "{code, expiresAt, link, qr}"), ("401", "unauthorized"), ("429", "rate_limited")],
                  returns: ["201": "Pairing"]),
        Operation(method: "post", path: "/api/campaigns/{slug}/pair", summary: "Sign this device in with a pairing code",
                  responses: [("201", "{token, campaign, shared}"), ("403", "invalid_pairing_code"), ("422", "validation"),
                              ("429", "rate_limited")], body: "Pair", returns: ["201": "Joined"]),
        Operation(method: "post", path: "/api/campaigns/{slug}/recovery-key",
                  summary: "A new recovery key, shown once (replaces any earlier one)",
                  responses: [("201", "{recoveryKey}"), ("401", "unauthorized"), ("429", "rate_limited")],
                  returns: ["201": "RecoveryKey"]),
        Operation(method: "post", path: "/api/campaigns/{slug}/recover", summary: "Sign this device in with a recovery key",
                  responses: [("201", "{token, campaign, shared}"), ("403", "invalid_recovery_key"), ("422", "validation"),
                              ("429", "rate_limited")], body: "Recover", returns: ["201": "Joined"]),
        Operation(method: "get", path: "/api/me", summary: "The caller's own contributions, votes, comments, their ideas' guides and what they reported",
                  responses: [("200", "{campaign, contributions, votes, comments, guides, reported:{contributions, comments}}"), ("401", "unauthorized")],
                  query: ["campaign"], returns: ["200": "Mine"]),
        Operation(method: "get", path: "/api/campaigns/{slug}/contributions", summary: "List contributions",
                  responses: [("200", "{items:[Contribution], nextCursor}"), ("403", "invite_required: members only"),
                              ("422", "validation")],
                  query: ["question", "theme", "sort", "q", "limit", "cursor", "shortlisted"], returns: ["200": "ContributionPage"]),
        Operation(method: "post", path: "/api/campaigns/{slug}/contributions", summary: "Post a contribution",
                  responses: [("201", "Contribution"), ("401", "unauthorized"), ("409", "phase rules"),
                              ("422", "validation"), ("429", "rate_limited")], body: "NewContribution",
                  returns: ["201": "Contribution"]),
        Operation(method: "get", path: "/api/contributions/{id}", summary: "One contribution with its comment thread, outcome, story and published guide",
                  responses: [("200", "Contribution + commentList"), ("403", "invite_required: members only"), ("404", "not_found")],
                  returns: ["200": "ContributionDetail"]),
        Operation(method: "patch", path: "/api/contributions/{id}", summary: "Edit one's own contribution before votes or comments",
                  responses: [("200", "Contribution"), ("403", "not_author"),
                              ("409", "edit_locked / contribution_hidden / contribution_withdrawn / contribution_merged / phase rules")],
                  body: "EditContribution", returns: ["200": "Contribution"]),
        Operation(method: "delete", path: "/api/contributions/{id}", summary: "Withdraw one's own contribution",
                  responses: [("200", "Contribution, state withdrawn"), ("403", "not_author")],
                  returns: ["200": "Contribution"]),
        Operation(method: "put", path: "/api/contributions/{id}/vote", summary: "Vote 1, -1, or 0 to retract",
                  responses: [("200", "{id, up, down, score, myVote}"), ("409", "phase rules"), ("422", "validation")],
                  body: "Vote", returns: ["200": "VoteResult"]),
        Operation(method: "post", path: "/api/contributions/{id}/comments", summary: "Comment or reply (one level deep)",
                  responses: [("201", "Comment"), ("409", "phase rules"), ("422", "validation / no_such_parent / reply_too_deep")],
                  body: "NewComment",
                  returns: ["201": "Comment"]),
        Operation(method: "post", path: "/api/contributions/{id}/flags", summary: "Report a contribution (once each)",
                  responses: [("201", "{flagged: true}"), ("409", "already_flagged")], body: "Flag",
                  returns: ["201": "Flagged"]),
        Operation(method: "post", path: "/api/comments/{id}/flags", summary: "Report a comment (once each); it waits in the moderation queue",
                  responses: [("201", "{flagged: true}"), ("401", "unauthorized"), ("404", "not_found"), ("409", "already_flagged / phase_closed"),
                              ("422", "validation")], body: "Flag", returns: ["201": "Flagged"]),
        Operation(method: "get", path: "/api/campaigns/{slug}/similar", summary: "Up to five similar contributions",
                  responses: [("200", "{items:[{id,title,body,up,down}]}"), ("403", "invite_required: members only")], query: ["text"],
                  returns: ["200": "SimilarList"]),
        Operation(method: "get", path: "/api/campaigns/{slug}/events",
                  summary: "text/event-stream: contribution, totals ([[id, up, down, score], …] per interval), comment, removed, phase events",
                  responses: [("200", "event stream"), ("403", "invite_required: members only"),
                              ("429", "too_many_streams: this address holds its share"), ("503", "unavailable: too many streams")]),
        Operation(method: "get", path: "/api/campaigns/{slug}/guide", summary: "Numbers, themes and guides for the public guide",
                  responses: [("200", "{campaign, numbers, themes, guides}")],
                  returns: ["200": "PublicGuide"]),
    ] + AdminRoutes.operations + MailStatusRoutes.operations + AnalysisRoutes.operations + AnalysisRoutes.assistOperations + ExportRoutes.operations
        + OutcomeRoutes.operations + DraftRoutes.operations

    static func register(_ router: inout Router<AppContext>) {
        let body = document()
        router.add(.get, "/openapi.json", on: .loop) { _, _ in .json(body) }
    }

    static func document() -> [UInt8] {
        var json = JSONWriter(capacity: 16 * 1024)
        json.object { o in
            o.field("openapi", "3.1.0")
            o.key("info")
            o.object { i in
                i.field("title", "Groundswell API")
                i.field("version", "1")
                i.field(
                    "description",
                    "Anonymous crowdsourcing: ideas, votes, comments. Errors: {error:{code,message[,field|requestId]}}; "
                        + "every code is listed, with its message, in the Error schema.")
            }
            o.key("paths")
            o.object { p in
                let grouped = Dictionary(grouping: operations, by: \.path)
                for path in grouped.keys.sorted() {
                    p.key(path)
                    p.object { item in
                        for operation in grouped[path] ?? [] { write(operation, into: &item) }
                    }
                }
            }
            o.key("components")
            o.object { c in
                c.key("schemas")
                c.object { schemas in
                    for (name, schema) in components {
                        schemas.key(name)
                        schema.write(into: &schemas)
                    }
                }
            }
        }
        return json.bytes
    }

    private static func write(_ operation: Operation, into item: inout JSONWriter) {
        item.key(operation.method)
        item.object { op in
            op.field("summary", operation.summary)
            let pathParameters = operation.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            op.key("parameters")
            op.beginArray()
            for name in pathParameters {
                op.object { p in
                    p.field("name", name)
                    p.field("in", "path")
                    p.field("required", true)
                    p.key("schema")
                    (name == "id" ? OpenAPISchema.integer : .noNUL).write(into: &p)
                }
            }
            for name in operation.query {
                let parameter = queryParameters[name] ?? (.noNUL, false)
                op.object { p in
                    p.field("name", name)
                    p.field("in", "query")
                    if parameter.required { p.field("required", true) }
                    p.key("schema")
                    parameter.schema.write(into: &p)
                }
            }
            op.endArray()
            if let body = operation.body {
                op.key("requestBody")
                op.object { r in
                    r.field("required", !operation.bodyOptional)
                    r.key("content")
                    r.object { c in
                        c.key("application/json")
                        c.object { m in
                            m.key("schema")
                            m.object { $0.field("$ref", "#/components/schemas/\(body)") }
                        }
                    }
                }
            }
            op.key("responses")
            op.object { r in
                for (status, description) in operation.responses {
                    if operation.page, status.hasPrefix("2") || status == "404" {
                        writeResponse(status, description, html: true, into: &r)
                        continue
                    }
                    let schema = status.hasPrefix("4") || status.hasPrefix("5") ? "Error" : operation.returns[status]
                    writeResponse(status, description, schema: schema, into: &r)
                }
                // Any other error status still answers the envelope (ErrorMapping is the one place it is made).
                writeResponse("4XX", "error envelope {error:{code,message[,field]}}", schema: "Error", into: &r)
                writeResponse("5XX", "error envelope {error:{code,message[,requestId]}}", schema: "Error", into: &r)
            }
        }
    }

    private static func writeResponse(
        _ status: String, _ description: String, schema: String? = nil, html: Bool = false, into r: inout JSONWriter
    ) {
        r.key(status)
        r.object { response in
            response.field("description", description)
            if html {
                response.key("content")
                response.object { c in
                    c.key("text/html")
                    c.object { m in
                        m.key("schema")
                        OpenAPISchema.string.write(into: &m)
                    }
                }
                return
            }
            guard let schema else { return }
            response.key("content")
            response.object { c in
                c.key("application/json")
                c.object { m in
                    m.key("schema")
                    OpenAPISchema.ref(schema).write(into: &m)
                }
            }
        }
    }
}
