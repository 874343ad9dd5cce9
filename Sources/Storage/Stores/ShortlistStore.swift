// Selections of ideas into the prioritise, act and published rounds, each with its reason.
import Campaigns

/// One idea's place in one round.
public struct ShortlistEntry: Sendable, Equatable {
    public var contributionID: Int64
    public var round: ShortlistRound
    public var reason: String
    public var staffID: Int64?
    public var createdAt: Int64
}

public struct ShortlistStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Adds the idea to the round (creating the round on first use); selecting it again updates the reason.
    public func add(campaignID: Int64, round: ShortlistRound, contributionID: Int64, reason: String,
                    staffID: Int64?, now: Int64) throws {
        try connection.run(
            """
            INSERT INTO shortlist_rounds (campaign_id, round, created_at) VALUES (?, ?, ?)
            ON CONFLICT (campaign_id, round) DO NOTHING
            """, campaignID, round.number, now)
        try connection.run(
            """
            INSERT INTO shortlist_entries (round_id, contribution_id, reason, staff_id, created_at)
            SELECT id, ?, ?, ?, ? FROM shortlist_rounds WHERE campaign_id = ? AND round = ?
            ON CONFLICT (round_id, contribution_id) DO UPDATE SET reason = excluded.reason
            """, contributionID, reason, staffID, now, campaignID, round.number)
    }

    /// Removes the idea from the round; returns whether it was there.
    public func remove(campaignID: Int64, round: ShortlistRound, contributionID: Int64) throws -> Bool {
        try connection.run(
            """
            DELETE FROM shortlist_entries WHERE contribution_id = ?
              AND round_id = (SELECT id FROM shortlist_rounds WHERE campaign_id = ? AND round = ?)
            """, contributionID, campaignID, round.number)
        return connection.changes > 0
    }

    /// Every selection of the campaign, by round then selection order.
    public func entries(campaignID: Int64) throws -> [ShortlistEntry] {
        try connection.query(
            """
            SELECT e.contribution_id, r.round, e.reason, e.staff_id, e.created_at
            FROM shortlist_entries e JOIN shortlist_rounds r ON r.id = e.round_id
            WHERE r.campaign_id = ? ORDER BY r.round, e.created_at, e.contribution_id
            """, campaignID
        ) { row in
            guard let round = ShortlistRound(number: row.int(1)) else {
                throw StoreError.corrupt(table: "shortlist_rounds", column: "round")
            }
            return ShortlistEntry(
                contributionID: row.int(0), round: round, reason: row.text(2), staffID: row.optionalInt(3),
                createdAt: row.int(4))
        }
    }

    public func contains(campaignID: Int64, round: ShortlistRound, contributionID: Int64) throws -> Bool {
        try connection.queryOne(
            """
            SELECT 1 FROM shortlist_entries e JOIN shortlist_rounds r ON r.id = e.round_id
            WHERE r.campaign_id = ? AND r.round = ? AND e.contribution_id = ?
            """, campaignID, round.number, contributionID, row: { _ in true }) ?? false
    }

    /// The rounds one idea is in.
    public func rounds(contributionID: Int64) throws -> [ShortlistRound] {
        try connection.query(
            """
            SELECT r.round FROM shortlist_entries e JOIN shortlist_rounds r ON r.id = e.round_id
            WHERE e.contribution_id = ? ORDER BY r.round
            """, contributionID
        ) { row in ShortlistRound(number: row.int(0)) }.compactMap { $0 }
    }
}
