// Candidate themes: a campaign's latest draft of proposed groups and what facilitators did with each.

/// How the latest draft was made.
public struct CandidateDraftRecord: Sendable, Equatable {
    public var campaignID: Int64
    public var seed: UInt64
    /// k asked of the clustering.
    public var clusters: Int
    /// Contributions the draft was made from.
    public var items: Int
    /// The newest of them: contributions with a higher id came later.
    public var newestID: Int64
    public var createdAt: Int64
}

/// What a facilitator did with a candidate.
public enum CandidateState: String, Sendable, CaseIterable {
    case open
    case discarded
    /// It became the codebook theme `themeID`.
    case named
}

public struct CandidateRecord: Sendable, Equatable {
    public var id: Int64
    public var state: CandidateState
    public var themeID: Int64?
    /// Ascending contribution ids.
    public var members: [Int64]
}

public struct CandidateStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    public func draft(campaignID: Int64) throws -> CandidateDraftRecord? {
        try connection.queryOne(
            "SELECT campaign_id, seed, clusters, items, newest_id, created_at FROM candidate_drafts WHERE campaign_id = ?",
            campaignID
        ) { row in
            CandidateDraftRecord(campaignID: row.int(0), seed: UInt64(bitPattern: row.int(1)), clusters: row.int(2),
                                 items: row.int(3), newestID: row.int(4), createdAt: row.int(5))
        }
    }

    /// Every candidate of the draft, discarded ones included, in draft order.
    public func candidates(campaignID: Int64) throws -> [CandidateRecord] {
        try connection.query(
            """
            SELECT k.id, k.state, k.theme_id,
                   (SELECT group_concat(contribution_id) FROM candidate_members WHERE candidate_id = k.id)
            FROM candidates k WHERE k.campaign_id = ? ORDER BY k.position, k.id
            """, campaignID
        ) { row in
            CandidateRecord(id: row.int(0), state: CandidateState(rawValue: row.text(1)) ?? .open,
                            themeID: row.optionalInt(2), members: row.idList(3).sorted())
        }
    }

    /// The campaign of candidate `id`, if it exists.
    public func campaignID(ofCandidate id: Int64) throws -> Int64? {
        try connection.queryOne("SELECT campaign_id FROM candidates WHERE id = ?", id) { $0.int64(0) }
    }

    /// Replaces the campaign's draft with a new one holding `groups` as open candidates, in order.
    public func replaceDraft(campaignID: Int64, seed: UInt64, clusters: Int, items: Int, newestID: Int64,
                             groups: [[Int64]], staffID: Int64?, now: Int64) throws {
        try connection.run("DELETE FROM candidate_drafts WHERE campaign_id = ?", campaignID)
        try connection.run(
            """
            INSERT INTO candidate_drafts (campaign_id, seed, clusters, items, newest_id, staff_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, campaignID, Int64(bitPattern: seed), clusters, items, newestID, staffID, now)
        for (position, members) in groups.enumerated() {
            try insert(campaignID: campaignID, position: position, members: members)
        }
    }

    /// Replaces candidates `ids` (merged, or one split) by open candidates holding `groups`, placed
    /// where the first of them stood. Returns the new candidates' ids.
    public func replace(_ ids: [Int64], with groups: [[Int64]], campaignID: Int64) throws -> [Int64] {
        guard let first = ids.first, let position = try connection.queryOne(
            "SELECT position FROM candidates WHERE id = ? AND campaign_id = ?", first, campaignID, row: { $0.int(0) as Int })
        else { throw StoreError.notFound }
        for id in ids { try connection.run("DELETE FROM candidates WHERE id = ? AND campaign_id = ?", id, campaignID) }
        return try groups.map { try insert(campaignID: campaignID, position: position, members: $0) }
    }

    public func setState(candidateID: Int64, _ state: CandidateState, themeID: Int64?) throws {
        try connection.run("UPDATE candidates SET state = ?, theme_id = ? WHERE id = ?", state.rawValue, themeID, candidateID)
        guard connection.changes == 1 else { throw StoreError.notFound }
    }

    @discardableResult
    private func insert(campaignID: Int64, position: Int, members: [Int64]) throws -> Int64 {
        try connection.run("INSERT INTO candidates (campaign_id, position) VALUES (?, ?)", campaignID, position)
        let id = connection.lastInsertRowID
        for member in Set(members).sorted() {
            try connection.run("INSERT INTO candidate_members (candidate_id, contribution_id) VALUES (?, ?)", id, member)
        }
        return id
    }
}
