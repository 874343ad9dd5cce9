// Merging a duplicate into another contribution, and undoing it exactly, with counts recomputed in the same write.
import Campaigns

/// One merge as recorded for undo.
public struct MergeRecord: Sendable, Equatable {
    public var id: Int64
    public var sourceID: Int64
    public var targetID: Int64
    public var sourceState: ContributionState
    public var undoneAt: Int64?
}

extension ModerationStore {
    /// Merges `sourceID` into `targetID`: votes move with each contributor counted once
    /// (`MergeRule.mergedVotes`, the target's vote wins), comments move with their threads,
    /// the source becomes `merged`, and both contributions' counts and scores are recomputed.
    /// What undo needs (both vote sets, the moved comments, the source's state) is recorded.
    /// The caller checks the two are distinct, in one campaign, and neither is merged.
    @discardableResult
    public func merge(sourceID: Int64, into targetID: Int64, staffID: Int64?, now: Int64) throws -> MergeRecord {
        let contributions = ContributionStore(connection)
        guard let source = try contributions.contribution(id: sourceID) else { throw StoreError.notFound }
        let sourceVotes = try votes(contributionID: sourceID)
        let targetVotes = try votes(contributionID: targetID)
        let movedComments = try connection.query(
            "SELECT id FROM comments WHERE contribution_id = ? ORDER BY id", sourceID
        ) { row -> Int64 in row.int(0) }
        try connection.run(
            """
            INSERT INTO merges (source_id, target_id, source_state, source_votes, target_votes, moved_comments, staff_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            sourceID, targetID, source.state.rawValue, Self.json(sourceVotes), Self.json(targetVotes),
            "[" + movedComments.map(String.init).joined(separator: ",") + "]", staffID, now)
        let mergeID = connection.lastInsertRowID
        let merged = MergeRule.mergedVotes(source: sourceVotes, target: targetVotes)
        try connection.run("DELETE FROM votes WHERE contribution_id = ?", sourceID)
        for (voter, value) in merged.sorted(by: { $0.key < $1.key }) where targetVotes[voter] == nil {
            try connection.run(
                "INSERT INTO votes (contribution_id, contributor_id, value, voted_at) VALUES (?, ?, ?, ?)",
                targetID, voter, value, CoarseTime.dayStart(now))
        }
        try moveComments(movedComments, to: targetID)
        try connection.run("UPDATE contributions SET state = 'merged', merged_into = ? WHERE id = ?", targetID, sourceID)
        try recount(sourceID)
        try recount(targetID)
        return MergeRecord(id: mergeID, sourceID: sourceID, targetID: targetID, sourceState: source.state, undoneAt: nil)
    }

    /// The contribution `id` was merged into, when it is merged; `nil` otherwise.
    public func mergedInto(id: Int64) throws -> Int64? {
        try connection.queryOne("SELECT merged_into FROM contributions WHERE id = ? AND state = 'merged'", id) { row in
            row.optionalInt(0)
        } ?? nil
    }

    /// Every merge of the campaign's contributions that has not been undone, latest first.
    public func activeMerges(campaignID: Int64) throws -> [MergeRecord] {
        try connection.query(
            """
            SELECT m.id, m.source_id, m.target_id, m.source_state, m.undone_at FROM merges m
            JOIN contributions c ON c.id = m.source_id
            WHERE c.campaign_id = ? AND m.undone_at IS NULL ORDER BY m.id DESC
            """, campaignID
        ) { row in
            MergeRecord(
                id: row.int(0), sourceID: row.int(1), targetID: row.int(2),
                sourceState: try row.enumeration(3, ContributionState.self, table: "merges", column: "source_state"),
                undoneAt: row.optionalInt(4))
        }
    }

    /// The latest merge of `sourceID` that has not been undone.
    public func activeMerge(sourceID: Int64) throws -> MergeRecord? {
        try connection.queryOne(
            """
            SELECT id, source_id, target_id, source_state, undone_at FROM merges
            WHERE source_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1
            """, sourceID
        ) { row in
            MergeRecord(
                id: row.int(0), sourceID: row.int(1), targetID: row.int(2),
                sourceState: try row.enumeration(3, ContributionState.self, table: "merges", column: "source_state"),
                undoneAt: row.optionalInt(4))
        }
    }

    /// Undoes `merge`: the source gets back its votes, comments and state; the votes the merge
    /// added to the target are removed (the target's own votes, and votes cast on it since by
    /// people who had not voted on the source, stay); counts are recomputed.
    public func undo(_ merge: MergeRecord, now: Int64) throws {
        let recorded = try connection.queryOne(
            "SELECT source_votes, target_votes, moved_comments FROM merges WHERE id = ?", merge.id
        ) { row in (row.text(0), row.text(1), row.text(2)) }
        guard let (sourceJSON, targetJSON, commentsJSON) = recorded else { throw StoreError.notFound }
        let sourceVotes = try parseVotes(sourceJSON)
        let targetVotes = try parseVotes(targetJSON)
        for voter in sourceVotes.keys.sorted() where targetVotes[voter] == nil {
            try connection.run(
                "DELETE FROM votes WHERE contribution_id = ? AND contributor_id = ?", merge.targetID, voter)
        }
        for (voter, value) in sourceVotes.sorted(by: { $0.key < $1.key }) {
            try connection.run(
                """
                INSERT INTO votes (contribution_id, contributor_id, value, voted_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (contribution_id, contributor_id) DO UPDATE SET value = excluded.value
                """, merge.sourceID, voter, value, CoarseTime.dayStart(now))
        }
        let comments = try connection.query("SELECT value FROM json_each(?)", commentsJSON) { row -> Int64 in row.int(0) }
        try moveComments(comments, to: merge.sourceID)
        try connection.run(
            "UPDATE contributions SET state = ?, merged_into = NULL WHERE id = ?", merge.sourceState.rawValue, merge.sourceID)
        try connection.run("UPDATE merges SET undone_at = ? WHERE id = ?", now, merge.id)
        try recount(merge.sourceID)
        try recount(merge.targetID)
    }

    /// Votes on a contribution as voter id → vote.
    public func votes(contributionID: Int64) throws -> [Int64: Vote] {
        let rows = try connection.query(
            "SELECT contributor_id, value FROM votes WHERE contribution_id = ?", contributionID
        ) { row -> (Int64, Vote) in (row.int(0), try row.vote(1, table: "votes")) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// Moves comments and touches their state so the search triggers re-index both contributions.
    private func moveComments(_ ids: [Int64], to contributionID: Int64) throws {
        for id in ids {
            try connection.run("UPDATE comments SET contribution_id = ? WHERE id = ?", contributionID, id)
            try connection.run("UPDATE comments SET state = state WHERE id = ?", id)
        }
    }

    /// Recomputes up, down, score, controversy and the visible comment count from the rows.
    func recount(_ id: Int64) throws {
        let counts = try connection.queryOne(
            """
            SELECT (SELECT count(*) FROM votes WHERE contribution_id = ?1 AND value = 1),
                   (SELECT count(*) FROM votes WHERE contribution_id = ?1 AND value = -1)
            """, id
        ) { row -> (Int, Int) in (row.int(0), row.int(1)) }
        let votes = counts.map { VoteCounts(up: $0.0, down: $0.1) } ?? VoteCounts(up: 0, down: 0)
        try connection.run(
            """
            UPDATE contributions SET up = ?, down = ?, score = ?, controversy = ?,
                comment_count = (SELECT count(*) FROM comments WHERE contribution_id = ?5 AND state = 'visible')
            WHERE id = ?5
            """,
            votes.up, votes.down, votes.score, votes.controversy, id)
        // The search index keeps the source's comments until its own row is touched.
        try connection.run(
            """
            UPDATE contribution_search SET comments =
                (SELECT coalesce(group_concat(body, char(10)), '') FROM comments WHERE contribution_id = ?1 AND state = 'visible')
            WHERE rowid = ?1
            """, id)
    }

    private static func json(_ votes: [Int64: Vote]) -> String {
        "[" + votes.sorted { $0.key < $1.key }.map { "[\($0.key),\($0.value.rawValue)]" }.joined(separator: ",") + "]"
    }

    private func parseVotes(_ json: String) throws -> [Int64: Vote] {
        let rows = try connection.query(
            "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)", json
        ) { row -> (Int64, Vote) in (row.int(0), try row.vote(1, table: "merges")) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}
