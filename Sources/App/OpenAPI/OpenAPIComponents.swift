// The named schemas of /openapi.json: request bodies, the contributor API's responses, the error envelope.

import Campaigns

extension OpenAPIDocument {
    typealias Schema = OpenAPISchema

    /// Every component schema, in the order the document lists them.
    static let components: [(String, Schema)] = requests + responses + DraftRoutes.schemas

    /// JSON request bodies (`null` counts as absent for optional fields), as precise as the handlers' rules (`TextRules`, ranges, choices) allow,
    /// so that every body the schema admits is one the handler accepts.
    static let requests: [(String, Schema)] = [
        ("JoinRequest", .object([
            ("code", .nullable(.string)), ("profile", .nullable(.map(of: .string))), ("shared", .nullable(.boolean)),
            ("proof", .nullable(.map(of: .string))),
        ], required: [])),
        ("NewContribution", .object([
            ("questionId", .integerIn(minimum: 1, maximum: Int.max)),
            ("title", .nullable(.text(maxLength: TextRules.titleMaxCharacters, singleLine: true))),
            ("body", .text(maxLength: TextRules.bodyMaxCharacters, singleLine: false)),
            ("themes", .nullable(.array(of: .integerIn(minimum: 1, maximum: Int.max)))),
        ], required: ["questionId", "body"])),
        ("EditContribution", .object([
            ("title", .text(maxLength: TextRules.titleMaxCharacters, singleLine: true)),
            ("body", .text(maxLength: TextRules.bodyMaxCharacters, singleLine: false)),
        ], required: [], minProperties: 1)),
        ("Vote", .record([("value", .integerChoice([1, -1, 0]))])),
        ("NewComment", .object([
            ("body", .text(maxLength: TextRules.commentMaxCharacters, singleLine: false)),
            ("parentId", .nullable(.integerIn(minimum: 1, maximum: Int.max))),
        ], required: ["body"])),
        ("Flag", .record([("reason", .text(maxLength: FlagRules.reasonMaxCharacters, singleLine: false))])),
        ("Pair", .object([("code", .string), ("shared", .nullable(.boolean))], required: ["code"])),
        ("Recover", .object([("recoveryKey", .string), ("shared", .nullable(.boolean))], required: ["recoveryKey"])),
        ("SetMailAddress", .object([
            ("address", .string), ("announcements", .nullable(.boolean)), ("alerts", .nullable(.boolean)),
        ], required: ["address"])),
        ("RequestInvitation", .object([
            ("email", .string), ("note", .nullable(.text(maxLength: 500, singleLine: false))),
        ], required: ["email"])),
        ("GuideSave", .object([("revision", .integer), ("title", .string), ("sections", .any)], required: [])),
    ]

    /// Query parameters by name, the same wherever they appear (else an optional string without NUL,
    /// which the HTTP layer refuses with 400 once percent-decoded).
    static let queryParameters: [String: (schema: Schema, required: Bool)] = [
        "question": (.integerIn(minimum: 1, maximum: Int.max), false),
        "theme": (.integerIn(minimum: 1, maximum: Int.max), false),
        "sort": (.choice(["top", "new", "controversial", "discussed", "random"]), false),
        "limit": (.integerIn(minimum: 1, maximum: 100), false),
        "offset": (.integerIn(minimum: 0, maximum: 10_000_000), false),
        "campaign": (.nonEmpty, true),
        "from": (.integerIn(minimum: 0, maximum: nil), false),
        "to": (.integerIn(minimum: 0, maximum: nil), false),
        "round": (.choice(["understand", "answer"]), false),
        "after": (.integerIn(minimum: 0, maximum: nil), false),
        "shortlisted": (.choice(["true", "false"]), false),
    ]

    static let contributionFields: [(String, Schema)] = [
        ("id", .integer), ("campaign", .string), ("questionId", .integer), ("phase", .string),
        ("title", .nullable(.string)), ("body", .string), ("themes", .array(of: .integer)), ("up", .integer),
        ("down", .integer), ("score", .number), ("comments", .integer), ("myVote", .integer),
        ("createdAt", .string), ("editedAt", .nullable(.string)), ("state", .string), ("official", .boolean),
        ("shortlisted", .boolean), ("held", .boolean), ("mine", .boolean),
    ]
    /// `myVote` and `mine` are present only when the caller is a contributor of the campaign.
    static let contributionRequired = contributionFields.map(\.0).filter { $0 != "myVote" && $0 != "mine" }

    static let summaryFields: [(String, Schema)] = [
        ("slug", .string), ("title", .string), ("summary", .string), ("state", .string), ("access", .string),
        ("openPhase", .nullable(.string)), ("question", .nullable(.string)), ("closesAt", .nullable(.string)),
        ("daysLeft", .nullable(.integer)),
    ]

    static let campaignFields: [(String, Schema)] = summaryFields + [
        ("description", .string), ("joined", .boolean), ("shared", .boolean),
        ("phases", .array(of: .record([("kind", .string), ("state", .string), ("opensAt", .nullable(.string)),
                                       ("closesAt", .nullable(.string))]))),
        ("questions", .array(of: .record([("id", .integer), ("phase", .string), ("text", .string)]))),
        ("profileQuestions", .array(of: .record([("key", .string), ("label", .string),
                                                 ("choices", .array(of: .string)), ("required", .boolean)]))),
        ("themes", .array(of: .record([("id", .integer), ("name", .string), ("kind", .string),
                                       ("description", .string)]))),
        ("counts", .record([("participants", .integer), ("contributions", .integer), ("comments", .integer),
                            ("votes", .integer)])),
        ("permissions", .record([("contribute", .boolean), ("vote", .boolean), ("comment", .boolean)])),
        ("joinProofBits", .integer),
    ]

    /// Bodies of the contributor API's 200 and 201 answers, and the error envelope of every 4xx and 5xx.
    static let responses: [(String, Schema)] = [
        ("Error", .record([("error", .object(
            [("code", .documentedChoice(ErrorCatalogue.all.map { ($0.code, $0.message) })), ("message", .string),
             ("field", .string), ("requestId", .string)],
            required: ["code", "message"]))])),
        ("CampaignSummary", .record(summaryFields)),
        ("CampaignList", .record([("campaigns", .array(of: .ref("CampaignSummary")))])),
        ("Campaign", .record(campaignFields)),
        ("Joined", .record([("token", .nullable(.string)), ("campaign", .string), ("shared", .boolean)])),
        ("Device", .record([("shared", .boolean), ("devices", .integer), ("recoveryKey", .boolean)])),
        ("SignedOut", .record([("signedOut", .boolean)])),
        ("Unsubscribed", .record([("unsubscribed", .boolean)])),
        ("MailAddress", .record([
            ("address", .nullable(.string)), ("announcements", .boolean), ("alerts", .boolean), ("refused", .boolean),
        ])),
        ("Erased", .record([("erased", .boolean)])),
        ("RequestReceived", .record([("received", .boolean)])),
        ("Pairing", .record([
            ("code", .string), ("expiresAt", .string), ("link", .string),
            ("qr", .nullable(.record([("size", .integer), ("rows", .array(of: .string))]))),
        ])),
        ("RecoveryKey", .record([("recoveryKey", .string)])),
        ("JoinChallenge", .record([("bits", .integer), ("challenge", .nullable(.string)), ("expiresAt", .nullable(.string))])),
        ("Contribution", .object(contributionFields, required: contributionRequired)),
        ("ContributionDetail", .object(contributionFields + [("commentList", .array(of: .ref("Comment"))),
                                                             ("outcome", .nullable(.ref("Outcome"))),
                                                             ("story", .nullable(.ref("StoryText"))),
                                                             ("guide", .nullable(.record([("id", .integer), ("title", .string)])))],
                                       required: contributionRequired + ["commentList", "outcome", "story", "guide"])),
        ("StoryText", .record([
            ("byline", .string), ("link", .nullable(.record([("url", .string), ("label", .string)]))),
            ("blocks", .array(of: .any)),
        ])),
        ("StoryList", .record([("items", .array(of: .object([
            ("id", .integer), ("title", .nullable(.string)), ("phase", .string), ("up", .integer), ("down", .integer),
            ("comments", .integer), ("myVote", .integer), ("createdAt", .string), ("byline", .string),
            ("link", .nullable(.record([("url", .string), ("label", .string)]))), ("blocks", .array(of: .any)),
        ], required: ["id", "title", "phase", "up", "down", "comments", "createdAt", "byline", "link", "blocks"])))])),
        ("ProgressUpdate", .record([
            ("id", .integer), ("contributionId", .integer), ("role", .string), ("site", .string), ("note", .string),
            ("percent", .nullable(.integer)), ("on", .string),
        ])),
        ("Outcome", .record([
            ("status", .choice(OutcomeStatus.allCases.map(\.rawValue))), ("label", .string),
            ("response", .nullable(.string)), ("changedOn", .nullable(.string)),
            ("history", .array(of: .record([("status", .string), ("label", .string), ("response", .string), ("on", .string)]))),
            ("updates", .array(of: .ref("ProgressUpdate"))), ("percent", .nullable(.integer)),
        ])),
        ("Progress", .record([
            ("campaign", .string), ("title", .string), ("state", .string),
            ("statuses", .array(of: .record([("status", .string), ("label", .string), ("count", .integer)]))),
            ("items", .array(of: .record([
                ("id", .integer), ("title", .nullable(.string)), ("body", .string), ("guideId", .nullable(.integer)),
                ("outcome", .ref("Outcome")),
            ]))),
        ])),
        ("ContributionPage", .record([("items", .array(of: .ref("Contribution"))),
                                      ("nextCursor", .nullable(.string))])),
        ("Comment", .record([
            ("id", .integer), ("contributionId", .integer), ("parentId", .nullable(.integer)), ("body", .string),
            ("createdAt", .string), ("mine", .boolean), ("official", .boolean), ("replies", .array(of: .ref("Comment"))),
        ])),
        ("VoteResult", .record([("id", .integer), ("up", .integer), ("down", .integer), ("score", .number),
                                ("myVote", .integer)])),
        ("Flagged", .record([("flagged", .boolean)])),
        ("Mine", .record([
            ("campaign", .string), ("contributions", .array(of: .ref("Contribution"))),
            ("votes", .array(of: .record([("contributionId", .integer), ("value", .integer)]))),
            ("comments", .array(of: .ref("Comment"))),
            ("reported", .record([("contributions", .array(of: .integer)), ("comments", .array(of: .integer))])),
        ])),
        ("SimilarList", .record([("items", .array(of: .record([
            ("id", .integer), ("title", .nullable(.string)), ("body", .string), ("up", .integer), ("down", .integer),
        ])))])),
        ("GuideDraft", .object([
            ("id", .integer), ("title", .string), ("revision", .integer), ("sections", .array(of: .record([
                ("key", .string), ("heading", .string), ("body", .string)]))),
            ("final", .boolean), ("published", .boolean), ("you", .string),
            ("comments", .array(of: .record([("id", .integer), ("revision", .integer), ("body", .string),
                                             ("author", .string), ("createdAt", .string)]))),
        ], required: ["id", "title", "revision", "sections", "final", "published", "comments"])),
        ("GuideRevisions", .record([("revisions", .array(of: .record([
            ("revision", .integer), ("title", .string), ("editor", .string), ("createdAt", .string)])))])),
        ("GuideDiff", .record([("from", .integer), ("to", .integer), ("title", .any), ("sections", .array(of: .any))])),
        ("PublicGuide", .record([("campaign", .string), ("title", .string), ("numbers", .object([], required: [])),
                                 ("themes", .array(of: .any)), ("guides", .array(of: .any))])),
    ]
}
