// Bulk inserts for `groundswell seed`: reused prepared statements, many rows per call, counts precomputed.

/// One contributor row for a bulk load: a random `id` (rows inserted in ascending id order append to
/// the table's B-tree), the UTC day joined, and the keyed hash of a device token for the few people
/// a load test acts as (`deviceMAC`, as the App stores it); nil for the rest, who have no device.
public struct SeedContributor: Sendable {
    public var id: Int64
    public var shuffleSeed: UInt64
    public var joinedOn: Int64
    public var deviceMAC: [UInt8]?

    public init(id: Int64, shuffleSeed: UInt64, joinedOn: Int64, deviceMAC: [UInt8]?) {
        self.id = id
        self.shuffleSeed = shuffleSeed
        self.joinedOn = joinedOn
        self.deviceMAC = deviceMAC
    }
}

/// One contribution row with its counts already known, so no vote or comment has to update it.
public struct SeedContribution: Sendable {
    public var campaignID: Int64
    public var questionID: Int64
    public var contributorID: Int64
    public var phase: String
    public var title: String?
    public var body: String
    public var up: Int
    public var down: Int
    public var score: Double
    public var controversy: Double
    public var commentCount: Int
    public var createdAt: Int64

    public init(
        campaignID: Int64, questionID: Int64, contributorID: Int64, phase: String, title: String?, body: String,
        up: Int, down: Int, score: Double, controversy: Double, commentCount: Int, createdAt: Int64
    ) {
        self.campaignID = campaignID
        self.questionID = questionID
        self.contributorID = contributorID
        self.phase = phase
        self.title = title
        self.body = body
        self.up = up
        self.down = down
        self.score = score
        self.controversy = controversy
        self.commentCount = commentCount
        self.createdAt = createdAt
    }
}

/// One comment row; `parentID` is a comment already inserted on the same contribution.
public struct SeedComment: Sendable {
    public var contributionID: Int64
    public var parentID: Int64?
    public var contributorID: Int64
    public var body: String
    public var createdAt: Int64

    public init(contributionID: Int64, parentID: Int64?, contributorID: Int64, body: String, createdAt: Int64) {
        self.contributionID = contributionID
        self.parentID = parentID
        self.contributorID = contributorID
        self.body = body
        self.createdAt = createdAt
    }
}

/// Inserts generated rows fast. Run each call inside one `Database.write` (one transaction per
/// chunk of thousands of rows); each method prepares its statement once per call and only
/// rebinds per row. Counts on contributions are written as given: the caller keeps them true.
public struct SeedStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Inserts the contributors of `campaignID` (no profile: seeded campaigns ask no profile
    /// questions) and the devices of those that have one.
    public func insertContributors(campaignID: Int64, _ rows: [SeedContributor]) throws {
        let statement = try connection.prepare(
            "INSERT INTO contributors (id, campaign_id, joined_on, shuffle_seed) VALUES (?, ?, ?, ?)")
        for row in rows {
            statement.reset()
            try statement.bind(.integer(row.id), at: 1)
            try statement.bind(.integer(campaignID), at: 2)
            try statement.bind(.integer(row.joinedOn), at: 3)
            try statement.bind(.integer(Int64(bitPattern: row.shuffleSeed)), at: 4)
            while try statement.step() {}
        }
        statement.reset()
        for row in rows {
            if let mac = row.deviceMAC {
                try connection.run("INSERT INTO devices (token_mac, contributor_id) VALUES (?, ?)", mac, row.id)
            }
        }
    }

    /// Inserts visible contributions with their counts and returns their ids, in order.
    /// The full-text index is filled by the schema's insert trigger.
    public func insertContributions(_ rows: [SeedContribution]) throws -> [Int64] {
        let statement = try connection.prepare(
            """
            INSERT INTO contributions (campaign_id, question_id, contributor_id, phase, title, body,
                up, down, score, controversy, comment_count, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var ids: [Int64] = []
        ids.reserveCapacity(rows.count)
        for row in rows {
            statement.reset()
            try statement.bind(.integer(row.campaignID), at: 1)
            try statement.bind(.integer(row.questionID), at: 2)
            try statement.bind(.integer(row.contributorID), at: 3)
            try statement.bind(.text(row.phase), at: 4)
            try statement.bind(row.title.map(SQLValue.text) ?? .null, at: 5)
            try statement.bind(.text(row.body), at: 6)
            try statement.bind(.integer(Int64(row.up)), at: 7)
            try statement.bind(.integer(Int64(row.down)), at: 8)
            try statement.bind(.real(row.score), at: 9)
            try statement.bind(.real(row.controversy), at: 10)
            try statement.bind(.integer(Int64(row.commentCount)), at: 11)
            try statement.bind(.integer(row.createdAt), at: 12)
            while try statement.step() {}
            ids.append(connection.lastInsertRowID)
        }
        statement.reset()
        return ids
    }

    /// Inserts the votes `(contributionID, contributorID, value)` cast at `votedAt`. Rows sorted by
    /// contribution then contributor append to the primary key's B-tree instead of splitting it.
    public func insertVotes(_ rows: [(contributionID: Int64, contributorID: Int64, value: Int8)], votedAt: Int64) throws {
        let statement = try connection.prepare(
            "INSERT INTO votes (contribution_id, contributor_id, value, voted_at) VALUES (?, ?, ?, ?)")
        for row in rows {
            statement.reset()
            try statement.bind(.integer(row.contributionID), at: 1)
            try statement.bind(.integer(row.contributorID), at: 2)
            try statement.bind(.integer(Int64(row.value)), at: 3)
            try statement.bind(.integer(votedAt), at: 4)
            while try statement.step() {}
        }
        statement.reset()
    }

    /// Inserts visible comments and returns their ids, in order.
    public func insertComments(_ rows: [SeedComment]) throws -> [Int64] {
        let statement = try connection.prepare(
            "INSERT INTO comments (contribution_id, parent_id, contributor_id, body, created_at) VALUES (?, ?, ?, ?, ?)")
        var ids: [Int64] = []
        ids.reserveCapacity(rows.count)
        for row in rows {
            statement.reset()
            try statement.bind(.integer(row.contributionID), at: 1)
            try statement.bind(row.parentID.map(SQLValue.integer) ?? .null, at: 2)
            try statement.bind(.integer(row.contributorID), at: 3)
            try statement.bind(.text(row.body), at: 4)
            try statement.bind(.integer(row.createdAt), at: 5)
            while try statement.step() {}
            ids.append(connection.lastInsertRowID)
        }
        statement.reset()
        return ids
    }

    /// Tags contributions with themes (the published coding a campaign shows).
    public func insertContributionThemes(_ rows: [(contributionID: Int64, themeID: Int64)]) throws {
        let statement = try connection.prepare(
            "INSERT OR IGNORE INTO contribution_themes (contribution_id, theme_id) VALUES (?, ?)")
        for row in rows {
            statement.reset()
            try statement.bind(.integer(row.contributionID), at: 1)
            try statement.bind(.integer(row.themeID), at: 2)
            while try statement.step() {}
        }
        statement.reset()
    }
}
