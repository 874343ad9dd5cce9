// Blind messages: a facilitator writes to "the author of idea N", or invites them to write its guide, without learning who or whether.
import Campaigns
import HTTP
import Storage

/// The staff side of PRIVACY.md's blind messages. The answer is `202 {"queued": 1}` whoever the author
/// is — one who left an address and asked for alerts, one who did not, or none (an official statement):
/// the outbox row is queued in every case, the sender treats one with nobody to reach as a blank (it
/// talks to the relay and sends nothing), and the tallies count personal mail only as `handled`. So
/// nothing a facilitator can read — this answer, the queue, the counts, the audit log — says whether
/// the author could be reached, let alone who they are.
enum AuthorMessageRoutes {
    /// Longest subject and text of a message to an author, and of a note in a guide invitation, in characters.
    static let maxSubject = 150
    static let maxText = 4000
    static let maxNote = 1000

    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .post, "/admin/contributions/{id}/message", maxBodySize: 32 * 1024, message)
        AdminRoutes.add(&router, .post, "/admin/guides/{id}/author-invitation", maxBodySize: 8 * 1024, inviteAuthor)
    }

    /// `{subject?, text}` → 202 `{queued: 1}`: the message relayed to the idea's author if they can be
    /// reached. Facilitators and admins of the idea's live campaign; audited (which idea, never to whom).
    static func message(_ request: Request, _ context: AppContext) throws -> Response {
        let idea = try AnalysisRoutes.contribution(try request.idParameter("id"), context)
        let staff = try AnalysisAccess.require(.facilitate, request, context, campaignID: idea.campaignID)
        try requireLive(campaignID: idea.campaignID, context)
        let body = try JSONBody(request.body)
        // A subject is one header line: a line break in it becomes a space.
        let subject = try text(body, "subject", required: false, max: maxSubject).replacing("\n", with: " ")
        let text = try text(body, "text", required: true, max: maxText)
        let now = context.clock.now
        let key = context.key
        try context.database.write { connection in
            try OutboxWriter(connection, key: key, now: now).messageAuthor(of: idea, subject: subject, text: text)
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: idea.campaignID, actor: staff.name, action: .mailAuthorMessage,
                              target: "contribution:\(idea.id)", reason: subject), now: now)
        }
        return queued(context)
    }

    /// `{note?}` → 202 `{queued: 1}`: the invitation to write guide `id`, to its idea's author, with a
    /// one-use link (`MailLinks.guideInvitationDays`) that signs any device in as them — the pairing
    /// code of "continue on another device" — and opens the guide editor. Audited like a message.
    static func inviteAuthor(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        guard let guide = try context.database.read({ try GuideStore($0).guide(id: id) }) else { throw APIError.notFound }
        let staff = try AnalysisAccess.require(.facilitate, request, context, campaignID: guide.campaignID)
        guard let ideaID = guide.contributionID else { throw APIError.notFound }
        let idea = try AnalysisRoutes.contribution(ideaID, context)
        try requireLive(campaignID: guide.campaignID, context)
        let note = try text(JSONBody(request.body), "note", required: false, max: maxNote)
        let now = context.clock.now
        let key = context.key
        try context.database.write { connection in
            try OutboxWriter(connection, key: key, now: now).inviteAuthor(toGuide: guide.id, of: idea, note: note.isEmpty ? nil : note)
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: guide.campaignID, actor: staff.name, action: .mailGuideInvitation,
                              target: "guide:\(guide.id)"), now: now)
        }
        return queued(context)
    }

    private static func requireLive(campaignID: Int64, _ context: AppContext) throws {
        guard let campaign = try context.database.read({ try CampaignStore($0).campaign(id: campaignID) }) else {
            throw APIError.notFound
        }
        try InvitationRoutes.requireLive(campaign)
    }

    private static func text(_ body: JSONBody, _ field: String, required: Bool, max: Int) throws -> String {
        let value = TextRules.normalise(try required ? body.requiredString(field) : body.string(field) ?? "")
        if required, value.isEmpty { throw APIError.validation(field: field, message: "Write the message first.") }
        guard value.count <= max else { throw APIError.validation(field: field, message: "At most \(max) characters.") }
        return value
    }

    private static func queued(_ context: AppContext) -> Response {
        return context.mailQueued(1)
    }
}
