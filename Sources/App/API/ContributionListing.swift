// GET /api/campaigns/{slug}/contributions: pages served from caches keyed by the data version.
import Campaigns
import HTTP
import Storage

/// The listing route. Keyset sorts (top, new, controversial, discussed) are rendered once per data
/// version for everyone (`RenderedListing`) and given each caller's votes on the way out; `random`
/// keeps the matching ids until a write other than a vote and pages through `ShuffleOrder` with the
/// caller's seed.
enum ContributionListing {
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let sort = try request.query("sort").map { text in
            guard let sort = ContributionSort(rawValue: text) else {
                throw APIError.validation(field: "sort", message: "Use top, new, controversial, discussed or random.")
            }
            return sort
        } ?? .top
        let limit = try request.integerQuery("limit", in: 1...100) ?? 20
        let question = try request.integerQuery("question", in: 1...Int.max)
        let theme = try request.integerQuery("theme", in: 1...Int.max)
        let cursorText = request.query("cursor").flatMap { $0.isEmpty ? nil : $0 }
        let cursor = try cursorText.map { text -> ContributionCursor in
            guard let cursor = CursorCodec.decode(text) else {
                throw APIError.validation(field: "cursor", message: "This cursor is not valid.")
            }
            return cursor
        }
        let text = try request.searchText()
        let shortlisted = try request.query("shortlisted").flatMap { text -> Bool? in
            switch text {
            case "": nil
            case "true": true
            case "false": false
            default: throw APIError.validation(field: "shortlisted", message: "Use true or false.")
            }
        }

        let key = ListingKey(
            slug: slug, sort: sort, limit: limit, question: question, theme: theme, cursor: cursorText, text: text,
            shortlisted: shortlisted)
        let token = request.contributorToken(slug: slug)
        let query = { (campaignID: Int64, seed: UInt64) in
            ContributionQuery(
                campaignID: campaignID, questionID: question.map(Int64.init), themeID: theme.map(Int64.init),
                sort: sort, text: text, limit: limit, cursor: cursor, shuffleSeed: seed, shortlisted: shortlisted)
        }
        switch sort {
        case .random:
            return try shuffled(key, token: token, context: context, query: query)
        case .top, .new, .controversial, .discussed:
            return try shared(key, token: token, context: context, query: query)
        }
    }

    /// A keyset page: from the cache when the data has not changed since it was rendered, else
    /// rendered once for everyone asking at this version (`VersionedCache.value(for:version:computing:)`).
    private static func shared(
        _ key: ListingKey, token: String?, context: AppContext, query: (Int64, UInt64) -> ContributionQuery
    ) throws -> Response {
        let version = context.database.dataVersion
        // Kept for the members too: the campaign's access is part of the data version it was rendered at.
        let rendered = try context.listingPages.value(for: key, version: version) {
            try context.database.read { connection in
                let snapshot = try CampaignSnapshot.load(slug: key.slug, in: connection)
                let page = try ContributionStore(connection).list(query(snapshot.campaign.id, 0))
                return RenderedListing(campaignID: snapshot.campaign.id, membersOnly: snapshot.isMembersOnly, page: page)
            }
        }
        guard let token else {
            if rendered.membersOnly { throw JoinRefusal.inviteRequired }
            return .json(rendered.bytes)
        }
        let viewer = try context.database.read { connection in
            try viewerVotes(token: token, campaignID: rendered.campaignID, on: rendered.contributionIDs, connection, context)
        }
        if rendered.membersOnly, viewer == nil { throw JoinRefusal.inviteRequired }
        return .json(viewer.map { rendered.personalised(viewerID: $0.id, votes: $0.votes) } ?? rendered.bytes)
    }

    /// The caller, when their token belongs to the campaign, and their votes on `ids`.
    private static func viewerVotes(
        token: String?, campaignID: Int64, on ids: [Int64], _ connection: Connection, _ context: AppContext
    ) throws -> (id: Int64, votes: [Int64: Vote])? {
        guard let viewer = try context.contributor(token: token, campaignID: campaignID, in: connection) else { return nil }
        return (viewer.id, try VoteStore(connection).myVotes(contributionIDs: ids, contributorID: viewer.id))
    }

    /// A `random` page in the caller's own stable order; the cursor is the offset into it. The ids
    /// it permutes depend on no vote, so they are kept across votes (`Database.nonVoteVersion`).
    private static func shuffled(
        _ key: ListingKey, token: String?, context: AppContext, query: (Int64, UInt64) -> ContributionQuery
    ) throws -> Response {
        let version = context.database.nonVoteVersion
        var idsKey = key
        idsKey.limit = 0
        idsKey.cursor = nil
        let (page, viewerID, votes) = try context.database.read { connection in
            let snapshot = try CampaignSnapshot.load(slug: key.slug, in: connection)
            let viewer = try context.contributor(token: token, campaignID: snapshot.campaign.id, in: connection)
            try snapshot.requireReader(viewer)
            let query = query(snapshot.campaign.id, viewer?.shuffleSeed ?? 0)
            let store = ContributionStore(connection)
            let ids = try context.shuffleIDs.value(for: idsKey, version: version) { try store.matchingIDs(query) }
            let offset = query.cursor.flatMap { $0.sort == .random ? max(0, Int($0.id)) : nil } ?? 0
            let page = try store.shuffledPage(ids: ids, seed: query.shuffleSeed, offset: offset, limit: query.limit)
            let votes = try viewer.map {
                try VoteStore(connection).myVotes(contributionIDs: page.items.map(\.id), contributorID: $0.id)
            } ?? [:]
            return (page, viewer?.id, votes)
        }
        var json = JSONWriter(capacity: 1024 + 640 * page.items.count)
        json.object { o in
            o.key("items")
            o.array(page.items) { w, item in w.contribution(item, viewer: item.viewer(viewerID, myVote: votes[item.id] ?? .neither)) }
            o.field("nextCursor", page.next.map(CursorCodec.encode))
        }
        return .json(json.bytes)
    }
}
