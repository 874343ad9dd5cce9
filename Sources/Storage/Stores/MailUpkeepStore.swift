// Every SQL string for mail's daily work: the reply digest's bookmark and its authors, and deleting what expired.

public struct MailUpkeepStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// When the reply digest last ran; nil before the first time.
    public func lastDigest() throws -> Int64? {
        try connection.queryOne("SELECT last_run FROM mail_digest WHERE id = 1") { $0.int64(0) }
    }

    public func setLastDigest(_ at: Int64) throws {
        try connection.run(
            "INSERT INTO mail_digest (id, last_run) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET last_run = excluded.last_run", at)
    }

    /// Every contribution and comment of a live campaign that got a visible reply from someone else in
    /// `[since, until)`, as `(campaign, its author)`: one pair per replied item, so an author with two
    /// replied ideas appears twice. (One per author would tell whoever counts the queue that two ideas
    /// share an author: PRIVACY.md, "Mail".)
    public func repliedItems(since: Int64, until: Int64) throws -> [(campaignID: Int64, contributorID: Int64)] {
        try connection.query(
            """
            SELECT 'contribution', k.id, k.campaign_id, k.contributor_id FROM comments m
            JOIN contributions k ON k.id = m.contribution_id JOIN campaigns c ON c.id = k.campaign_id
            WHERE m.created_at >= ?1 AND m.created_at < ?2 AND m.state = 'visible' AND c.state = 'live'
              AND k.contributor_id IS NOT NULL AND m.contributor_id IS NOT k.contributor_id
            UNION
            SELECT 'comment', p.id, k.campaign_id, p.contributor_id FROM comments m JOIN comments p ON p.id = m.parent_id
            JOIN contributions k ON k.id = m.contribution_id JOIN campaigns c ON c.id = k.campaign_id
            WHERE m.created_at >= ?1 AND m.created_at < ?2 AND m.state = 'visible' AND c.state = 'live'
              AND p.contributor_id IS NOT NULL AND m.contributor_id IS NOT p.contributor_id
            ORDER BY 3, 4, 1, 2
            """, since, until
        ) { row in (campaignID: row.int64(2), contributorID: row.int64(3)) }
    }

    /// Whether an invitation's retention ended by UTC day `today`, or an archived campaign still holds an address.
    public func anythingToDelete(today: Int64) throws -> Bool {
        let archived = "SELECT id FROM campaigns WHERE state = 'archived'"
        return try connection.queryOne(
            """
            SELECT EXISTS (SELECT 1 FROM invitations WHERE delete_on <= ?)
                OR EXISTS (SELECT 1 FROM invitations WHERE campaign_id IN (\(archived)))
                OR EXISTS (SELECT 1 FROM invitation_requests WHERE campaign_id IN (\(archived)))
                OR EXISTS (SELECT 1 FROM contributor_addresses a JOIN contributors c ON c.id = a.contributor_id
                           WHERE c.campaign_id IN (\(archived)))
            """, today
        ) { $0.bool(0) } ?? false
    }

    /// Deletes every address an archived campaign still holds (archiving deletes them at once; this
    /// catches a campaign archived by another process). Returns whether anything was deleted.
    public func forgetArchivedCampaigns() throws -> Bool {
        let archived = "SELECT id FROM campaigns WHERE state = 'archived'"
        try connection.run("DELETE FROM invitations WHERE campaign_id IN (\(archived))")
        var changed = connection.changes > 0
        try connection.run("DELETE FROM invitation_requests WHERE campaign_id IN (\(archived))")
        changed = changed || connection.changes > 0
        try connection.run(
            "DELETE FROM contributor_addresses WHERE contributor_id IN (SELECT id FROM contributors WHERE campaign_id IN (\(archived)))")
        return changed || connection.changes > 0
    }
}
