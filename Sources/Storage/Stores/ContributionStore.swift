// Contributions: insert, fetch, list in every sort with keyset cursors, search, similar, edit, withdraw.
import Campaigns

/// Every SQL string for the contribution aggregate. Listings show `visible` contributions only.
public struct ContributionStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Whether contribution `c` is on the crowd's shortlist: in the campaign's latest round up to
    /// the act round (`ShortlistRound.crowdShortlist`). Publishing a guide does not narrow it:
    /// the chosen ideas still waiting for their guide stay chosen.
    static let inShortlist = """
        EXISTS (SELECT 1 FROM shortlist_entries e JOIN shortlist_rounds r ON r.id = e.round_id
                WHERE e.contribution_id = c.id
                  AND r.round = (SELECT max(round) FROM shortlist_rounds
                                 WHERE campaign_id = c.campaign_id AND round <= \(ShortlistRound.crowdShortlist.number)))
        """

    /// The selected columns, in the order `record` reads them. `themes` is a comma list and
    /// `shortlisted` is `inShortlist`.
    static let columns = """
        c.id, c.campaign_id, (SELECT slug FROM campaigns WHERE id = c.campaign_id), c.question_id, c.phase,
        c.title, c.body, (SELECT group_concat(theme_id) FROM contribution_themes WHERE contribution_id = c.id),
        c.up, c.down, c.score, c.comment_count, c.created_at, c.edited_at, c.state, c.official,
        \(inShortlist), c.contributor_id, c.held_at IS NOT NULL, c.reviewed_at IS NOT NULL
        """

    static func record(_ row: Row) throws -> ContributionRecord {
        ContributionRecord(
            id: row.int(0), campaignID: row.int(1), campaignSlug: row.text(2), questionID: row.int(3),
            phase: try row.enumeration(4, PhaseKind.self, table: "contributions", column: "phase"),
            title: row.optionalText(5), body: row.text(6), themes: row.idList(7), up: row.int(8), down: row.int(9),
            score: row.double(10), commentCount: row.int(11), createdAt: row.int(12), editedAt: row.optionalInt(13),
            state: try row.enumeration(14, ContributionState.self, table: "contributions", column: "state"),
            official: row.bool(15), shortlisted: row.bool(16), held: row.bool(18), reviewed: row.bool(19),
            contributorID: row.optionalInt(17))
    }

    public func contribution(id: Int64) throws -> ContributionRecord? {
        try connection.queryOne("SELECT \(Self.columns) FROM contributions c WHERE c.id = ?", id, row: Self.record)
            .map { try withUnfoldedVotes([$0])[0] }
    }

    /// The records with the journal's unfolded votes added to their counts and score (the sort
    /// keys a listing was ordered by stay as stored until the journal is folded).
    private func withUnfoldedVotes(_ records: [ContributionRecord]) throws -> [ContributionRecord] {
        let changes = try VoteStore(connection).journalCountChanges(for: records.map(\.id))
        guard !changes.isEmpty else { return records }
        return records.map { record in
            guard let change = changes[record.id] else { return record }
            var record = record
            let counts = VoteCounts(up: record.up, down: record.down) + change
            (record.up, record.down, record.score) = (counts.up, counts.down, counts.score)
            return record
        }
    }

    /// `voteTarget`'s query, built once (it runs on every vote).
    static let voteTargetSQL = """
        SELECT c.campaign_id, k.slug, c.phase, c.state,
               \(inShortlist), c.held_at IS NOT NULL,
               i.draft_id, i.kind, d.state, d.phases, a.state
        FROM contributions c JOIN campaigns k ON k.id = c.campaign_id
        LEFT JOIN draft_items i ON i.contribution_id = c.id
        LEFT JOIN drafts d ON d.id = i.draft_id
        LEFT JOIN draft_amendments a ON a.contribution_id = c.id
        WHERE c.id = ?
        """

    /// What a vote on contribution `id` is checked against, in one query (a vote runs on the
    /// writer, where every microsecond is every voter's): its campaign, phase, state and whether it
    /// is on the shortlist (`inShortlist`); `nil` when it does not exist.
    public func voteTarget(id: Int64) throws -> VoteTarget? {
        try connection.queryOne(Self.voteTargetSQL, id) { row in
            VoteTarget(
                campaignID: row.int(0), campaignSlug: row.text(1),
                phase: try row.enumeration(2, PhaseKind.self, table: "contributions", column: "phase"),
                state: try row.enumeration(3, ContributionState.self, table: "contributions", column: "state"),
                shortlisted: row.bool(4), held: row.bool(5), draft: try DraftStore.target(row, from: 6))
        }
    }

    /// The id and slug of the campaign contribution `id` belongs to, whatever its state.
    public func campaign(ofContribution id: Int64) throws -> (id: Int64, slug: String)? {
        try connection.queryOne(
            "SELECT k.id, k.slug FROM contributions c JOIN campaigns k ON k.id = c.campaign_id WHERE c.id = ?", id
        ) { row in (id: row.int(0), slug: row.text(1)) }
    }

    public func insert(_ new: NewContribution, now: Int64) throws -> ContributionRecord {
        try connection.run(
            """
            INSERT INTO contributions (campaign_id, question_id, contributor_id, phase, title, body, state, official, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            new.campaignID, new.questionID, new.contributorID, new.phase.rawValue, new.title, new.body,
            new.state.rawValue, new.official, now)
        let id = connection.lastInsertRowID
        for theme in Set(new.themes).sorted() {
            try connection.run("INSERT INTO contribution_themes (contribution_id, theme_id) VALUES (?, ?)", id, theme)
        }
        guard let record = try contribution(id: id) else { throw StoreError.notFound }
        return record
    }

    /// Replaces title and body and stamps `edited_at`.
    public func edit(id: Int64, title: String?, body: String, now: Int64) throws -> ContributionRecord {
        try connection.run("UPDATE contributions SET title = ?, body = ?, edited_at = ? WHERE id = ?", title, body, now, id)
        guard connection.changes == 1, let record = try contribution(id: id) else { throw StoreError.notFound }
        return record
    }

    public func setState(id: Int64, _ state: ContributionState) throws -> ContributionRecord {
        try connection.run("UPDATE contributions SET state = ? WHERE id = ?", state.rawValue, id)
        guard connection.changes == 1, let record = try contribution(id: id) else { throw StoreError.notFound }
        return record
    }

    /// Contributions written by one contributor, newest first, whatever their state.
    public func contributions(contributorID: Int64) throws -> [ContributionRecord] {
        try withUnfoldedVotes(connection.query(
            "SELECT \(Self.columns) FROM contributions c WHERE c.contributor_id = ? ORDER BY c.id DESC",
            contributorID, row: Self.record))
    }

    /// One page of visible contributions in the query's order.
    public func list(_ query: ContributionQuery) throws -> ContributionPage {
        let limit = max(1, min(query.limit, 100))
        guard let (filter, values) = Self.filter(query) else { return ContributionPage(items: [], next: nil) }
        switch query.sort {
        case .random:
            let offset = query.cursor.flatMap { $0.sort == .random ? max(0, Int($0.id)) : nil } ?? 0
            let ids = try matchingIDs(filter: filter, values: values)
            return try shuffledPage(ids: ids, seed: query.shuffleSeed, offset: offset, limit: limit)
        case .top, .new, .controversial, .discussed:
            return try keyset(filter: filter, values: values, limit: limit, query: query)
        }
    }

    /// The WHERE clause of `query` (sort, limit and cursor aside) and its values; nil when the
    /// search text has no words, so nothing can match.
    private static func filter(_ query: ContributionQuery) -> (String, [SQLValue])? {
        // Stories have their own place on the campaign page (`StoryStore`), so listings leave them out.
        // A draft's sections, amendments and alternatives are read on the draft's page (`DraftStore`).
        // `NOT IN` lists, not correlated `NOT EXISTS`: SQLite builds each list once per statement
        // (they are short) instead of probing the four tables for every row, which made the random
        // order's id list of 10,000 contributions cost ~4× as much (issue 26). Every
        // `contribution_id` there is an INTEGER PRIMARY KEY, never NULL, so `NOT IN` cannot drop a row.
        var filter = """
            c.campaign_id = ? AND c.state = 'visible' AND c.id NOT IN (SELECT contribution_id FROM stories)
            AND c.id NOT IN (SELECT contribution_id FROM draft_items)
            """
        var values: [SQLValue] = [.integer(query.campaignID)]
        if let question = query.questionID {
            filter += " AND c.question_id = ?"
            values.append(.integer(question))
        }
        if let theme = query.themeID {
            filter += " AND EXISTS (SELECT 1 FROM contribution_themes t WHERE t.contribution_id = c.id AND t.theme_id = ?)"
            values.append(.integer(theme))
        }
        if let shortlisted = query.shortlisted {
            filter += " AND \(shortlisted ? "" : "NOT ")\(Self.inShortlist)"
        }
        if let text = query.text {
            guard let match = FullTextQuery.allWords(text) else { return nil }
            filter += " AND c.id IN (SELECT rowid FROM contribution_search WHERE contribution_search MATCH ?)"
            values.append(.text(match))
        }
        return (filter, values)
    }

    /// The SQL expression each keyset sort orders by (descending, then id descending).
    private static func key(_ sort: ContributionSort) -> String {
        switch sort {
        case .top: "c.score"
        case .new: "c.id"
        case .controversial: "c.controversy"
        case .discussed: "c.comment_count"
        case .random: "0"
        }
    }

    private func keyset(filter: String, values: [SQLValue], limit: Int, query: ContributionQuery) throws -> ContributionPage {
        let key = Self.key(query.sort)
        var filter = filter
        var values = values
        if let cursor = query.cursor, cursor.sort == query.sort {
            filter += " AND (\(key) < ? OR (\(key) = ? AND c.id < ?))"
            values += [.real(cursor.key), .real(cursor.key), .integer(cursor.id)]
        }
        values.append(.integer(Int64(limit + 1)))
        var keys: [Double] = []
        var items = try connection.query(
            "SELECT \(Self.columns), \(key) FROM contributions c WHERE \(filter) ORDER BY \(key) DESC, c.id DESC LIMIT ?",
            values: values
        ) { row in
            keys.append(row.double(20))
            return try Self.record(row)
        }
        items = try withUnfoldedVotes(items)
        guard items.count > limit else { return ContributionPage(items: items, next: nil) }
        items.removeLast()
        let last = items.count - 1
        return ContributionPage(items: items, next: ContributionCursor(sort: query.sort, key: keys[last], id: items[last].id))
    }

    /// The ids of the visible contributions `query` matches (its sort, limit and cursor ignored),
    /// ascending: what `shuffledPage` permutes. Callers that list often keep this list.
    public func matchingIDs(_ query: ContributionQuery) throws -> [Int64] {
        guard let (filter, values) = Self.filter(query) else { return [] }
        return try matchingIDs(filter: filter, values: values)
    }

    private func matchingIDs(filter: String, values: [SQLValue]) throws -> [Int64] {
        try connection.query("SELECT c.id FROM contributions c WHERE \(filter) ORDER BY c.id", values: values) { row in
            row.int(0)
        }
    }

    /// Page `offset..<offset+limit` of `ids` in the order `ShuffleOrder(count:seed:)` gives, in
    /// O(limit): the cursor of the next page is its offset. Ids no longer visible are skipped.
    public func shuffledPage(ids: [Int64], seed: UInt64, offset: Int, limit: Int) throws -> ContributionPage {
        guard offset < ids.count, limit > 0 else { return ContributionPage(items: [], next: nil) }
        let order = ShuffleOrder(count: ids.count, seed: seed)
        let end = min(ids.count, offset + limit)
        let page = (offset..<end).map { ids[order.index(at: $0)] }
        let records = try connection.query(
            "SELECT \(Self.columns) FROM contributions c WHERE c.id IN (\(placeholders(page.count))) AND c.state = 'visible'",
            values: page.map { .integer($0) }, row: Self.record)
        let byID = Dictionary(uniqueKeysWithValues: try withUnfoldedVotes(records).map { ($0.id, $0) })
        return ContributionPage(
            items: page.compactMap { byID[$0] },
            next: end < ids.count ? ContributionCursor(sort: .random, key: 0, id: Int64(end)) : nil)
    }

    /// What the similar-ideas index of a campaign is built from: every visible contribution not held
    /// for review (the submit form must not offer held text as an example) and not a story, each
    /// with its last edit, as (id, edited) pairs in id order — cheap to read, and enough to tell
    /// whether an index built earlier still holds the same texts.
    public func similarityVersion(campaignID: Int64) throws -> [Int64] {
        var version: [Int64] = []
        try connection.each(
            "SELECT c.id, coalesce(c.edited_at, 0) FROM contributions c WHERE \(Self.similarityFilter) ORDER BY c.id",
            values: [.integer(campaignID)]
        ) { row in
            version.append(row.int(0))
            version.append(row.int(1))
            return true
        }
        return version
    }

    /// The texts `similarityVersion` stands for, in the same order.
    public func similarityDocuments(campaignID: Int64) throws -> [SimilarityDocument] {
        try connection.query(
            "SELECT c.id, c.title, c.body FROM contributions c WHERE \(Self.similarityFilter) ORDER BY c.id", campaignID
        ) { row in SimilarityDocument(id: row.int(0), title: row.optionalText(1), body: row.text(2)) }
    }

    private static let similarityFilter = """
        c.campaign_id = ? AND c.state = 'visible' AND c.held_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.contribution_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM draft_items i WHERE i.contribution_id = c.id)
        """

    /// The similar-ideas answer for `ids` (in that order), with their current counts; an id no longer
    /// visible, or held since the index was built, is left out.
    public func similarSummaries(ids: [Int64]) throws -> [SimilarContribution] {
        guard !ids.isEmpty else { return [] }
        let found = try connection.query(
            """
            SELECT c.id, c.title, c.body, c.up, c.down FROM contributions c
            WHERE c.id IN (\(placeholders(ids.count))) AND c.state = 'visible' AND c.held_at IS NULL
            """, values: ids.map { .integer($0) }
        ) { row in
            SimilarContribution(id: row.int(0), title: row.optionalText(1), body: row.text(2), up: row.int(3), down: row.int(4))
        }
        let changes = try VoteStore(connection).journalCountChanges(for: found.map(\.id))
        let byID = Dictionary(uniqueKeysWithValues: found.map { similar in
            var similar = similar
            similar.up += changes[similar.id]?.up ?? 0
            similar.down += changes[similar.id]?.down ?? 0
            return (similar.id, similar)
        })
        return ids.compactMap { byID[$0] }
    }

    /// Whether the contribution already has votes or comments (edits are then refused).
    public func isLocked(id: Int64) throws -> Bool {
        try connection.queryOne(
            "SELECT up + down > 0 OR EXISTS (SELECT 1 FROM comments WHERE contribution_id = ?1) FROM contributions WHERE id = ?1",
            id
        ) { row in row.bool(0) } ?? false
    }
}
