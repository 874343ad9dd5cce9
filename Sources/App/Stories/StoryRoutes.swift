// Stories: staff post them with a byline they choose; anyone reads them on the campaign page.
import Campaigns
import HTTP
import Storage

/// A story is an official contribution (so comments, votes, reports, moderation, phase rules and
/// exports work as they do for the team's statements) plus its `stories` row. Its byline is the one
/// name Groundswell shows: typed by staff, stored beside the story only, never tied to a contributor.
enum StoryRoutes {
    static let maxByline = 120

    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/stories", maxBodySize: 64 * 1024, create)
        router.add(.get, "/api/campaigns/{slug}/stories", on: .pool, list)
    }

    /// `{questionId, title, body, byline, link?, linkLabel?}` → 201 the story. The question says which
    /// phase it belongs to, and so when the crowd may vote and comment on it (the phase rules).
    static func create(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        try campaign.requireEditable()
        let body = try JSONBody(request.body)
        let questionID = try body.requiredInt("questionId")
        let title = TextRules.normalise(try body.requiredString("title"))
        let text = TextRules.normalise(try body.requiredString("body"))
        let byline = TextRules.normalise(try body.requiredString("byline"))
        if title.isEmpty { throw APIError.validation(field: "title", message: "A story needs a title.") }
        if let problem = TextRules.validateTitle(title) { throw APIError.text(problem, field: "title") }
        if let problem = TextRules.validateBody(text) { throw APIError.text(problem, field: "body") }
        guard !byline.isEmpty, byline.count <= maxByline, !byline.contains("\n") else {
            throw APIError.validation(field: "byline", message: "Name who tells the story, in at most \(maxByline) characters on one line.")
        }
        let link = try body.string("link").map(TextRules.normalise).flatMap { $0.isEmpty ? nil : $0 }
        if let link, MarkdownLite.safeLink(link) == nil {
            throw APIError.validation(field: "link", message: "A link must be a full http:// or https:// address.")
        }
        let label = try body.string("linkLabel").map(TextRules.normalise).flatMap { $0.isEmpty ? nil : $0 }
        if let label, label.count > maxByline || label.contains("\n") {
            throw APIError.validation(field: "linkLabel", message: "At most \(maxByline) characters on one line.")
        }
        let now = context.clock.now
        let (record, story) = try context.database.write { connection -> (ContributionRecord, StoryRecord) in
            let record = try CampaignSetupRoutes.insertOfficial(
                campaignID: campaign.id, questionID: questionID, title: title, body: text, now: now, in: connection)
            let story = StoryRecord(contributionID: record.id, byline: byline, linkURL: link, linkLabel: link == nil ? nil : label)
            try StoryStore(connection).add(story, staffID: caller.staff.id)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .storyPublish, target: "contribution:\(record.id)",
                    reason: byline),
                now: now)
            return (record, story)
        }
        var json = JSONWriter()
        json.object { o in o.story(record, story, myVote: nil) }
        return .json(json.bytes, status: .created)
    }

    /// Public: the campaign's visible stories, newest first, with counts (and the caller's vote when joined).
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let token = request.contributorToken(slug: slug)
        let items = try context.database.read { connection -> [(ContributionRecord, StoryRecord, Vote?)] in
            let snapshot = try CampaignSnapshot.load(slug: slug, in: connection)
            let viewer = try context.contributor(token: token, campaignID: snapshot.campaign.id, in: connection)
            let contributions = ContributionStore(connection)
            return try StoryStore(connection).visibleStories(campaignID: snapshot.campaign.id).compactMap { story in
                guard let record = try contributions.contribution(id: story.contributionID) else { return nil }
                let vote = try viewer.map { try VoteStore(connection).myVote(contributionID: record.id, contributorID: $0.id) }
                return (record, story, vote)
            }
        }
        var json = JSONWriter(capacity: 8192)
        json.object { o in
            o.key("items")
            o.array(items) { w, item in w.object { $0.story(item.0, item.1, myVote: item.2) } }
        }
        return .json(json.bytes)
    }
}

extension JSONWriter {
    /// A story as the page shows it: the contribution's id, title, phase and counts, then the story's fields.
    mutating func story(_ record: ContributionRecord, _ story: StoryRecord, myVote: Vote?) {
        field("id", record.id)
        field("title", record.title)
        field("phase", record.phase.rawValue)
        field("up", record.up)
        field("down", record.down)
        field("comments", record.commentCount)
        if let myVote { field("myVote", myVote.rawValue) }
        field("createdAt", ISOTime.string(record.createdAt))
        storyFields(story, body: record.body)
    }
}
