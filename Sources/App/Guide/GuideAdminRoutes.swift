// Facilitators' side of the guides: start one per act-round idea, invite editors, comment, mark final.
import Campaigns
import HTTP
import Storage

enum GuideAdminRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .post, "/admin/contributions/{id}/guide", create)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/guides", list)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/guides", createMany)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/guides/final", markManyFinal)
        AdminRoutes.add(&router, .get, "/admin/guides/{id}", read)
        AdminRoutes.add(&router, .post, "/admin/guides/{id}/invitations", invite)
        AdminRoutes.add(&router, .get, "/admin/guides/{id}/invitations", invitations)
        AdminRoutes.add(&router, .delete, "/admin/guides/{id}/invitations/{invitation}", revokeInvitation)
        AdminRoutes.add(&router, .post, "/admin/guides/{id}/comments", comment)
        AdminRoutes.add(&router, .post, "/admin/guides/{id}/final", markFinal)
        AdminRoutes.add(&router, .get, "/admin/guides/{id}/revisions", revisions)
        AdminRoutes.add(&router, .get, "/admin/guides/{id}/diff", diff)
    }

    /// The guide and its campaign, with the caller checked as a facilitator there.
    private static func guide(_ request: Request, _ context: AppContext) throws -> (GuideRecord, StaffCaller) {
        let id = try request.idParameter("id")
        guard let guide = try context.database.read({ try GuideStore($0).guide(id: id) }) else { throw APIError.notFound }
        return (guide, try AnalysisAccess.require(.facilitate, request, context, campaignID: guide.campaignID))
    }

    /// POST {title?}: starts the (empty) guide of an idea in the act round, audited; its author drafts it.
    static func create(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let idea = try AnalysisRoutes.contribution(id, context)
        let staff = try AnalysisAccess.require(.facilitate, request, context, campaignID: idea.campaignID)
        let title = TextRules.normalise(try JSONBody(request.body).string("title") ?? idea.title ?? "")
        let now = context.clock.now
        let guide = try context.database.write { try start(idea, title: title, staff: staff, $0, now: now) }
        var json = JSONWriter()
        json.guideDraft(guide, comments: [], you: nil)
        return .json(json.bytes, status: .created)
    }

    /// Starts the empty guide of `idea`, titled `title` (normalised, cut to the guide's limit), inside a write, audited
    /// with the idea as the reason; throws the rule's refusal (not in the act round, a guide already started).
    static func start(_ idea: ContributionRecord, title: String, staff: StaffCaller, _ connection: Connection, now: Int64) throws -> GuideRecord {
        let store = GuideStore(connection)
        if let refusal = GuideRevision.start(
            inActRound: try ShortlistStore(connection).contains(campaignID: idea.campaignID, round: .act, contributionID: idea.id),
            hasGuide: try store.guide(contributionID: idea.id) != nil) {
            throw refusal
        }
        let guide = try store.create(campaignID: idea.campaignID, contributionID: idea.id,
                                     title: String(title.prefix(GuideRevision.titleMaxCharacters)), now: now)
        try AuditStore(connection).append(
            NewAuditEntry(campaignID: idea.campaignID, actor: staff.name, action: .guideStart,
                          target: "guide:\(guide.id)", reason: "idea \(idea.id)"), now: now)
        return guide
    }

    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let guides = try context.database.read { try GuideStore($0).guides(campaignID: campaign.id) }
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.key("guides")
            o.array(guides) { w, g in w.guideDraft(g, comments: [], you: nil) }
        }
        return .json(json.bytes)
    }

    static func read(_ request: Request, _ context: AppContext) throws -> Response {
        let (guide, _) = try guide(request, context)
        let comments = try context.database.read { try GuideStore($0).comments(guideID: guide.id) }
        var json = JSONWriter(capacity: 4096)
        json.guideDraft(guide, comments: comments, you: "Facilitator")
        return .json(json.bytes)
    }

    /// How long an invitation link works unless the facilitator says otherwise, and at most, in days.
    static let invitationDays = (default: 14, most: 90)

    /// POST {days?}: a new invitation for a key contributor, working for `days` (1…90, default 14)
    /// unless revoked. The token is shown once; only its hash is kept.
    static func invite(_ request: Request, _ context: AppContext) throws -> Response {
        let (guide, staff) = try guide(request, context)
        let days = try JSONBody(request.body).int("days") ?? Int64(invitationDays.default)
        guard (1...Int64(invitationDays.most)).contains(days) else {
            throw APIError.validation(field: "days", message: "An invitation lasts 1 to \(invitationDays.most) days.")
        }
        let token = Tokens.generate()
        let now = context.clock.now
        let invitation = try context.database.write { connection -> GuideInvitation in
            let invitation = try GuideStore(connection).addEditor(
                guideID: guide.id, tokenHash: Tokens.hash(token), now: now, expiresAt: now + days * 86_400)
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: guide.campaignID, actor: staff.name, action: .guideInvite,
                              target: "guide:\(guide.id)", reason: "\(invitation.label), \(days) days"), now: now)
            return invitation
        }
        let slug = try context.database.read { try CampaignStore($0).campaign(id: guide.campaignID)?.slug } ?? ""
        var json = JSONWriter()
        json.object { o in
            o.field("id", invitation.id)
            o.field("token", token)
            o.field("label", invitation.label)
            o.field("expiresAt", invitation.expiresAt.map(ISOTime.string))
            o.field("link", "/c/\(slug)?guide=\(guide.id)#invite=\(token)")
            o.field("header", GuideEditorRoutes.inviteHeader)
        }
        return .json(json.bytes, status: .created)
    }

    /// GET: the guide's invitations with their state (never their tokens).
    static func invitations(_ request: Request, _ context: AppContext) throws -> Response {
        let (guide, _) = try guide(request, context)
        let list = try context.database.read { try GuideStore($0).invitations(guideID: guide.id) }
        let now = context.clock.now
        var json = JSONWriter()
        json.object { o in
            o.key("items")
            o.array(list) { w, invitation in
                w.object { i in
                    i.field("id", invitation.id)
                    i.field("label", invitation.label)
                    i.field("createdAt", ISOTime.string(invitation.createdAt))
                    i.field("expiresAt", invitation.expiresAt.map(ISOTime.string))
                    i.field("revokedAt", invitation.revokedAt.map(ISOTime.string))
                    i.field("active", invitation.isActive(at: now))
                }
            }
        }
        return .json(json.bytes)
    }

    /// DELETE: revokes one invitation of this guide at once; its link stops working.
    static func revokeInvitation(_ request: Request, _ context: AppContext) throws -> Response {
        let (guide, staff) = try guide(request, context)
        let id = try request.idParameter("invitation")
        let now = context.clock.now
        try context.database.write { connection in
            guard try GuideStore(connection).revokeEditor(id: id, guideID: guide.id, now: now) else { throw APIError.notFound }
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: guide.campaignID, actor: staff.name, action: .guideInviteRevoke,
                              target: "guide:\(guide.id)", reason: "invitation \(id)"), now: now)
        }
        return .json(Array(#"{"revoked":true}"#.utf8))
    }

    /// POST {body}: a facilitator's comment on the current revision, shown to editors as "Facilitator".
    static func comment(_ request: Request, _ context: AppContext) throws -> Response {
        let (guide, staff) = try guide(request, context)
        let text = TextRules.normalise(try JSONBody(request.body).requiredString("body"))
        if let problem = TextRules.validateComment(text) { throw APIError.text(problem, field: "body") }
        let now = context.clock.now
        let comment = try context.database.write { connection in
            try GuideStore(connection).addComment(guideID: guide.id, staffID: staff.id, revision: guide.text.revision,
                                                  body: text, now: now)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("id", comment.id)
            o.field("revision", comment.revision)
            o.field("body", comment.body)
            o.field("createdAt", ISOTime.string(comment.createdAt))
        }
        return .json(json.bytes, status: .created)
    }

    /// POST {final: bool}: final guides cannot be edited and may enter the published round.
    static func markFinal(_ request: Request, _ context: AppContext) throws -> Response {
        let (guide, staff) = try guide(request, context)
        let isFinal = try JSONBody(request.body).bool("final") ?? true
        if let refusal = GuideRevision.mark(final: isFinal, revision: guide.text.revision) { throw refusal }
        let now = context.clock.now
        let updated = try context.database.write { connection -> GuideRecord? in
            try setFinal(guide, isFinal, staff: staff, connection, now: now)
            return try GuideStore(connection).guide(id: guide.id)
        }
        guard let updated else { throw APIError.notFound }
        var json = JSONWriter()
        json.guideDraft(updated, comments: [], you: "Facilitator")
        return .json(json.bytes)
    }

    /// Marks `guide` final, or reopens it — which takes it out of the published round — inside a write, audited.
    /// The caller has checked the rule (`GuideRevision.mark`).
    static func setFinal(_ guide: GuideRecord, _ isFinal: Bool, staff: StaffCaller, _ connection: Connection, now: Int64) throws {
        let store = GuideStore(connection)
        try store.setFinal(id: guide.id, isFinal, now: now)
        if !isFinal, let idea = guide.contributionID {
            try store.setPublished(id: guide.id, false, now: now)
            _ = try ShortlistStore(connection).remove(campaignID: guide.campaignID, round: .published, contributionID: idea)
        }
        try AuditStore(connection).append(
            NewAuditEntry(campaignID: guide.campaignID, actor: staff.name, action: isFinal ? .guideFinal : .guideReopen,
                          target: "guide:\(guide.id)"), now: now)
    }

    static func revisions(_ request: Request, _ context: AppContext) throws -> Response {
        let (guide, _) = try guide(request, context)
        return try GuideRevisions.list(id: guide.id, context)
    }

    static func diff(_ request: Request, _ context: AppContext) throws -> Response {
        let (guide, _) = try guide(request, context)
        return try GuideRevisions.diff(id: guide.id, request, context)
    }
}
