// Released profile statistics: one snapshot per release time, over the contributors who joined before it.

/// One release of a campaign's profile statistics (`StatisticsRelease` decides when).
public struct ReleaseRecord: Sendable, Equatable {
    public var campaignID: Int64
    /// 00:00 UTC of the day whose start it describes the campaign at.
    public var releasedAt: Int64
    /// Contributors who had joined by then.
    public var participants: Int
    /// How many of them gave each whole combination of answers (a key the App makes), before any
    /// suppression: what is shown is decided when it is read, with the k of the day.
    public var groups: [String: Int]

    public init(campaignID: Int64, releasedAt: Int64, participants: Int, groups: [String: Int]) {
        self.campaignID = campaignID
        self.releasedAt = releasedAt
        self.participants = participants
        self.groups = groups
    }
}

/// Every SQL string for `statistics_releases` and their groups.
public struct StatisticsReleaseStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// The campaign's most recent release, or nil before the first.
    public func latest(campaignID: Int64) throws -> ReleaseRecord? {
        guard let (releasedAt, participants) = try connection.queryOne(
            "SELECT released_at, participants FROM statistics_releases WHERE campaign_id = ? ORDER BY released_at DESC LIMIT 1",
            campaignID, row: { row -> (Int64, Int) in (row.int(0), row.int(1)) })
        else { return nil }
        let groups = try connection.query(
            "SELECT combination, participants FROM statistics_release_groups WHERE campaign_id = ? AND released_at = ?",
            campaignID, releasedAt
        ) { row -> (String, Int) in (row.text(0), row.int(1)) }
        return ReleaseRecord(
            campaignID: campaignID, releasedAt: releasedAt, participants: participants,
            groups: Dictionary(groups, uniquingKeysWith: { first, _ in first }))
    }

    public func add(_ release: ReleaseRecord) throws {
        try connection.run(
            "INSERT INTO statistics_releases (campaign_id, released_at, participants) VALUES (?, ?, ?)",
            release.campaignID, release.releasedAt, release.participants)
        for (combination, count) in release.groups.sorted(by: { $0.key < $1.key }) where count > 0 {
            try connection.run(
                """
                INSERT INTO statistics_release_groups (campaign_id, released_at, combination, participants)
                VALUES (?, ?, ?, ?)
                """, release.campaignID, release.releasedAt, combination, count)
        }
    }

    /// Contributors of the campaign who joined before day `beforeDay` (Unix days).
    public func participants(campaignID: Int64, beforeDay: Int64) throws -> Int {
        try connection.queryOne(
            "SELECT count(*) FROM contributors WHERE campaign_id = ? AND joined_on < ?", campaignID, beforeDay
        ) { row -> Int in row.int(0) } ?? 0
    }

    /// Live campaigns, by id: the ones releases are made for.
    public func liveCampaignIDs() throws -> [Int64] {
        try connection.query("SELECT id FROM campaigns WHERE state = 'live' ORDER BY id") { row in row.int(0) }
    }
}
