// Stories: the story row beside its official contribution, and the campaign's stories for its page.

/// What makes an official contribution a story.
public struct StoryRecord: Sendable, Equatable {
    public var contributionID: Int64
    public var byline: String
    public var linkURL: String?
    public var linkLabel: String?

    public init(contributionID: Int64, byline: String, linkURL: String?, linkLabel: String?) {
        self.contributionID = contributionID
        self.byline = byline
        self.linkURL = linkURL
        self.linkLabel = linkLabel
    }
}

public struct StoryStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    public func add(_ story: StoryRecord, staffID: Int64?) throws {
        try connection.run(
            "INSERT INTO stories (contribution_id, byline, link_url, link_label, staff_id) VALUES (?, ?, ?, ?, ?)",
            story.contributionID, story.byline, story.linkURL, story.linkLabel, staffID)
    }

    public func update(_ story: StoryRecord) throws {
        try connection.run(
            "UPDATE stories SET byline = ?, link_url = ?, link_label = ? WHERE contribution_id = ?",
            story.byline, story.linkURL, story.linkLabel, story.contributionID)
    }

    public func story(contributionID: Int64) throws -> StoryRecord? {
        try connection.queryOne(
            "SELECT contribution_id, byline, link_url, link_label FROM stories WHERE contribution_id = ?", contributionID
        ) { row in
            StoryRecord(contributionID: row.int(0), byline: row.text(1), linkURL: row.optionalText(2), linkLabel: row.optionalText(3))
        }
    }

    /// The campaign's stories the crowd can read, newest first.
    public func visibleStories(campaignID: Int64) throws -> [StoryRecord] {
        try connection.query(
            """
            SELECT s.contribution_id, s.byline, s.link_url, s.link_label FROM stories s
            JOIN contributions c ON c.id = s.contribution_id
            WHERE c.campaign_id = ? AND c.state = 'visible' ORDER BY c.id DESC
            """, campaignID
        ) { row in
            StoryRecord(contributionID: row.int(0), byline: row.text(1), linkURL: row.optionalText(2), linkLabel: row.optionalText(3))
        }
    }

    /// Export pages: every story of the campaign, by id (staff exports; open data keeps the visible ones).
    public func exportPage(campaignID: Int64, after: Int64, limit: Int, publicOnly: Bool) throws -> [StoryRecord] {
        try connection.query(
            """
            SELECT s.contribution_id, s.byline, s.link_url, s.link_label FROM stories s
            JOIN contributions c ON c.id = s.contribution_id
            WHERE c.campaign_id = ?1 AND s.contribution_id > ?2 AND (?4 = 0 OR c.state = 'visible')
            ORDER BY s.contribution_id LIMIT ?3
            """, campaignID, after, limit, publicOnly
        ) { row in
            StoryRecord(contributionID: row.int(0), byline: row.text(1), linkURL: row.optionalText(2), linkLabel: row.optionalText(3))
        }
    }
}
