// Comments on contributions (replies one level deep), with the contribution's comment count kept in step.
import Campaigns

public struct CommentRecord: Sendable, Equatable {
    public var id: Int64
    public var contributionID: Int64
    public var parentID: Int64?
    public var body: String
    public var createdAt: Int64
    public var state: CommentState
    /// Written by the campaign team (no contributor).
    public var official: Bool
    /// For ownership checks inside the server only; never written into a response.
    public var contributorID: Int64?

    /// What the reply rule decides on.
    public var facts: CommentFacts { CommentFacts(contributionID: contributionID, parentID: parentID, state: state) }
}

public struct CommentStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    private static let columns = "id, contribution_id, parent_id, body, created_at, state, staff_id IS NOT NULL, contributor_id"

    private static func record(_ row: Row) throws -> CommentRecord {
        CommentRecord(
            id: row.int(0), contributionID: row.int(1), parentID: row.optionalInt(2), body: row.text(3),
            createdAt: row.int(4), state: try row.enumeration(5, CommentState.self, table: "comments", column: "state"),
            official: row.bool(6), contributorID: row.optionalInt(7))
    }

    public func comment(id: Int64) throws -> CommentRecord? {
        try connection.queryOne("SELECT \(Self.columns) FROM comments WHERE id = ?", id, row: Self.record)
    }

    /// Inserts a contributor's (or, with `staffID`, the team's) comment and bumps the count.
    public func insert(
        contributionID: Int64, parentID: Int64?, contributorID: Int64?, staffID: Int64? = nil, body: String, now: Int64
    ) throws -> CommentRecord {
        try connection.run(
            "INSERT INTO comments (contribution_id, parent_id, contributor_id, staff_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            contributionID, parentID, contributorID, staffID, body, now)
        let id = connection.lastInsertRowID
        try connection.run("UPDATE contributions SET comment_count = comment_count + 1 WHERE id = ?", contributionID)
        guard let record = try comment(id: id) else { throw StoreError.notFound }
        return record
    }

    /// Visible comments of a contribution, oldest first, plus the caller's own hidden ones.
    public func comments(contributionID: Int64, viewerID: Int64?) throws -> [CommentRecord] {
        try connection.query(
            """
            SELECT \(Self.columns) FROM comments
            WHERE contribution_id = ? AND (state = 'visible' OR contributor_id = ?) ORDER BY id
            """, contributionID, viewerID ?? -1, row: Self.record)
    }

    public func comments(contributorID: Int64) throws -> [CommentRecord] {
        try connection.query(
            "SELECT \(Self.columns) FROM comments WHERE contributor_id = ? ORDER BY id DESC", contributorID, row: Self.record)
    }
}
