// A draft to challenge, for the crowd: read it, compare its versions, amend a section, propose an alternative.
import Campaigns
import HTTP
import Storage

/// Votes and comments on sections, amendments and alternatives go through the contribution routes
/// (`PUT /api/contributions/{id}/vote`, `POST …/comments`), which ask `DraftRules` for a draft's
/// contributions; reports, withdrawal and moderation are an idea's.
enum DraftRoutes {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/api/campaigns/{slug}/drafts", on: .pool, list)
        router.add(.get, "/api/drafts/{id}", on: .pool, show)
        router.add(.get, "/api/drafts/{id}/versions/{version}", on: .pool, version)
        router.add(.get, "/api/drafts/{id}/diff", on: .pool, diff)
        router.add(.post, "/api/drafts/{id}/sections/{section}/amendments", on: .pool, maxBodySize: 32 * 1024, amend)
        router.add(.post, "/api/drafts/{id}/alternatives", on: .pool, maxBodySize: 64 * 1024, propose)
        DraftAdminRoutes.register(&router)
    }

    /// Public: the campaign's drafts, oldest first, without their text.
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let drafts = try context.database.read { connection -> [DraftRecord] in
            let snapshot = try CampaignSnapshot.load(slug: slug, in: connection)
            return try DraftStore(connection).drafts(campaignID: snapshot.campaign.id)
        }
        var json = JSONWriter()
        json.object { o in
            o.key("items")
            o.array(drafts) { w, draft in w.object { $0.draftFields(draft) } }
        }
        return .json(json.bytes)
    }

    /// The draft at its current version (the final one once published), with everything on it.
    static func show(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let page = try context.database.read { connection in
            try DraftPage.load(id: id, token: request.contributorToken(slug:), context: context, in: connection)
        }
        var json = JSONWriter(capacity: 16 * 1024)
        json.object { $0.draftPage(page) }
        return .json(json.bytes)
    }

    /// Any version's text, as it was.
    static func version(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let number = try request.idParameter("version")
        let (draft, version) = try readable(id, request, context) { store, draft in
            try store.version(draftID: draft.id, number: Int(number))
        }
        var json = JSONWriter(capacity: 8192)
        json.object { o in
            o.field("draftId", draft.id)
            o.field("version", version.number)
            o.key("sections")
            o.array(version.sections) { w, section in w.object { $0.draftSectionText(section) } }
        }
        return .json(json.bytes)
    }

    /// `?from=1&to=3` (to defaults to the current version, from to the one before it): section by
    /// section, the word runs that turn one into the other.
    static func diff(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let to = try versionQuery(request, "to")
        let from = try versionQuery(request, "from")
        let (draft, pair) = try readable(id, request, context) { store, draft -> (DraftVersion, DraftVersion)? in
            let newer = to ?? draft.version
            let older = from ?? max(1, newer - 1)
            guard let a = try store.version(draftID: draft.id, number: older),
                  let b = try store.version(draftID: draft.id, number: newer) else { return nil }
            return (a, b)
        }
        var json = JSONWriter(capacity: 8192)
        json.object { o in
            o.field("draftId", draft.id)
            o.field("from", pair.0.number)
            o.field("to", pair.1.number)
            o.key("sections")
            o.array(DraftVersioning.compare(pair.0, pair.1)) { w, section in
                w.object { s in
                    s.field("id", section.sectionID)
                    s.field("number", section.number)
                    s.field("heading", section.heading)
                    s.field("changed", section.changed)
                    s.key("runs")
                    s.diffRuns(section.runs)
                }
            }
        }
        return .json(json.bytes)
    }

    /// `{body, title?}`: a new text for section `{section}` of the current version → 201 the amendment.
    static func amend(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let sectionID = try request.idParameter("section")
        let body = try JSONBody(request.body)
        let text = TextRules.normalise(try body.requiredString("body"))
        if let problem = TextRules.validateBody(text) { throw APIError.text(problem, field: "body") }
        let title = try optionalTitle(body)
        let now = context.clock.now
        let (record, amendment, base) = try write(id, request, context) { connection, snapshot, draft, caller in
            try snapshot.requireProposal(to: draft)
            let store = DraftStore(connection)
            guard let version = try store.version(draftID: draft.id, number: draft.version),
                  let section = version.section(sectionID) else { throw APIError.notFound }
            if let refusal = DraftRules.propose(body: text, current: section.text.body) { throw refusal.naming(field: "body") }
            let record = try insert(
                draft, title: title, body: text, by: caller, premoderation: snapshot.campaign.premoderation, now: now, in: connection)
            try store.addAmendment(contributionID: record.id, draftID: draft.id, sectionID: sectionID, baseVersion: version.number)
            guard let amendment = try store.amendment(id: record.id) else { throw APIError.notFound }
            return (record, amendment, section.text.body)
        }
        var json = JSONWriter()
        json.object { o in
            o.amendment(
                DraftAmendmentItem(amendment: amendment, item: DraftItem(record: record, myVote: .neither, mine: true), baseBody: base),
                current: base)
        }
        return .json(json.bytes, status: .created)
    }

    /// `{title, body}`: a whole alternative to the document, in Markdown-lite → 201.
    static func propose(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let body = try JSONBody(request.body)
        let title = TextRules.normalise(try body.requiredString("title"))
        if title.isEmpty { throw APIError.validation(field: "title", message: "Give the alternative a title.") }
        if let problem = TextRules.validateTitle(title) { throw APIError.text(problem, field: "title") }
        let text = TextRules.normalise(try body.requiredString("body"))
        if let problem = TextRules.validateBody(text) { throw APIError.text(problem, field: "body") }
        let now = context.clock.now
        let record = try write(id, request, context) { connection, snapshot, draft, caller in
            try snapshot.requireProposal(to: draft)
            let record = try insert(
                draft, title: title, body: text, by: caller, premoderation: snapshot.campaign.premoderation, now: now, in: connection)
            try DraftStore(connection).addAlternative(contributionID: record.id, draftID: draft.id)
            return record
        }
        var json = JSONWriter()
        json.object { $0.alternative(DraftItem(record: record, myVote: .neither, mine: true)) }
        return .json(json.bytes, status: .created)
    }

    // MARK: Helpers

    /// A version number in the query: digits only (422 otherwise); one too large for any version is
    /// kept as `Int.max`, so it is simply not found (404), as 0 is.
    private static func versionQuery(_ request: Request, _ name: String) throws -> Int? {
        guard let text = request.query(name), !text.isEmpty else { return nil }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw APIError.validation(field: name, message: "A version number, from 1.")
        }
        return Int(text) ?? Int.max
    }

    private static func optionalTitle(_ body: JSONBody) throws -> String? {
        let title = try body.string("title").map(TextRules.normalise).flatMap { $0.isEmpty ? nil : $0 }
        if let problem = TextRules.validateTitle(title) { throw APIError.text(problem, field: "title") }
        return title
    }

    /// A contributor's contribution to the draft's question, pseudonymous like an idea; held for
    /// approval when the campaign pre-moderates.
    private static func insert(
        _ draft: DraftRecord, title: String?, body: String, by caller: ContributorRecord, premoderation: Bool, now: Int64,
        in connection: Connection
    ) throws -> ContributionRecord {
        guard let question = try AdminCampaignStore(connection).question(id: draft.questionID) else { throw APIError.notFound }
        return try ContributionStore(connection).insert(
            NewContribution(
                campaignID: draft.campaignID, questionID: question.id, contributorID: caller.id, phase: question.phase,
                title: title, body: body, state: ContributionLifecycle.initialState(premoderation: premoderation)),
            now: now)
    }

    /// Draft `id` and what `find` reads of it, if the caller may read the campaign; 404 otherwise.
    private static func readable<T: Sendable>(
        _ id: Int64, _ request: Request, _ context: AppContext,
        _ find: @escaping @Sendable (DraftStore, DraftRecord) throws -> T?
    ) throws -> (DraftRecord, T) {
        try context.database.read { connection in
            let store = DraftStore(connection)
            guard let draft = try store.draft(id: id) else { throw APIError.notFound }
            let snapshot = try CampaignSnapshot.load(id: draft.campaignID, in: connection)
            let viewer = try context.contributor(
                token: request.contributorToken(slug: snapshot.campaign.slug), campaignID: snapshot.campaign.id, in: connection)
            try snapshot.requireReader(viewer)
            guard let found = try find(store, draft) else { throw APIError.notFound }
            return (draft, found)
        }
    }

    /// A contributor's write on draft `id`: the caller (401 without a token), rate-limited as a post,
    /// then `body` in the write with the campaign's snapshot and the draft as the write reads them.
    private static func write<T: Sendable>(
        _ id: Int64, _ request: Request, _ context: AppContext,
        _ body: @escaping @Sendable (Connection, CampaignSnapshot, DraftRecord, ContributorRecord) throws -> T
    ) throws -> T {
        let (campaignID, slug) = try context.database.read { connection -> (Int64, String) in
            guard let draft = try DraftStore(connection).draft(id: id),
                  let campaign = try CampaignStore(connection).campaign(id: draft.campaignID) else { throw APIError.notFound }
            return (campaign.id, campaign.slug)
        }
        let caller = try context.database.read { connection in
            try context.caller(request, campaignID: campaignID, slug: slug, in: connection)
        }
        try context.rateLimiter.check(.post, contributorID: caller.id, address: request.addressKey)
        return try context.database.write { connection in
            guard let draft = try DraftStore(connection).draft(id: id) else { throw APIError.notFound }
            let snapshot = try CampaignSnapshot.load(id: draft.campaignID, in: connection)
            return try body(connection, snapshot, draft, caller)
        }
    }
}
