// POST /api/guides/{id}/comments: someone who joined has their say on a published mini-guide.
import Campaigns
import HTTP
import Storage

enum GuideCommentRoute {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.post, "/api/guides/{id}/comments", on: .pool, maxBodySize: 16 * 1024, comment)
    }

    /// `{body, parentId?}` → 201 the comment. It joins the comment thread of the guide's idea (so it is
    /// moderated, reported and exported as any comment), allowed whenever the guide is published
    /// (`GuideCommentRules`), whatever phase is open; the phase rules of the idea's own page still apply there.
    /// An idea held by its reports takes no comments here either (`ContributionLifecycle.react`).
    static func comment(_ request: Request, _ context: AppContext) throws -> Response {
        let guideID = try request.idParameter("id")
        let body = try JSONBody(request.body)
        let text = TextRules.normalise(try body.requiredString("body"))
        if let problem = TextRules.validateComment(text) { throw APIError.text(problem, field: "body") }
        let parentID = try body.int("parentId")
        guard let ideaID = try context.database.read({ try GuideStore($0).guide(id: guideID)?.contributionID }) else {
            throw APIError.notFound
        }
        let caller = try context.caller(request, contributionID: ideaID)
        try context.rateLimiter.check(.comment, contributorID: caller.id, address: request.addressKey)
        let now = context.clock.now
        let (comment, campaignID, count) = try context.database.write { connection in
            guard let guide = try GuideStore(connection).guide(id: guideID), guide.contributionID == ideaID,
                  let record = try ContributionStore(connection).contribution(id: ideaID) else { throw APIError.notFound }
            try ContributionLifecycle.react(.comment, state: record.state, held: record.held).require()
            let snapshot = try CampaignSnapshot.load(id: record.campaignID, in: connection)
            if let refusal = GuideCommentRules.check(published: guide.publishedAt != nil, campaign: snapshot.campaign.state) {
                throw refusal
            }
            let comment = try CommentPosting.insert(
                on: ideaID, parentID: parentID, by: caller.id, text: text, now: now, in: connection)
            return (comment, record.campaignID, record.commentCount + 1)
        }
        return CommentPosting.created(comment, campaignID: campaignID, count: count, callerID: caller.id, context)
    }
}
