// Moderating comments: hide, restore and redact, each with a reason, in the comment's campaign.
import Campaigns
import HTTP
import Storage

enum CommentModeration {
    private static func load(
        _ request: Request, _ context: AppContext
    ) throws -> (StaffCaller, CommentRecord, CampaignRecord) {
        let caller = try context.requireStaff(request, .moderate)
        let id = try request.idParameter("id")
        let (comment, campaign) = try context.database.read { connection -> (CommentRecord, CampaignRecord) in
            guard let comment = try CommentStore(connection).comment(id: id),
                  let contribution = try ContributionStore(connection).contribution(id: comment.contributionID),
                  let campaign = try CampaignStore(connection).campaign(id: contribution.campaignID) else {
                throw APIError.notFound
            }
            return (comment, campaign)
        }
        try caller.requireCovers(campaignID: campaign.id)
        try campaign.requireEditable()
        return (caller, comment, campaign)
    }

    static func moderate(_ request: Request, _ context: AppContext, _ action: ModerationAction) throws -> Response {
        let (caller, comment, campaign) = try load(request, context)
        let reason = try ModerationRoutes.requiredReason(try JSONBody(request.body))
        let now = context.clock.now
        let updated = try context.database.write { connection -> (CommentRecord, Int) in
            try ModerationStore(connection).setCommentState(id: comment.id, CommentRules.moderate(action, comment.state), now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: action.auditAction,
                    target: "comment:\(comment.id)", reason: reason), now: now)
            guard let record = try CommentStore(connection).comment(id: comment.id),
                  let parent = try ContributionStore(connection).contribution(id: record.contributionID) else {
                throw APIError.notFound
            }
            return (record, parent.commentCount)
        }
        context.publishCommentCount(campaignID: campaign.id, contributionID: updated.0.contributionID, comments: updated.1)
        return respond(updated.0)
    }

    /// `{body, reason}`.
    static func redact(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, comment, campaign) = try load(request, context)
        let body = try JSONBody(request.body)
        let reason = try ModerationRoutes.requiredReason(body)
        let text = TextRules.normalise(try body.requiredString("body"))
        if let problem = TextRules.validateComment(text) { throw APIError.text(problem, field: "body") }
        let now = context.clock.now
        let updated = try context.database.write { connection -> CommentRecord in
            try ModerationStore(connection).redactComment(id: comment.id, body: text, staffID: caller.staff.id, now: now)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .redact, target: "comment:\(comment.id)",
                    reason: reason), now: now)
            guard let record = try CommentStore(connection).comment(id: comment.id) else { throw APIError.notFound }
            return record
        }
        context.database.scrubWriteAheadLog(wait: true)  // the original's pages leave the WAL now
        return respond(updated)
    }

    private static func respond(_ comment: CommentRecord) -> Response {
        var json = JSONWriter()
        json.object { o in
            o.field("id", comment.id)
            o.field("contributionId", comment.contributionID)
            o.field("body", comment.body)
            o.field("state", comment.state.rawValue)
            o.field("official", comment.official)
        }
        return .json(json.bytes)
    }
}
