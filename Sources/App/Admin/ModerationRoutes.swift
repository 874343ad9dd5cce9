// Moderation by staff: hide/restore (approve) with a reason, redaction and its revisions (the queue: ModerationQueueRoutes).
import Campaigns
import HTTP
import Storage

enum ModerationRoutes {
    static func register(_ router: inout Router<AppContext>) {
        ModerationQueueRoutes.register(&router)
        AdminRoutes.add(&router, .post, "/admin/contributions/{id}/hide", maxBodySize: 4096) { request, context in
            try moderate(request, context, .hide)
        }
        AdminRoutes.add(&router, .post, "/admin/contributions/{id}/restore", maxBodySize: 4096) { request, context in
            try moderate(request, context, .restore)
        }
        AdminRoutes.add(&router, .post, "/admin/contributions/{id}/redact", maxBodySize: 64 * 1024, redact)
        AdminRoutes.add(&router, .post, "/admin/contributions/{id}/merge", maxBodySize: 4096, MergeRoutes.merge)
        AdminRoutes.add(&router, .post, "/admin/contributions/{id}/unmerge", maxBodySize: 4096, MergeRoutes.unmerge)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/merges", MergeRoutes.list)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/merge-targets", MergeRoutes.targets)
        AdminRoutes.add(&router, .get, "/admin/contributions/{id}/revisions", revisions)
        AdminRoutes.add(&router, .delete, "/admin/contributions/{id}/revisions", purge)
        AdminRoutes.add(&router, .post, "/admin/comments/{id}/hide", maxBodySize: 4096) { request, context in
            try CommentModeration.moderate(request, context, .hide)
        }
        AdminRoutes.add(&router, .post, "/admin/comments/{id}/restore", maxBodySize: 4096) { request, context in
            try CommentModeration.moderate(request, context, .restore)
        }
        AdminRoutes.add(&router, .post, "/admin/comments/{id}/redact", maxBodySize: 16 * 1024, CommentModeration.redact)
    }

    /// The contribution `{id}` for a staff action: 401/403 role, 404, 403 campaign, 409 archived.
    static func load(
        _ request: Request, _ context: AppContext, _ permission: AdminPermission
    ) throws -> (StaffCaller, ContributionRecord, CampaignRecord) {
        let caller = try context.requireStaff(request, permission)
        let id = try request.idParameter("id")
        let (record, campaign) = try context.database.read { connection -> (ContributionRecord, CampaignRecord) in
            guard let record = try ContributionStore(connection).contribution(id: id),
                  let campaign = try CampaignStore(connection).campaign(id: record.campaignID) else { throw APIError.notFound }
            return (record, campaign)
        }
        try caller.requireCovers(campaignID: campaign.id)
        return (caller, record, campaign)
    }

    static func requiredReason(_ body: JSONBody) throws -> String {
        let reason = TextRules.normalise(try body.string("reason") ?? "")
        if let problem = ModerationReason.check(reason) { throw APIError.validation(field: "reason", message: problem.message) }
        return reason
    }

    /// Hide or restore (approving a pre-moderated contribution is a restore; restoring a held one
    /// releases it), as
    /// `ContributionLifecycle.moderate` decides from the state read inside the write. `{reason}` is required.
    static func moderate(_ request: Request, _ context: AppContext, _ action: ModerationAction) throws -> Response {
        let (caller, found, campaign) = try load(request, context, .moderate)
        try campaign.requireEditable()
        let reason = try requiredReason(try JSONBody(request.body))
        let now = context.clock.now
        let record = try context.database.write { connection -> ContributionRecord in
            let contributions = ContributionStore(connection)
            guard let current = try contributions.contribution(id: found.id) else { throw APIError.notFound }
            let outcome = try ContributionLifecycle.moderate(action, current.state, held: current.held).get()
            try ModerationStore(connection).setContributionState(id: found.id, outcome.state, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: outcome.auditAction,
                    target: "contribution:\(found.id)", reason: reason), now: now)
            guard let updated = try contributions.contribution(id: found.id) else { throw APIError.notFound }
            return updated
        }
        // Only a now-visible contribution is broadcast: an event must never carry hidden text.
        if ContributionLifecycle.crowdSees(record.state) {
            context.publishContribution(record)
        } else {
            context.publishRemoval(campaignID: record.campaignID, contributionID: record.id)
        }
        var json = JSONWriter()
        json.contribution(record, viewer: nil)
        return .json(json.bytes)
    }

    /// `{title?, body, reason}`: replaces the text, keeping the original as a revision only admins
    /// read, as `ContributionLifecycle.redact` allows from the state read inside the write.
    static func redact(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, found, campaign) = try load(request, context, .moderate)
        try campaign.requireEditable()
        let body = try JSONBody(request.body)
        let reason = try requiredReason(body)
        let title = try body.string("title").map(TextRules.normalise) ?? found.title
        let text = TextRules.normalise(try body.requiredString("body"))
        if let problem = TextRules.validateTitle(title) { throw APIError.text(problem, field: "title") }
        if let problem = TextRules.validateBody(text) { throw APIError.text(problem, field: "body") }
        let now = context.clock.now
        let record = try context.database.write { connection -> ContributionRecord in
            guard let current = try ContributionStore(connection).contribution(id: found.id) else { throw APIError.notFound }
            if let refusal = ContributionLifecycle.redact(current.state) { throw refusal }
            try ModerationStore(connection).redactContribution(
                id: found.id, title: title, body: text, staffID: caller.staff.id, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .redact, target: "contribution:\(found.id)",
                    reason: reason), now: now)
            guard let updated = try ContributionStore(connection).contribution(id: found.id) else { throw APIError.notFound }
            return updated
        }
        // The old text's pages stay in the WAL until it is checkpointed: now, not whenever it fills.
        context.database.scrubWriteAheadLog(wait: true)
        context.publishContribution(record)
        var json = JSONWriter()
        json.contribution(record, viewer: nil)
        return .json(json.bytes)
    }

    /// The originals of redacted text of a contribution and its comments (admins only).
    static func revisions(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, found, _) = try load(request, context, .readRevisions)
        let items = try context.database.read { try ModerationStore($0).revisions(contributionID: found.id) }
        var json = JSONWriter()
        json.object { o in
            o.key("items")
            o.array(items) { w, revision in
                w.object { r in
                    r.field("id", revision.id)
                    r.key("contributionId")
                    r.int(revision.contributionID)
                    r.key("commentId")
                    r.int(revision.commentID)
                    r.field("title", revision.title)
                    r.field("body", revision.body)
                    r.field("createdAt", ISOTime.string(revision.createdAt))
                }
            }
        }
        return .json(json.bytes)
    }

    /// Deletes the originals for good; `secure_delete` overwrites the freed pages and the WAL that
    /// still held them is truncated before the answer.
    static func purge(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, found, campaign) = try load(request, context, .readRevisions)
        let now = context.clock.now
        let count = try context.database.write { connection -> Int in
            let count = try ModerationStore(connection).purgeRevisions(contributionID: found.id)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .purgeRevisions,
                    target: "contribution:\(found.id)", reason: "\(count) revisions"), now: now)
            return count
        }
        context.database.scrubWriteAheadLog(wait: true)
        return .json(Array("{\"purged\":\(count)}".utf8))
    }
}
