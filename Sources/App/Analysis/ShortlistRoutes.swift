// Scoring ideas by criteria and selecting them into the prioritise, act and published rounds.
import Campaigns
import HTTP
import Storage

enum ShortlistRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/criteria", criteria)
        AdminRoutes.add(&router, .put, "/admin/campaigns/{slug}/criteria", setCriteria)
        AdminRoutes.add(&router, .put, "/admin/contributions/{id}/scores", score)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/shortlist", table)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/shortlist/{round}", maxBodySize: 256 * 1024) { request, context in
            // `ids` selects many ideas at once; `contributionId` one, as before.
            try JSONBody(request.body).has("ids") ? try selectMany(request, context) : try select(request, context)
        }
        AdminRoutes.add(&router, .delete, "/admin/campaigns/{slug}/shortlist/{round}/{id}", deselect)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/unshortlist/{round}", maxBodySize: 256 * 1024, deselectMany)
        AdminRoutes.add(&router, .put, "/admin/campaigns/{slug}/scores", maxBodySize: 256 * 1024, scoreMany)
    }

    static func criteria(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let list = try context.database.read { try ScoreStore($0).criteria(campaignID: campaign.id) }
        return .json(criteriaJSON(list))
    }

    /// PUT {criteria: [{key, label}]}: replaces the campaign's criteria (1…8, keys unique).
    static func setCriteria(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let objects = try JSONBody(request.body).stringObjects("criteria") ?? []
        let list = objects.map { Criterion(key: $0["key"] ?? "", label: TextRules.normalise($0["label"] ?? "")) }
        guard Criterion.isValidList(list) else {
            throw APIError.validation(
                field: "criteria", message: "Give 1 to 8 criteria, each with a unique lower-case key and a label.")
        }
        try context.database.write { try ScoreStore($0).setCriteria(campaignID: campaign.id, list) }
        return .json(criteriaJSON(list))
    }

    /// PUT {criterion: 0…3, …}: the caller's scores for one idea.
    static func score(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let idea = try AnalysisRoutes.contribution(id, context)
        let staff = try AnalysisAccess.require(.facilitate, request, context, campaignID: idea.campaignID)
        let scores = try JSONBody(request.body).topLevelIntMap()
        guard !scores.isEmpty else { throw APIError.validation(field: "body", message: "Score at least one criterion.") }
        try context.database.write { connection in
            let store = ScoreStore(connection)
            let keys = Set(try store.criteria(campaignID: idea.campaignID).map(\.key))
            for (key, value) in scores.sorted(by: { $0.key < $1.key }) {
                guard keys.contains(key) else { throw APIError.validation(field: key, message: "Not a criterion of this campaign.") }
                guard Criterion.scoreRange.contains(value) else {
                    throw APIError.validation(field: key, message: "Scores run from 0 to 3.")
                }
            }
            try store.setScores(contributionID: id, staffID: staff.id, scores)
        }
        var json = JSONWriter()
        json.object { o in
            o.field("contributionId", id)
            o.key("scores")
            o.object { s in for (key, value) in scores.sorted(by: { $0.key < $1.key }) { s.field(key, value) } }
        }
        return .json(json.bytes)
    }

    /// GET: every idea with its criterion means and total beside its Wilson score and comment count,
    /// best total first, and which rounds it is in with the reason.
    static func table(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let (criteria, ideas, scores, entries) = try context.database.read { connection in
            let store = ScoreStore(connection)
            return (try store.criteria(campaignID: campaign.id), try ThemeStore(connection).linkedIdeas(campaignID: campaign.id),
                    try store.scores(campaignID: campaign.id), try ShortlistStore(connection).entries(campaignID: campaign.id))
        }
        let rows = ideas.map { idea in (idea, ShortlistScores.aggregate(scores[idea.id] ?? [:], criteria: criteria)) }
            .sorted { a, b in a.1.total != b.1.total ? a.1.total > b.1.total : a.0.score > b.0.score }
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.key("criteria")
            o.array(criteria) { w, c in w.object { $0.field("key", c.key); $0.field("label", c.label) } }
            o.key("ideas")
            o.array(rows) { w, row in
                let (idea, aggregate) = row
                w.object { j in
                    j.field("id", idea.id)
                    j.field("title", idea.title)
                    j.field("body", idea.body)
                    j.field("up", idea.up)
                    j.field("down", idea.down)
                    j.field("score", idea.score)
                    j.field("comments", idea.comments)
                    j.key("criteria")
                    j.object { m in for c in criteria { m.key(c.key); m.optionalDouble(aggregate.means[c.key]) } }
                    j.field("total", aggregate.total)
                    j.field("scorers", aggregate.scorers)
                    j.key("myScores")
                    j.object { m in
                        for (key, value) in (scores[idea.id]?[staff.id] ?? [:]).sorted(by: { $0.key < $1.key }) { m.field(key, value) }
                    }
                    j.key("rounds")
                    j.object { r in
                        for entry in entries where entry.contributionID == idea.id { r.field(entry.round.rawValue, entry.reason) }
                    }
                }
            }
        }
        return .json(json.bytes)
    }

    /// POST {contributionId, reason}: selects an idea into `{round}` if `ShortlistRules` allows it,
    /// judged on what the selecting write reads.
    static func select(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let round = try roundParameter(request)
        let body = try JSONBody(request.body)
        let id = try body.requiredInt("contributionId")
        let reason = TextRules.normalise(try body.requiredString("reason"))
        guard ShortlistRules.isValidReason(reason) else {
            throw APIError.validation(field: "reason", message: "Say in under 1000 characters why this idea is selected.")
        }
        let now = context.clock.now
        try context.database.write { connection in
            do {
                try add(id, to: round, reason: reason, campaign: campaign, staff: staff, connection, now: now, key: context.key)
            } catch let refusal as ShortlistRefusal {
                throw refusal.naming(field: "contributionId")
            }
        }
        publishShortlisted(id, context)
        context.mail.wake()
        var json = JSONWriter()
        json.object { o in
            o.field("round", round.rawValue)
            o.field("contributionId", id)
            o.field("reason", reason)
        }
        return .json(json.bytes, status: .created)
    }

    /// Selects idea `id` into `round` inside a write, if `ShortlistRules` allows it (judged on what
    /// the write reads), audited; publishes its guide for the published round. Throws the refusal,
    /// or 422 for an idea of another campaign. Onto the Prioritise shortlist, the author is alerted
    /// (`AuthorAlert.shortlisted`, queued in this write whether or not they can be reached).
    static func add(
        _ id: Int64, to round: ShortlistRound, reason: String, campaign: CampaignRecord, staff: StaffCaller,
        _ connection: Connection, now: Int64, key: ServerKey
    ) throws {
        let shortlist = ShortlistStore(connection), guides = GuideStore(connection)
        guard let idea = try ContributionStore(connection).contribution(id: id), idea.campaignID == campaign.id else {
            throw APIError.validation(field: "contributionId", message: "Choose an idea of this campaign.")
        }
        let guide = try guides.guide(contributionID: id)
        let candidate = ShortlistCandidate(
            phase: idea.phase, state: idea.state,
            inPreviousRound: try round.previous.map {
                try shortlist.contains(campaignID: campaign.id, round: $0, contributionID: id)
            } ?? true,
            guideFinal: guide?.finalAt != nil)
        let phases = try CampaignStore(connection).phases(campaignID: campaign.id)
        if let refusal = ShortlistRules.check(round, candidate, phases: phases) { throw refusal }
        try shortlist.add(
            campaignID: campaign.id, round: round, contributionID: id, reason: reason, staffID: staff.id, now: now)
        if ShortlistRules.publishesGuide(round), let guide { try guides.setPublished(id: guide.id, true, now: now) }
        if round == .prioritise { try OutboxWriter(connection, key: key, now: now).alert(authorsOf: [id], .shortlisted) }
        try AuditStore(connection).append(
            NewAuditEntry(campaignID: campaign.id, actor: staff.name, action: .shortlist(round),
                          target: "contribution:\(id)", reason: reason), now: now)
    }

    /// DELETE: takes an idea out of a round (and out of later rounds; out of the published guide).
    /// An idea that is not in the round of *this* campaign is 404 and nothing changes: the caller's
    /// scope is the campaign in the path, so the idea must be one of its own.
    static func deselect(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let round = try roundParameter(request)
        let id = try request.idParameter("id")
        let now = context.clock.now
        try context.database.write { connection in
            guard try remove(id, from: round, campaign: campaign, staff: staff, connection, now: now) else { throw APIError.notFound }
        }
        publishShortlisted(id, context)
        return .json(Array(#"{"removed":true}"#.utf8))
    }

    /// Takes idea `id` out of `round` and the later ones inside a write (unpublishing its guide),
    /// audited; false when it is in none of them or is another campaign's.
    static func remove(
        _ id: Int64, from round: ShortlistRound, campaign: CampaignRecord, staff: StaffCaller, _ connection: Connection, now: Int64
    ) throws -> Bool {
        guard let idea = try ContributionStore(connection).contribution(id: id), idea.campaignID == campaign.id else { return false }
        let store = ShortlistStore(connection)
        var removed = false
        for r in ShortlistRules.roundsLeft(round) {
            removed = try store.remove(campaignID: campaign.id, round: r, contributionID: id) || removed
        }
        guard removed else { return false }
        var unpublished = false
        if ShortlistRules.unpublishesGuide(leaving: round),
           let guide = try GuideStore(connection).guide(contributionID: id), guide.publishedAt != nil {
            try GuideStore(connection).setPublished(id: guide.id, false, now: now)
            unpublished = true
        }
        try AuditStore(connection).append(
            NewAuditEntry(campaignID: campaign.id, actor: staff.name, action: .unshortlist(round),
                          target: "contribution:\(id)", reason: unpublished ? "guide unpublished" : ""), now: now)
        return true
    }

    /// Tells open campaign pages the idea's `shortlisted` flag may have changed — if the crowd may see
    /// it: a hidden, pending, withdrawn or merged idea's text is never sent (PRIVACY.md).
    static func publishShortlisted(_ id: Int64, _ context: AppContext) {
        guard let record = try? context.database.read({ try ContributionStore($0).contribution(id: id) }) else { return }
        context.publishContribution(record)
    }

    static func roundParameter(_ request: Request) throws -> ShortlistRound {
        guard let round = request.parameter("round").flatMap(ShortlistRound.init(rawValue:)) else { throw APIError.notFound }
        return round
    }

    private static func criteriaJSON(_ list: [Criterion]) -> [UInt8] {
        var json = JSONWriter()
        json.object { o in
            o.key("criteria")
            o.array(list) { w, c in w.object { $0.field("key", c.key); $0.field("label", c.label) } }
        }
        return json.bytes
    }
}
