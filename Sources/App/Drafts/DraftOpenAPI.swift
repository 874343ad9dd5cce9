// The OpenAPI operations and schemas of a draft to challenge: reading, comparing, amending, answering, the result.
import Campaigns

extension DraftRoutes {
    typealias Operation = OpenAPIDocument.Operation

    static let operations: [Operation] = [
        Operation(method: "get", path: "/c/{slug}/draft", summary: "The campaign's draft to challenge (HTML; ?draft=ID picks one)",
                  responses: [("200", "HTML"), ("404", "HTML page: no such campaign")], page: true),
        Operation(method: "get", path: "/api/campaigns/{slug}/drafts",
                  summary: "Public: the campaign's drafts, oldest first, without their text: {items: [{id, title, state: open|final, version, phases, questionId, createdAt, finalisedAt}]}",
                  responses: [("200", "{items}"), ("404", "not_found")], returns: ["200": "DraftList"]),
        Operation(method: "get", path: "/api/drafts/{id}",
                  summary: "A draft at its current version (the final one once published): its numbered sections (number, heading, body, Markdown-lite blocks, counts, the caller's vote), each with its amendments (body, word diff [{kind: same|removed|added, text}] from the text it answered, state: pending|accepted|declined, reason, stale), the alternatives, the change log and canPropose {allowed, code?, message?} — never an author",
                  responses: [("200", "the draft"), ("403", "invite_required"), ("404", "not_found")], returns: ["200": "Draft"]),
        Operation(method: "get", path: "/api/drafts/{id}/versions/{version}",
                  summary: "Any version's text, section by section",
                  responses: [("200", "{draftId, version, sections}"), ("404", "not_found")], returns: ["200": "DraftVersion"]),
        Operation(method: "get", path: "/api/drafts/{id}/diff",
                  summary: "Two versions compared section by section (from defaults to the one before to, to to the current): {from, to, sections: [{id, number, heading, changed, runs}]}",
                  responses: [("200", "the comparison"), ("404", "not_found"), ("422", "validation")], query: ["from", "to"],
                  returns: ["200": "DraftComparison"]),
        Operation(method: "post", path: "/api/drafts/{id}/sections/{section}/amendments",
                  summary: "An amendment to a section of the current version {body, title?}: a contribution of the caller's, pseudonymous like an idea, while one of the draft's phases is open",
                  responses: [("201", "the amendment"), ("401", "unauthorized"), ("404", "not_found"),
                              ("409", "draft_not_open / draft_closed / draft_final / campaign_not_live / rate_limited"),
                              ("422", "validation / amendment_unchanged")],
                  body: "NewAmendment", returns: ["201": "Amendment"]),
        Operation(method: "post", path: "/api/drafts/{id}/alternatives",
                  summary: "An alternative to the whole document {title, body (Markdown-lite)}, under the draft's phase rules",
                  responses: [("201", "the alternative"), ("401", "unauthorized"), ("404", "not_found"),
                              ("409", "draft_not_open / draft_closed / draft_final / campaign_not_live / rate_limited"),
                              ("422", "validation")],
                  body: "NewAlternative", returns: ["201": "Alternative"]),
        Operation(method: "post", path: "/admin/campaigns/{slug}/drafts",
                  summary: "Publish a draft {questionId, title, text (Markdown-lite; each # … ### heading starts a numbered section), phases: [understand|answer|prioritise|act]}; audited (facilitator)",
                  responses: [("201", "the draft"), ("409", "campaign_archived"),
                              ("422", "validation / no_sections / too_many_sections / heading_too_long / section_too_long")]),
        Operation(method: "get", path: "/admin/campaigns/{slug}/drafts",
                  summary: "The campaign's drafts with how many amendments wait for an answer (pending)",
                  responses: [("200", "{items}"), ("404", "not_found")]),
        Operation(method: "get", path: "/admin/drafts/{id}",
                  summary: "The draft as GET /api/drafts/{id} gives it, for staff covering its campaign (also invite-only ones)",
                  responses: [("200", "the draft"), ("404", "not_found")]),
        Operation(method: "post", path: "/admin/amendments/{id}/decision",
                  summary: "Accept or decline an amendment {decision: accept|decline, reason}: accepting makes the next version, with the reason in its change log; audited (facilitator)",
                  responses: [("200", "{id, state, reason, version}"), ("404", "not_found"),
                              ("409", "amendment_decided / amendment_stale / draft_final / campaign_archived"),
                              ("422", "validation / amendment_unchanged")]),
        Operation(method: "post", path: "/admin/drafts/{id}/final",
                  summary: "Publish the current version as the final one, the campaign's result {reason?}, once every visible amendment is answered; audited (facilitator)",
                  responses: [("200", "the draft"), ("404", "not_found"),
                              ("409", "amendments_pending / draft_final / campaign_archived")]),
    ]
}

extension DraftRoutes {
    typealias Schema = OpenAPISchema

    private static let counts: [(String, Schema)] = [
        ("up", .integer), ("down", .integer), ("comments", .integer), ("held", .boolean), ("myVote", .integer), ("mine", .boolean),
    ]
    private static let runs = Schema.array(of: .record([("kind", .choice(DiffRun.Kind.allCases.map(\.rawValue))), ("text", .string)]))
    private static let sectionText: [(String, Schema)] = [
        ("id", .integer), ("number", .string), ("level", .integer), ("heading", .string), ("body", .string),
        ("blocks", .array(of: .any)),
    ]
    private static let draftFields: [(String, Schema)] = [
        ("id", .integer), ("title", .string), ("state", .choice(DraftState.allCases.map(\.rawValue))), ("version", .integer),
        ("phases", .array(of: .string)), ("questionId", .integer), ("createdAt", .string), ("finalisedAt", .nullable(.string)),
    ]

    /// The request and response bodies of the crowd's draft routes, as `/openapi.json` components.
    static let schemas: [(String, Schema)] = [
        ("NewAmendment", .object([
            ("body", .text(maxLength: TextRules.bodyMaxCharacters, singleLine: false)),
            ("title", .nullable(.text(maxLength: TextRules.titleMaxCharacters, singleLine: true))),
        ], required: ["body"])),
        ("NewAlternative", .record([
            ("title", .text(maxLength: TextRules.titleMaxCharacters, singleLine: true)),
            ("body", .text(maxLength: TextRules.bodyMaxCharacters, singleLine: false)),
        ])),
        ("DraftList", .record([("items", .array(of: .record(draftFields)))])),
        ("Amendment", .record([
            ("id", .integer), ("sectionId", .integer), ("title", .nullable(.string)), ("body", .string),
            ("state", .choice(AmendmentState.allCases.map(\.rawValue))), ("contributionState", .string), ("baseVersion", .integer),
            ("reason", .nullable(.string)), ("decidedVersion", .nullable(.integer)), ("stale", .boolean), ("diff", runs),
            ("createdAt", .string),
        ] + counts)),
        ("Alternative", .record([
            ("id", .integer), ("title", .nullable(.string)), ("body", .string), ("contributionState", .string),
            ("blocks", .array(of: .any)), ("createdAt", .string),
        ] + counts)),
        ("Draft", .record(draftFields + [
            ("canPropose", .object([("allowed", .boolean), ("code", .string), ("message", .string)], required: ["allowed"])),
            ("sections", .array(of: .object(
                sectionText + counts + [("amendments", .array(of: .ref("Amendment")))],
                required: sectionText.map(\.0) + ["amendments"]))),
            ("alternatives", .array(of: .ref("Alternative"))),
            ("changes", .array(of: .record([
                ("version", .integer), ("amendmentId", .nullable(.integer)), ("section", .nullable(.string)), ("reason", .string),
                ("on", .string),
            ]))),
        ])),
        ("DraftVersion", .record([("draftId", .integer), ("version", .integer), ("sections", .array(of: .record(sectionText)))])),
        ("DraftComparison", .record([
            ("draftId", .integer), ("from", .integer), ("to", .integer),
            ("sections", .array(of: .record([
                ("id", .integer), ("number", .string), ("heading", .string), ("changed", .boolean), ("runs", runs),
            ]))),
        ])),
    ]
}
