// Guides for act-round ideas: the latest text, every revision, final and published marks.
import Campaigns

/// A guide as stored: the latest revision's text plus its state.
public struct GuideRecord: Sendable, Equatable {
    public var id: Int64
    public var campaignID: Int64
    public var contributionID: Int64?
    public var text: GuideRevision
    public var themes: [Int64]
    public var finalAt: Int64?
    public var publishedAt: Int64?
    public var createdAt: Int64
}

/// One saved revision with its anonymous editor label.
public struct GuideRevisionRecord: Sendable, Equatable {
    public var text: GuideRevision
    public var editor: String
    public var createdAt: Int64
}

public struct GuideStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// `sections` column value for the section texts, built by SQLite's json_object (always valid JSON).
    static let sectionsJSON = "json_object(" + GuideSection.allCases.map { "'\($0.rawValue)', ?" }.joined(separator: ", ") + ")"
    static let sectionColumns = GuideSection.allCases.map { "coalesce(json_extract(g.sections, '$.\($0.rawValue)'), '')" }
        .joined(separator: ", ")

    private static func sections(_ row: Row, from first: Int32) -> [GuideSection: String] {
        var result: [GuideSection: String] = [:]
        for (offset, section) in GuideSection.allCases.enumerated() {
            let text = row.text(first + Int32(offset))
            if !text.isEmpty { result[section] = text }
        }
        return result
    }

    private static let columns = """
        g.id, g.campaign_id, g.contribution_id, g.revision, g.title, \
        (SELECT group_concat(value) FROM json_each(g.themes)), g.final_at, g.published_at, g.created_at, \(sectionColumns)
        """

    private static func record(_ row: Row) -> GuideRecord {
        GuideRecord(
            id: row.int(0), campaignID: row.int(1), contributionID: row.optionalInt(2),
            text: GuideRevision(revision: row.int(3), title: row.text(4), sections: sections(row, from: 9)),
            themes: row.idList(5), finalAt: row.optionalInt(6), publishedAt: row.optionalInt(7), createdAt: row.int(8))
    }

    /// Creates the (empty, revision 0) guide of an idea with the idea's themes.
    public func create(campaignID: Int64, contributionID: Int64, title: String, now: Int64) throws -> GuideRecord {
        try connection.run(
            """
            INSERT INTO guides (campaign_id, contribution_id, title, themes, created_at)
            VALUES (?, ?, ?, (SELECT json_group_array(theme_id) FROM contribution_themes WHERE contribution_id = ?), ?)
            """, campaignID, contributionID, title, contributionID, now)
        guard let guide = try guide(id: connection.lastInsertRowID) else { throw StoreError.notFound }
        return guide
    }

    public func guide(id: Int64) throws -> GuideRecord? {
        try connection.queryOne("SELECT \(Self.columns) FROM guides g WHERE g.id = ?", id, row: Self.record)
    }

    public func guide(contributionID: Int64) throws -> GuideRecord? {
        try connection.queryOne("SELECT \(Self.columns) FROM guides g WHERE g.contribution_id = ?", contributionID,
                                row: Self.record)
    }

    public func guides(campaignID: Int64) throws -> [GuideRecord] {
        try connection.query("SELECT \(Self.columns) FROM guides g WHERE g.campaign_id = ? ORDER BY g.id", campaignID,
                             row: Self.record)
    }

    /// Saves the text as revision `next` (which `GuideRevision.nextRevision` chose from the guide
    /// read in the same write) and keeps it in the revision history.
    public func save(id: Int64, revision next: Int, title: String, sections: [GuideSection: String], editor: String,
                     now: Int64) throws -> GuideRecord {
        let texts: [SQLValue] = GuideSection.allCases.map { .text(sections[$0] ?? "") }
        try connection.run(
            "UPDATE guides SET title = ?, revision = ?, sections = \(Self.sectionsJSON) WHERE id = ?",
            values: [.text(title), .integer(Int64(next))] + texts + [.integer(id)])
        try connection.run(
            """
            INSERT INTO guide_revisions (guide_id, revision, title, sections, editor, created_at)
            SELECT id, revision, title, sections, ?, ? FROM guides WHERE id = ?
            """, editor, now, id)
        guard let saved = try guide(id: id) else { throw StoreError.notFound }
        return saved
    }

    /// Every revision, oldest first.
    public func revisions(guideID: Int64) throws -> [GuideRevisionRecord] {
        try connection.query(
            """
            SELECT g.revision, g.title, g.editor, g.created_at, \(Self.sectionColumns)
            FROM guide_revisions g WHERE g.guide_id = ? ORDER BY g.revision
            """, guideID
        ) { row in
            GuideRevisionRecord(
                text: GuideRevision(revision: row.int(0), title: row.text(1), sections: Self.sections(row, from: 4)),
                editor: row.text(2), createdAt: row.int(3))
        }
    }

    /// Marks the guide final (no more edits) or opens it again.
    public func setFinal(id: Int64, _ isFinal: Bool, now: Int64) throws {
        try connection.run("UPDATE guides SET final_at = CASE WHEN ? THEN coalesce(final_at, ?) ELSE NULL END WHERE id = ?",
                           isFinal, now, id)
    }

    public func setPublished(id: Int64, _ isPublished: Bool, now: Int64) throws {
        try connection.run(
            "UPDATE guides SET published_at = CASE WHEN ? THEN coalesce(published_at, ?) ELSE NULL END WHERE id = ?",
            isPublished, now, id)
    }
}
