// Listing, posting, reading, editing and withdrawing contributions.
import Campaigns
import HTTP
import Storage

enum ContributionRoutes {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/api/campaigns/{slug}/contributions", on: .pool, ContributionListing.list)
        router.add(.post, "/api/campaigns/{slug}/contributions", on: .pool, create)
        router.add(.get, "/api/contributions/{id}", on: .pool, show)
        router.add(.patch, "/api/contributions/{id}", on: .pool, edit)
        router.add(.delete, "/api/contributions/{id}", on: .pool, withdraw)
    }

    static func create(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let body = try JSONBody(request.body)
        let questionID = try body.requiredInt("questionId")
        let title = try body.string("title").map(TextRules.normalise).flatMap { $0.isEmpty ? nil : $0 }
        if let problem = TextRules.validateTitle(title) { throw APIError.text(problem, field: "title") }
        let text = TextRules.normalise(try body.requiredString("body"))
        if let problem = TextRules.validateBody(text) { throw APIError.text(problem, field: "body") }
        let themes = try body.intArray("themes") ?? []
        if let problem = ContributionThemes.check(count: themes.count) {
            throw APIError.validation(field: "themes", message: problem.message)
        }

        let caller = try context.requireCaller(request, slug: slug)
        try context.rateLimiter.check(.post, contributorID: caller.id, address: request.addressKey)
        let now = context.clock.now
        let record = try context.database.write { connection in
            let snapshot = try CampaignSnapshot.load(id: caller.campaignID, in: connection)
            let campaigns = CampaignStore(connection)
            guard let question = try campaigns.questions(campaignID: snapshot.campaign.id).first(where: { $0.id == questionID })
            else { throw APIError.validation(field: "questionId", message: "There is no such question in this campaign.") }
            try snapshot.require(.contribute, targetPhase: question.phase)
            let published = Set(try campaigns.publishedThemes(campaignID: snapshot.campaign.id).map(\.id))
            if let problem = ContributionThemes.check(themes, published: published) {
                throw APIError.validation(field: "themes", message: problem.message)
            }
            let new = NewContribution(
                campaignID: snapshot.campaign.id, questionID: question.id, contributorID: caller.id, phase: question.phase,
                title: title, body: text, themes: themes,
                state: ContributionLifecycle.initialState(premoderation: snapshot.campaign.premoderation))
            return try ContributionStore(connection).insert(new, now: now)
        }
        if record.state == .visible { context.publishContribution(record) }
        var json = JSONWriter()
        json.contribution(record, viewer: Viewer(myVote: .neither, mine: true))
        return .json(json.bytes, status: .created)
    }

    static func show(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let (record, comments, myVote, viewerID, outcome, story, guide) = try context.database.read { connection in
            guard let record = try ContributionStore(connection).contribution(id: id) else { throw APIError.notFound }
            let snapshot = try CampaignSnapshot.load(id: record.campaignID, in: connection)
            let viewer = try context.contributor(
                token: request.contributorToken(slug: snapshot.campaign.slug), campaignID: snapshot.campaign.id, in: connection)
            try snapshot.requireReader(viewer)
            let mine = viewer != nil && record.contributorID == viewer?.id
            guard ContributionLifecycle.mayRead(record.state, isAuthor: mine) else { throw APIError.notFound }
            let comments = try CommentStore(connection).comments(contributionID: id, viewerID: viewer?.id)
            let vote = try viewer.map { try VoteStore(connection).myVote(contributionID: id, contributorID: $0.id) } ?? .neither
            // Only a published guide is named: a draft is the author's and the facilitators' business.
            let guide = try GuideStore(connection).guide(contributionID: id).flatMap { $0.publishedAt == nil ? nil : $0 }
            return (record, comments, vote, viewer?.id, try PublicOutcome.load(record, in: connection),
                    try StoryStore(connection).story(contributionID: id), guide)
        }
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.contributionFields(record, viewer: record.viewer(viewerID, myVote: myVote))
            o.key("commentList")
            o.commentThread(comments, viewerID: viewerID)
            o.key("outcome")
            o.outcome(shown: outcome.shown, history: outcome.history, updates: outcome.updates)
            o.key("story")
            if let story { o.object { $0.storyFields(story, body: record.body) } } else { o.null() }
            o.key("guide")
            if let guide {
                o.object { g in
                    g.field("id", guide.id)
                    g.field("title", guide.text.title)
                }
            } else {
                o.null()
            }
        }
        return .json(json.bytes)
    }

    static func edit(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let body = try JSONBody(request.body)
        let newTitle = try body.string("title").map(TextRules.normalise)
        let newBody = try body.string("body").map(TextRules.normalise)
        if newTitle == nil && newBody == nil { throw APIError.validation(field: "body", message: "Send a new title or body.") }
        if let newTitle, !newTitle.isEmpty, let problem = TextRules.validateTitle(newTitle) {
            throw APIError.text(problem, field: "title")
        }
        if let newBody, let problem = TextRules.validateBody(newBody) { throw APIError.text(problem, field: "body") }
        let now = context.clock.now
        let record = try context.authorWrite(request, contributionID: id) { connection, snapshot, record, callerID in
            let store = ContributionStore(connection)
            let draft = try DraftStore(connection).target(contributionID: id)
            try ContributionLifecycle.edit(
                record.facts, by: callerID, locked: try store.isLocked(id: id), campaign: snapshot.campaign.state,
                phases: snapshot.phases, draft: draft.map { snapshot.draftContext(.edit, on: $0) })
            let title = newTitle.map { $0.isEmpty ? nil : $0 } ?? record.title
            return try store.edit(id: id, title: title, body: newBody ?? record.body, now: now)
        }
        var json = JSONWriter()
        json.contribution(record, viewer: Viewer(myVote: .neither, mine: true))
        return .json(json.bytes)
    }

    /// Withdraws the caller's own contribution and erases its text: from the table, the search index,
    /// every export and, once the WAL is truncated, the files (PRIVACY.md, "Erasure").
    static func withdraw(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let (record, myVote, erased) = try context.authorWrite(request, contributionID: id) {
            connection, snapshot, record, callerID in
            let withdraws = try ContributionLifecycle.withdraw(
                record.facts, by: callerID, campaign: snapshot.campaign.state, phases: snapshot.phases)
            let vote = try VoteStore(connection).myVote(contributionID: id, contributorID: callerID)
            guard withdraws else { return (record, vote, false) }
            try ModerationStore(connection).withdrawContribution(id: id)
            guard let withdrawn = try ContributionStore(connection).contribution(id: id) else { throw APIError.notFound }
            return (withdrawn, vote, true)
        }
        if erased { context.database.scrubWriteAheadLog(wait: true) }
        context.publishRemoval(campaignID: record.campaignID, contributionID: record.id)
        var json = JSONWriter()
        json.contribution(record, viewer: Viewer(myVote: myVote, mine: true))
        return .json(json.bytes)
    }
}
