// Read-only contributor endpoints: health, similar ideas, the caller's own activity (the public guide: PublishedGuideRoute).
import Campaigns
import HTTP
import Storage

enum ReadingRoutes {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/healthz", on: .loop) { _, _ in healthy }
        router.add(.get, "/api/campaigns/{slug}/similar", on: .pool, similar)
        router.add(.get, "/api/me", on: .pool, me)
    }

    /// The liveness answer, its header block encoded once (`Response.prepared()`) as static files'
    /// are: load balancers and monitors ask many times a second, and it never changes.
    private static let healthy = Response.text("ok").prepared()

    static func similar(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let text = request.query("text") ?? ""
        if text.utf8.count > 20_000 { throw APIError.validation(field: "text", message: "The text is too long.") }
        let items = try context.database.read { connection in
            let snapshot = try CampaignSnapshot.load(slug: slug, in: connection)
            if snapshot.isMembersOnly {
                try snapshot.requireReader(
                    context.contributor(token: request.contributorToken(slug: slug), campaignID: snapshot.campaign.id, in: connection))
            }
            let store = ContributionStore(connection), id = snapshot.campaign.id
            let index = try context.similarIdeas.index(campaignID: id, version: try store.similarityVersion(campaignID: id)) {
                try store.similarityDocuments(campaignID: id)
            }
            return try store.similarSummaries(ids: index.similar(to: text).map(\.id))
        }
        var json = JSONWriter()
        json.object { o in
            o.key("items")
            o.array(items) { w, item in
                w.object { j in
                    j.field("id", item.id)
                    j.field("title", item.title)
                    j.field("body", item.body)
                    j.field("up", item.up)
                    j.field("down", item.down)
                }
            }
        }
        return .json(json.bytes)
    }

    static func me(_ request: Request, _ context: AppContext) throws -> Response {
        guard let slug = request.query("campaign"), !slug.isEmpty else {
            throw APIError.validation(field: "campaign", message: "Say which campaign.")
        }
        let caller = try context.requireCaller(request, slug: slug)
        let (contributions, votes, comments, guides, reports) = try context.database.read { connection in
            let contributions = try ContributionStore(connection).contributions(contributorID: caller.id)
            let store = GuideStore(connection)
            return (
                contributions,
                try VoteStore(connection).votes(contributorID: caller.id),
                try CommentStore(connection).comments(contributorID: caller.id),
                try contributions.compactMap { try store.guide(contributionID: $0.id) },
                try FlagStore(connection).reports(contributorID: caller.id)
            )
        }
        let myVotes = Dictionary(votes.map { ($0.contributionID, $0.vote) }, uniquingKeysWith: { first, _ in first })
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.field("campaign", slug)
            o.key("contributions")
            o.array(contributions) { w, c in w.contribution(c, viewer: Viewer(myVote: myVotes[c.id] ?? .neither, mine: true)) }
            o.key("votes")
            o.array(votes) { w, vote in
                w.object { v in
                    v.field("contributionId", vote.contributionID)
                    v.field("value", vote.vote.rawValue)
                }
            }
            o.key("comments")
            o.array(comments) { w, c in w.comment(c, viewerID: caller.id, replies: nil) }
            // The guides of the caller's ideas, so an author can find the editor (/api/guides/{id}).
            o.key("guides")
            o.array(guides) { w, g in
                w.object { j in
                    j.field("id", g.id)
                    j.key("contributionId")
                    j.int(g.contributionID)
                    j.field("title", g.text.title)
                    j.field("revision", g.text.revision)
                    j.field("final", g.finalAt != nil)
                }
            }
            // What the caller reported, so their page keeps saying "Reported" after a reload.
            o.key("reported")
            o.object { r in
                r.key("contributions")
                r.array(reports.contributions) { w, id in w.int(id) }
                r.key("comments")
                r.array(reports.comments) { w, id in w.int(id) }
            }
        }
        return .json(json.bytes)
    }
}
