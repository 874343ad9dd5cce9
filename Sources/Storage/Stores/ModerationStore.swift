// Moderation: the queue of flagged, auto-hidden and waiting items; hide, restore, approve; redaction with revisions.
import Campaigns

/// One entry of the moderation queue: a contribution or a comment, why it waits, and its open reports.
public struct ModerationItem: Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        case contribution(ContributionRecord)
        case comment(CommentRecord)
    }

    /// Why it is in the queue (or, for `hidden`, in the list of hidden items).
    public enum Status: String, Sendable, CaseIterable {
        /// Its reports weighed the threshold: listed collapsed until a moderator decides.
        case held
        /// Pre-moderated: not shown until approved.
        case pending
        /// Reported, not (or not yet) held.
        case reported
        /// Hidden by a moderator: decided, listed only when asked for.
        case hidden
    }

    public var subject: Subject
    public var status: Status
    /// Flags not yet resolved by a moderator.
    public var flags: Int
    /// Their reasons, oldest first.
    public var reasons: [String]
    /// What the open flags weigh together (`ReportWeighing`).
    public var reportWeight: Double
    /// The days (00:00 UTC) the open flags were made, oldest first: a report keeps only its day.
    public var reportDays: [Int64]
}

/// Which part of the moderation view to list.
public enum ModerationScope: String, Sendable, CaseIterable {
    /// Everything awaiting a decision: held, pending and reported items.
    case awaiting
    /// Items a moderator hid, for a second look.
    case hidden
}

/// The original text of a redacted contribution or comment; readable by admins only.
public struct RevisionRecord: Sendable, Equatable {
    public var id: Int64
    public var contributionID: Int64?
    public var commentID: Int64?
    public var title: String?
    public var body: String
    public var staffID: Int64?
    public var createdAt: Int64
}

/// Every SQL string for moderating contributions and comments. Changes to visibility keep
/// `comment_count` equal to the number of visible comments, in the same write.
public struct ModerationStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// The items of `scope`, held first, then pending, then reported, each oldest first.
    public func queue(campaignID: Int64, scope: ModerationScope) throws -> [ModerationItem] {
        let (contributionFilter, commentFilter) = switch scope {
        case .awaiting: (
            """
            c.state = 'pending' OR (c.state = 'visible' AND (c.held_at IS NOT NULL
                OR EXISTS (SELECT 1 FROM flags f WHERE f.contribution_id = c.id AND f.resolved_at IS NULL)))
            """,
            """
            m.state = 'pending'
                OR (m.state = 'visible' AND EXISTS (SELECT 1 FROM flags f WHERE f.comment_id = m.id AND f.resolved_at IS NULL))
            """)
        case .hidden: ("c.state = 'hidden'", "m.state = 'hidden'")
        }
        let contributionIDs = try connection.query(
            "SELECT c.id FROM contributions c WHERE c.campaign_id = ? AND (\(contributionFilter)) ORDER BY c.id", campaignID
        ) { row -> Int64 in row.int(0) }
        let commentIDs = try connection.query(
            """
            SELECT m.id FROM comments m JOIN contributions c ON c.id = m.contribution_id
            WHERE c.campaign_id = ? AND (\(commentFilter)) ORDER BY m.id
            """, campaignID
        ) { row -> Int64 in row.int(0) }
        let contributions = ContributionStore(connection)
        let comments = CommentStore(connection)
        var items: [ModerationItem] = []
        for id in contributionIDs {
            guard let record = try contributions.contribution(id: id) else { continue }
            let status: ModerationItem.Status = switch record.state {
            case .pending: .pending
            case .hidden: .hidden
            case .visible, .withdrawn, .merged: record.held ? .held : .reported
            }
            items.append(try item(.contribution(record), status: status, column: "contribution_id", id: id))
        }
        for id in commentIDs {
            guard let record = try comments.comment(id: id) else { continue }
            let status: ModerationItem.Status = switch record.state {
            case .pending: .pending
            case .hidden: .hidden
            case .visible: .reported
            }
            items.append(try item(.comment(record), status: status, column: "comment_id", id: id))
        }
        let order = Dictionary(uniqueKeysWithValues: ModerationItem.Status.allCases.enumerated().map { ($1, $0) })
        return items.enumerated().sorted { a, b in
            let (x, y) = (order[a.element.status] ?? 0, order[b.element.status] ?? 0)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    private func item(_ subject: ModerationItem.Subject, status: ModerationItem.Status, column: String, id: Int64) throws -> ModerationItem {
        let open = try connection.query(
            "SELECT reason, weight, created_at FROM flags WHERE \(column) = ? AND resolved_at IS NULL ORDER BY id", id
        ) { row in (reason: row.text(0), weight: row.double(1), at: row.int(2) as Int64) }
        return ModerationItem(
            subject: subject, status: status, flags: open.count, reasons: open.map(\.reason),
            reportWeight: open.reduce(0) { $0 + $1.weight }, reportDays: open.map(\.at))
    }

    /// Sets a contribution's state (hide: hidden; restore or approve: visible) and releases any
    /// hold. Either is a moderator's decision on its reports, which are resolved; restoring also
    /// resets the flag count and marks it reviewed, so later reports queue it without holding it.
    public func setContributionState(id: Int64, _ state: ContributionState, now: Int64) throws {
        try connection.run("UPDATE contributions SET state = ?, held_at = NULL WHERE id = ?", state.rawValue, id)
        guard connection.changes == 1 else { throw StoreError.notFound }
        try resolveFlags(column: "contribution_id", id: id, now: now)
        if state == .visible {
            try connection.run("UPDATE contributions SET flag_count = 0, reviewed_at = ? WHERE id = ?", now, id)
        }
    }

    /// Sets a comment's state (resolving its flags), keeping the contribution's comment count.
    public func setCommentState(id: Int64, _ state: CommentState, now: Int64) throws {
        try connection.run("UPDATE comments SET state = ? WHERE id = ?", state.rawValue, id)
        guard connection.changes == 1 else { throw StoreError.notFound }
        try resolveFlags(column: "comment_id", id: id, now: now)
        if state == .visible { try connection.run("UPDATE comments SET flag_count = 0 WHERE id = ?", id) }
        try connection.run(
            """
            UPDATE contributions SET comment_count =
                (SELECT count(*) FROM comments WHERE contribution_id = contributions.id AND state = 'visible')
            WHERE id = (SELECT contribution_id FROM comments WHERE id = ?)
            """, id)
    }

    private func resolveFlags(column: String, id: Int64, now: Int64) throws {
        try connection.run("UPDATE flags SET resolved_at = ? WHERE \(column) = ? AND resolved_at IS NULL", now, id)
    }

    // MARK: Redaction

    /// Replaces a contribution's text, keeping the original as a revision, and rebuilds the
    /// full-text index so the removed words are gone from it too (FTS5 keeps deleted terms in
    /// its segments until they are merged: <https://www.sqlite.org/fts5.html#the_optimize_command>).
    public func redactContribution(id: Int64, title: String?, body: String, staffID: Int64, now: Int64) throws {
        guard let old = try ContributionStore(connection).contribution(id: id) else { throw StoreError.notFound }
        try connection.run(
            "INSERT INTO revisions (contribution_id, title, body, staff_id, created_at) VALUES (?, ?, ?, ?, ?)",
            id, old.title, old.body, staffID, now)
        try connection.run("UPDATE contributions SET title = ?, body = ? WHERE id = ?", title, body, id)
        try optimiseSearchIndex()
    }

    public func redactComment(id: Int64, body: String, staffID: Int64, now: Int64) throws {
        guard let old = try CommentStore(connection).comment(id: id) else { throw StoreError.notFound }
        try connection.run(
            "INSERT INTO revisions (comment_id, body, staff_id, created_at) VALUES (?, ?, ?, ?)", id, old.body, staffID, now)
        try connection.run("UPDATE comments SET body = ? WHERE id = ?", body, id)
        try optimiseSearchIndex()
    }

    /// Merges the full-text index into one segment, which drops the terms of text replaced or wiped
    /// (FTS5 keeps them in older segments until then; SQLite 3.40 has no `secure-delete` option).
    /// Its cost grows with the index: run it only after an erasure.
    func optimiseSearchIndex() throws {
        try connection.run("INSERT INTO contribution_search (contribution_search) VALUES ('optimize')")
    }

    /// Revisions of a contribution and of its comments, oldest first.
    public func revisions(contributionID: Int64) throws -> [RevisionRecord] {
        try connection.query(
            """
            SELECT id, contribution_id, comment_id, title, body, staff_id, created_at FROM revisions
            WHERE contribution_id = ?1 OR comment_id IN (SELECT id FROM comments WHERE contribution_id = ?1)
            ORDER BY id
            """, contributionID
        ) { row in
            RevisionRecord(
                id: row.int(0), contributionID: row.optionalInt(1), commentID: row.optionalInt(2), title: row.optionalText(3),
                body: row.text(4), staffID: row.optionalInt(5), createdAt: row.int(6))
        }
    }

    /// Wipes a contribution its author withdraws: the state, its title and text (the search index row
    /// with them, by trigger), and the originals of any redaction of it; then rebuilds the search
    /// index so the words are gone from it too. The caller truncates the WAL after the commit.
    public func withdrawContribution(id: Int64) throws {
        try connection.run("UPDATE contributions SET state = 'withdrawn', title = NULL, body = '' WHERE id = ?", id)
        guard connection.changes == 1 else { throw StoreError.notFound }
        try connection.run("DELETE FROM revisions WHERE contribution_id = ?", id)
        try optimiseSearchIndex()
    }

    /// Deletes the originals for good (`secure_delete` overwrites the freed pages); returns how many.
    public func purgeRevisions(contributionID: Int64) throws -> Int {
        try connection.run(
            """
            DELETE FROM revisions
            WHERE contribution_id = ?1 OR comment_id IN (SELECT id FROM comments WHERE contribution_id = ?1)
            """, contributionID)
        return connection.changes
    }
}
