// The people around a guide: invited editors (hashed tokens, anonymous labels), facilitators'
// comments, and the public listing of published guides.
import Campaigns

/// A facilitator's comment on a guide, tied to the revision it was made on.
public struct GuideComment: Sendable, Equatable {
    public var id: Int64
    public var revision: Int
    public var body: String
    public var createdAt: Int64
}

/// An invitation to edit a guide, as facilitators see it: never its token.
public struct GuideInvitation: Sendable, Equatable {
    public var id: Int64
    public var label: String
    public var createdAt: Int64
    public var expiresAt: Int64?
    public var revokedAt: Int64?

    /// Whether the link still opens the guide at `now`.
    public func isActive(at now: Int64) -> Bool { revokedAt == nil && (expiresAt.map { now < $0 } ?? true) }
}

extension GuideStore {
    /// Adds an invited editor whose link works until `expiresAt`, and returns the invitation with
    /// its label: "Contributor 2", "Contributor 3", … (the author is "Author"; the numbers never
    /// reveal who anyone is).
    public func addEditor(guideID: Int64, tokenHash: [UInt8], now: Int64, expiresAt: Int64) throws -> GuideInvitation {
        let count = try connection.queryOne(
            "SELECT count(*) FROM guide_editors WHERE guide_id = ?", guideID, row: { $0.int(0) as Int }) ?? 0
        let label = "Contributor \(count + 2)"
        try connection.run(
            "INSERT INTO guide_editors (guide_id, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            guideID, tokenHash, label, now, expiresAt)
        return GuideInvitation(id: connection.lastInsertRowID, label: label, createdAt: now, expiresAt: expiresAt, revokedAt: nil)
    }

    /// The guide and label an invitation token grants at `now` (not revoked, not expired), with
    /// the stored hash so the caller can confirm the match in constant time as every other
    /// credential check does.
    public func editor(tokenHash: [UInt8], now: Int64) throws -> (guideID: Int64, label: String, tokenHash: [UInt8])? {
        try connection.queryOne(
            """
            SELECT guide_id, label, token_hash FROM guide_editors
            WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)
            """, tokenHash, now
        ) { row in (guideID: row.int64(0), label: row.text(1), tokenHash: row.blob(2)) }
    }

    /// Every invitation of the guide, oldest first.
    public func invitations(guideID: Int64) throws -> [GuideInvitation] {
        try connection.query(
            "SELECT id, label, created_at, expires_at, revoked_at FROM guide_editors WHERE guide_id = ? ORDER BY id", guideID
        ) { row in
            GuideInvitation(
                id: row.int64(0), label: row.text(1), createdAt: row.int(2), expiresAt: row.optionalInt(3),
                revokedAt: row.optionalInt(4))
        }
    }

    /// Revokes invitation `id` of guide `guideID`; false when the guide has no such invitation.
    /// Revoking twice keeps the first moment.
    public func revokeEditor(id: Int64, guideID: Int64, now: Int64) throws -> Bool {
        try connection.run(
            "UPDATE guide_editors SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? AND guide_id = ?", now, id, guideID)
        return connection.changes == 1
    }

    public func addComment(guideID: Int64, staffID: Int64?, revision: Int, body: String, now: Int64) throws -> GuideComment {
        try connection.run(
            "INSERT INTO guide_comments (guide_id, staff_id, revision, body, created_at) VALUES (?, ?, ?, ?, ?)",
            guideID, staffID, revision, body, now)
        return GuideComment(id: connection.lastInsertRowID, revision: revision, body: body, createdAt: now)
    }

    public func comments(guideID: Int64) throws -> [GuideComment] {
        try connection.query(
            "SELECT id, revision, body, created_at FROM guide_comments WHERE guide_id = ? ORDER BY id", guideID
        ) { row in GuideComment(id: row.int(0), revision: row.int(1), body: row.text(2), createdAt: row.int(3)) }
    }

    /// Published guides of the campaign, optionally only those tagged with `theme` and those whose
    /// title or text contains `query` (case-insensitive for ASCII, as SQLite's LIKE).
    public func published(campaignID: Int64, theme: Int64?, query: String?) throws -> [GuideRecord] {
        var sql = "SELECT id FROM guides g WHERE g.campaign_id = ? AND g.published_at IS NOT NULL"
        var values: [SQLValue] = [.integer(campaignID)]
        if let theme {
            sql += " AND EXISTS (SELECT 1 FROM json_each(g.themes) WHERE value = ?)"
            values.append(.integer(theme))
        }
        if let query, !query.isEmpty {
            sql += " AND (g.title LIKE ? ESCAPE '\\' OR g.sections LIKE ? ESCAPE '\\')"
            let pattern = "%" + Self.escapeLike(query) + "%"
            values.append(.text(pattern))
            values.append(.text(pattern))
        }
        sql += " ORDER BY g.published_at, g.id"
        let ids = try connection.query(sql, values: values) { row in row.int64(0) }
        return try ids.compactMap { try guide(id: $0) }
    }

    private static func escapeLike(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
