// Candidate themes over HTTP: groups proposed from the Understand text, for facilitators to name, merge, split or discard.
import Campaigns
import HTTP
import Storage

/// The draft is stored (which contributions each candidate holds and what became of it); its
/// words and quotes are computed from the contributions' current text on every read, so an edit,
/// a redaction or a withdrawal shows at once and leaves no copy behind.
enum CandidateRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/candidates", list)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/coding/candidates", draft)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/coding/candidates/merge", merge)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/coding/candidates/{id}/members", members)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/coding/candidates/{id}/split", split)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/coding/candidates/{id}/discard", discard)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/coding/candidates/{id}/restore", restore)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/coding/candidates/{id}/theme", name)
    }

    /// Members listed at most by `members`.
    static let memberLimit = 500

    /// GET: the draft's candidates (open and named) with their distinctive words, three quotes and
    /// size, how many contributions no candidate covers, and the discarded ones (words and size). The first read of a campaign without
    /// a draft makes one with the default number of groups and seed 1.
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        if try context.database.read({ try CandidateStore($0).draft(campaignID: campaign.id) }) == nil {
            try makeDraft(campaign, staff, context, settings: ThemeCandidates.Settings())
        }
        return try answer(campaign, context)
    }

    /// POST {groups?, seed?}: a new draft replaces the old one (named themes stay in the codebook).
    static func draft(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let body = try JSONBody(request.body)
        let groups = try body.int("groups")
        if let groups, !(2...Int64(ThemeCandidates.maximumGroups)).contains(groups) {
            throw APIError.validation(field: "groups", message: "Ask for 2 to \(ThemeCandidates.maximumGroups) groups.")
        }
        let seed = try body.int("seed") ?? 1
        guard seed >= 0 else { throw APIError.validation(field: "seed", message: "The seed is a whole number of 0 or more.") }
        try makeDraft(campaign, staff, context, settings: ThemeCandidates.Settings(groups: groups.map(Int.init), seed: UInt64(seed)))
        return try answer(campaign, context, status: .created)
    }

    /// POST {ids: [candidate]}: two or more open candidates become one.
    static func merge(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let ids = Array(Set(try JSONBody(request.body).intArray("ids") ?? [])).sorted()
        guard ids.count >= 2 else { throw APIError.validation(field: "ids", message: "Choose two or more candidates to merge.") }
        try context.database.write { connection in
            let store = CandidateStore(connection)
            let chosen = try open(ids, campaignID: campaign.id, store)
            _ = try store.replace(ids, with: [chosen.flatMap(\.members)], campaignID: campaign.id)
        }
        return try answer(campaign, context)
    }

    /// POST: an open candidate becomes two, by 2-means over its members (409 `cannot_split` when
    /// they are all alike).
    static func split(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let id = try request.idParameter("id")
        let (candidate, draft, texts) = try context.database.read { connection in
            let store = CandidateStore(connection)
            return (try open([id], campaignID: campaign.id, store)[0], try store.draft(campaignID: campaign.id),
                    try CodeStore(connection).understandTexts(campaignID: campaign.id))
        }
        let corpus = context.assist.corpus(campaignID: campaign.id, texts: texts)
        guard let parts = ThemeCandidates.split(candidate.members, in: corpus, seed: draft?.seed ?? 1) else {
            throw AssistRefusal.cannotSplit
        }
        try context.database.write { connection in
            let store = CandidateStore(connection)
            _ = try open([id], campaignID: campaign.id, store)
            _ = try store.replace([id], with: [parts.0, parts.1], campaignID: campaign.id)
        }
        return try answer(campaign, context)
    }

    /// POST: an open candidate is set aside (its contributions count as uncovered); `restore` undoes it.
    static func discard(_ request: Request, _ context: AppContext) throws -> Response {
        try setState(request, context, from: .open, to: .discarded)
    }

    static func restore(_ request: Request, _ context: AppContext) throws -> Response {
        try setState(request, context, from: .discarded, to: .open)
    }

    /// POST {name, kind?, description?}: the candidate becomes a codebook theme (201 with the theme).
    static func name(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let id = try request.idParameter("id")
        let fields = try CodebookRoutes.themeFields(JSONBody(request.body))
        let now = context.clock.now
        let theme = try context.database.write { connection -> CodebookTheme in
            let store = CandidateStore(connection)
            _ = try open([id], campaignID: campaign.id, store)
            let theme = try ThemeStore(connection).add(
                campaignID: campaign.id, name: fields.name, kind: fields.kind, description: fields.description,
                parentID: nil, staffID: staff.id, now: now)
            try store.setState(candidateID: id, .named, themeID: theme.id)
            return theme
        }
        var json = JSONWriter()
        json.theme(theme)
        return .json(json.bytes, status: .created)
    }

    /// GET: every member of one candidate (up to `memberLimit`), closest to its centre first.
    static func members(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let id = try request.idParameter("id")
        let (candidate, texts) = try context.database.read { connection in
            guard let candidate = try CandidateStore(connection).candidates(campaignID: campaign.id).first(where: { $0.id == id })
            else { throw APIError.notFound }
            return (candidate, try CodeStore(connection).understandTexts(campaignID: campaign.id))
        }
        let corpus = context.assist.corpus(campaignID: campaign.id, texts: texts)
        let ranked = ThemeCandidates.describe(candidate.members, in: corpus, quotes: memberLimit).quotes
        let rest = candidate.members.filter { corpus.position(of: $0) != nil && !ranked.contains($0) }
        let shown = Array((ranked + rest).prefix(memberLimit))
        let records = try context.database.read { connection in
            let contributions = ContributionStore(connection)
            return try shown.compactMap { try contributions.contribution(id: $0) }
        }
        var json = JSONWriter()
        json.object { o in
            o.field("id", id)
            o.field("size", ranked.count + rest.count)
            o.key("members")
            o.array(records) { w, c in
                w.object { $0.itemFields(c, idKey: "id") }
            }
        }
        return .json(json.bytes)
    }

    private static func setState(_ request: Request, _ context: AppContext, from: CandidateState, to: CandidateState) throws -> Response {
        let (campaign, _) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let id = try request.idParameter("id")
        try context.database.write { connection in
            let store = CandidateStore(connection)
            guard let candidate = try store.candidates(campaignID: campaign.id).first(where: { $0.id == id }) else {
                throw APIError.notFound
            }
            guard candidate.state == from else {
                throw from == .discarded ? AssistRefusal.candidateNotDiscarded : AssistRefusal.candidateClosed
            }
            try store.setState(candidateID: id, to, themeID: nil)
        }
        return try answer(campaign, context)
    }

    /// The open candidates `ids` of the campaign (404 for one that is not there, 409 for one not open).
    private static func open(_ ids: [Int64], campaignID: Int64, _ store: CandidateStore) throws -> [CandidateRecord] {
        let all = try store.candidates(campaignID: campaignID)
        return try ids.map { id in
            guard let candidate = all.first(where: { $0.id == id }) else { throw APIError.notFound }
            guard candidate.state == .open else { throw AssistRefusal.candidateClosed }
            return candidate
        }
    }

    private static func makeDraft(_ campaign: CampaignRecord, _ staff: StaffCaller, _ context: AppContext,
                                  settings: ThemeCandidates.Settings) throws {
        let texts = try context.database.read { try CodeStore($0).understandTexts(campaignID: campaign.id) }
        guard !texts.isEmpty else { throw AssistRefusal.nothingToGroup }
        let corpus = context.assist.corpus(campaignID: campaign.id, texts: texts)
        let draft = ThemeCandidates.propose(corpus, settings)
        let now = context.clock.now
        try context.database.write { connection in
            try CandidateStore(connection).replaceDraft(
                campaignID: campaign.id, seed: settings.seed, clusters: draft.groups, items: corpus.count,
                newestID: corpus.ids.last ?? 0, groups: draft.candidates, staffID: staff.id, now: now)
        }
    }

    private static func answer(_ campaign: CampaignRecord, _ context: AppContext, status: HTTPStatus = .ok) throws -> Response {
        let (draft, candidates, texts) = try context.database.read { connection in
            let store = CandidateStore(connection)
            return (try store.draft(campaignID: campaign.id), try store.candidates(campaignID: campaign.id),
                    try CodeStore(connection).understandTexts(campaignID: campaign.id))
        }
        guard let draft else { throw APIError.notFound }
        let corpus = context.assist.corpus(campaignID: campaign.id, texts: texts)
        let shown = candidates.filter { $0.state != .discarded }
        let descriptions = shown.map { ThemeCandidates.describe($0.members, in: corpus) }
        let quoted = try context.database.read { connection -> [Int64: String] in
            let contributions = ContributionStore(connection)
            var bodies: [Int64: String] = [:]
            for id in descriptions.flatMap(\.quotes) { bodies[id] = try contributions.contribution(id: id)?.body }
            return bodies
        }
        let covered = Set(shown.flatMap(\.members))
        let uncovered = corpus.ids.filter { !covered.contains($0) }.count
        var json = JSONWriter()
        json.object { o in
            o.key("items")
            o.array(zip(shown, descriptions)) { w, pair in
                let (candidate, description) = pair
                let quotes = description.quotes.filter { quoted[$0] != nil }
                w.object { c in
                    c.field("id", candidate.id)
                    c.field("state", candidate.state.rawValue)
                    c.key("themeId")
                    c.int(candidate.themeID)
                    c.key("words")
                    c.array(description.words) { w, word in w.string(word) }
                    c.key("quotes")
                    c.array(quotes) { w, id in w.string(quoted[id] ?? "") }
                    c.key("quoteIds")
                    c.array(quotes) { w, id in w.int(id) }
                    c.field("size", description.size)
                }
            }
            o.field("total", corpus.count)
            o.field("uncovered", uncovered)
            o.field("discarded", candidates.count - shown.count)
            o.key("discardedItems")
            o.array(candidates.filter { $0.state == .discarded }) { w, candidate in
                let description = ThemeCandidates.describe(candidate.members, in: corpus, quotes: 0)
                w.object { c in
                    c.field("id", candidate.id)
                    c.key("words")
                    c.array(description.words) { w, word in w.string(word) }
                    c.field("size", description.size)
                }
            }
            o.field("newSinceDraft", corpus.ids.filter { $0 > draft.newestID }.count)
            o.field("groups", draft.clusters)
            o.field("seed", Int64(bitPattern: draft.seed))
            o.field("draftedFrom", draft.items)
            o.field("createdAt", ISOTime.string(draft.createdAt))
        }
        return .json(json.bytes, status: status)
    }
}
