// Outcomes of ideas and their implementation updates: what the progress page and the exports read.
import Campaigns

/// One status given to an idea, with its official response.
public struct OutcomeEntry: Sendable, Equatable {
    public var id: Int64
    public var contributionID: Int64
    public var status: OutcomeStatus
    public var response: String
    /// Staff-side time of the change (the public sees its day).
    public var createdAt: Int64
}

/// One implementation update on an adopted idea.
public struct ProgressUpdate: Sendable, Equatable {
    public var id: Int64
    public var contributionID: Int64
    public var role: String
    public var site: String
    public var note: String
    public var percent: Int?
    /// The day the update is about, `YYYY-MM-DD`, as the trust reports it.
    public var notedOn: String
}

/// An update to add: everything but the id.
public struct NewProgressUpdate: Sendable, Equatable {
    public var contributionID: Int64
    public var role: String
    public var site: String
    public var note: String
    public var percent: Int?
    public var notedOn: String

    public init(contributionID: Int64, role: String, site: String, note: String, percent: Int?, notedOn: String) {
        self.contributionID = contributionID
        self.role = role
        self.site = site
        self.note = note
        self.percent = percent
        self.notedOn = notedOn
    }
}

/// An idea the progress page may list: visible, from Answer, with a status set or a shortlist place.
public struct ProgressIdea: Sendable, Equatable {
    public var id: Int64
    public var title: String?
    public var body: String
    public var rounds: Set<ShortlistRound>
    /// Its published guide, if it has one.
    public var guideID: Int64?
}

public struct OutcomeStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    private static let entryColumns = "id, contribution_id, status, response, created_at"

    private static func entry(_ row: Row) throws -> OutcomeEntry {
        OutcomeEntry(
            id: row.int(0), contributionID: row.int(1),
            status: try row.enumeration(2, OutcomeStatus.self, table: "outcomes", column: "status"),
            response: row.text(3), createdAt: row.int(4))
    }

    /// The idea's latest status, if staff ever set one.
    public func current(contributionID: Int64) throws -> OutcomeEntry? {
        try connection.queryOne(
            "SELECT \(Self.entryColumns) FROM outcomes WHERE contribution_id = ? ORDER BY id DESC LIMIT 1",
            contributionID, row: Self.entry)
    }

    /// Records a new status with its response; the latest row is the idea's current status.
    public func setStatus(campaignID: Int64, contributionID: Int64, status: OutcomeStatus, response: String,
                          staffID: Int64?, now: Int64) throws -> OutcomeEntry {
        try connection.queryOne(
            """
            INSERT INTO outcomes (campaign_id, contribution_id, status, response, staff_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING \(Self.entryColumns)
            """, campaignID, contributionID, status.rawValue, response, staffID, now, row: Self.entry)
            ?? { throw StoreError.corrupt(table: "outcomes", column: "id") }()
    }

    /// Every status change of the campaign's ideas, oldest first.
    public func history(campaignID: Int64) throws -> [OutcomeEntry] {
        try connection.query(
            "SELECT \(Self.entryColumns) FROM outcomes WHERE campaign_id = ? ORDER BY id", campaignID, row: Self.entry)
    }

    /// One idea's status changes, oldest first.
    public func history(contributionID: Int64) throws -> [OutcomeEntry] {
        try connection.query(
            "SELECT \(Self.entryColumns) FROM outcomes WHERE contribution_id = ? ORDER BY id", contributionID,
            row: Self.entry)
    }

    private static let updateColumns = "id, contribution_id, role, site, note, percent, noted_on"

    private static func update(_ row: Row) -> ProgressUpdate {
        ProgressUpdate(
            id: row.int(0), contributionID: row.int(1), role: row.text(2), site: row.text(3), note: row.text(4),
            percent: row.optionalInt(5).map { Int($0) }, notedOn: row.text(6))
    }

    @discardableResult
    public func addUpdate(campaignID: Int64, _ update: NewProgressUpdate, staffID: Int64?, now: Int64) throws -> ProgressUpdate {
        try connection.queryOne(
            """
            INSERT INTO progress_updates (campaign_id, contribution_id, role, site, note, percent, noted_on, staff_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING \(Self.updateColumns)
            """, campaignID, update.contributionID, update.role, update.site, update.note, update.percent.map { Int64($0) },
            update.notedOn, staffID, now, row: Self.update)
            ?? { throw StoreError.corrupt(table: "progress_updates", column: "id") }()
    }

    /// The campaign's implementation updates, by idea, then the day they are about.
    public func updates(campaignID: Int64) throws -> [ProgressUpdate] {
        try connection.query(
            """
            SELECT \(Self.updateColumns) FROM progress_updates WHERE campaign_id = ?
            ORDER BY contribution_id, noted_on, id
            """, campaignID, row: Self.update)
    }

    /// One idea's implementation updates, by the day they are about.
    public func updates(contributionID: Int64) throws -> [ProgressUpdate] {
        try connection.query(
            "SELECT \(Self.updateColumns) FROM progress_updates WHERE contribution_id = ? ORDER BY noted_on, id",
            contributionID, row: Self.update)
    }

    /// The ideas the progress page lists, oldest first: visible Answer contributions with a status
    /// or a shortlist place.
    public func progressIdeas(campaignID: Int64) throws -> [ProgressIdea] {
        try connection.query(
            """
            SELECT c.id, c.title, c.body,
                   (SELECT group_concat(r.round) FROM shortlist_entries e JOIN shortlist_rounds r ON r.id = e.round_id
                    WHERE e.contribution_id = c.id),
                   (SELECT g.id FROM guides g WHERE g.contribution_id = c.id AND g.published_at IS NOT NULL)
            FROM contributions c
            WHERE c.campaign_id = ?1 AND c.phase = 'answer' AND c.state = 'visible'
              AND (EXISTS (SELECT 1 FROM outcomes o WHERE o.contribution_id = c.id)
                   OR EXISTS (SELECT 1 FROM shortlist_entries e JOIN shortlist_rounds r ON r.id = e.round_id
                              WHERE e.contribution_id = c.id AND r.campaign_id = ?1))
            ORDER BY c.id
            """, campaignID
        ) { row in
            ProgressIdea(
                id: row.int(0), title: row.optionalText(1), body: row.text(2),
                rounds: Set(row.idList(3).compactMap { ShortlistRound(number: Int($0)) }), guideID: row.optionalInt(4))
        }
    }

    /// Who has taken part in the idea — its author, its voters (folded or still in the vote journal)
    /// and its commenters — for the outcome alerts hook. Inside the server only, never in a response.
    public func audience(contributionID: Int64) throws -> [Int64] {
        try connection.query(
            """
            SELECT contributor_id FROM contributions WHERE id = ?1 AND contributor_id IS NOT NULL
            UNION SELECT contributor_id FROM votes WHERE contribution_id = ?1
            UNION SELECT contributor_id FROM vote_journal WHERE contribution_id = ?1 AND value <> 0
            UNION SELECT contributor_id FROM comments WHERE contribution_id = ?1 AND contributor_id IS NOT NULL
            ORDER BY 1
            """, contributionID
        ) { $0.int64(0) }
    }

    /// How many of the campaign's ideas currently have each status (those staff set).
    public func currentCounts(campaignID: Int64) throws -> [OutcomeStatus: Int] {
        let rows = try connection.query(
            """
            SELECT o.status, count(*) FROM outcomes o
            WHERE o.campaign_id = ? AND o.id = (SELECT max(id) FROM outcomes WHERE contribution_id = o.contribution_id)
            GROUP BY o.status
            """, campaignID
        ) { row in (try row.enumeration(0, OutcomeStatus.self, table: "outcomes", column: "status"), row.int(1) as Int) }
        return Dictionary(rows, uniquingKeysWith: +)
    }
}
