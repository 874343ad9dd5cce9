// GET /api/campaigns/{slug}/guide: the public guide — numbers, published themes and published guides.
import Campaigns
import HTTP
import Storage

enum PublishedGuideRoute {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/api/campaigns/{slug}/guide", on: .pool, guide)
        GuideCommentRoute.register(&router)
    }

    /// Public, no join needed. `?theme=` keeps guides tagged with that theme; `?q=` keeps guides
    /// whose title or text contains the words. Nothing of an unpublished guide is ever written.
    static func guide(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let theme: Int64? = try request.query("theme").flatMap { text in
            guard !text.isEmpty else { return nil }
            guard let id = Int64(text), id > 0 else { throw APIError.validation(field: "theme", message: "Must be a theme id.") }
            return id
        }
        let text = request.query("q").map(TextRules.normalise)
        if let text, text.count > 200 { throw APIError.validation(field: "q", message: "Keep the search under 200 characters.") }
        let (snapshot, counts, themes, perPhase, guides, comments) = try context.database.read { connection in
            let snapshot = try CampaignSnapshot.load(slug: slug, in: connection)
            let id = snapshot.campaign.id
            let campaigns = CampaignStore(connection)
            let store = GuideStore(connection)
            let guides = try store.published(campaignID: id, theme: theme, query: text)
            // Each guide's comments are its idea's visible thread ("have your say").
            var comments: [Int64: [CommentRecord]] = [:]
            for guide in guides {
                guard let idea = guide.contributionID,
                      let record = try ContributionStore(connection).contribution(id: idea),
                      ContributionLifecycle.crowdSees(record.state) else { continue }
                comments[guide.id] = try CommentStore(connection).comments(contributionID: idea, viewerID: nil)
            }
            return (snapshot, try campaigns.counts(campaignID: id), try campaigns.publishedThemes(campaignID: id),
                    try store.numbers(campaignID: id), guides, comments)
        }
        var json = JSONWriter(capacity: 8192)
        json.object { o in
            o.field("campaign", snapshot.campaign.slug)
            o.field("title", snapshot.campaign.title)
            o.key("numbers")
            o.object { n in
                n.field("people", counts.participants)
                n.field("contributions", counts.contributions)
                n.field("ideas", perPhase.first { $0.phase == .answer }?.contributions ?? 0)
                n.field("comments", counts.comments)
                n.key("perPhase")
                n.array(perPhase) { w, p in
                    w.object { j in
                        j.field("phase", p.phase.rawValue)
                        j.field("people", p.people)
                        j.field("contributions", p.contributions)
                        j.field("comments", p.comments)
                    }
                }
            }
            o.themesField(themes)
            o.key("guides")
            o.array(guides) { w, g in w.publishedGuide(g, comments: comments[g.id] ?? []) }
        }
        return .json(json.bytes)
    }
}
