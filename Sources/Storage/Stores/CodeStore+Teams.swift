// Coding teams and the campaign's coding settings: who codes as which coder, and how many teams per item.
import Campaigns

/// A coding team and its members' staff ids.
public struct CodingTeam: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var members: [Int64]
}

extension CodeStore {
    public func teams(campaignID: Int64) throws -> [CodingTeam] {
        try connection.query(
            """
            SELECT t.id, t.name, (SELECT group_concat(staff_id) FROM coding_team_members WHERE team_id = t.id)
            FROM coding_teams t WHERE t.campaign_id = ? ORDER BY t.id
            """, campaignID
        ) { row in CodingTeam(id: row.int(0), name: row.text(1), members: row.idList(2).sorted()) }
    }

    /// Creates a team, or replaces the members of the campaign's team of that name. A staff member
    /// is in at most one team per campaign, so they are removed from the campaign's other teams.
    public func setTeam(campaignID: Int64, name: String, members: [Int64], now: Int64) throws -> CodingTeam {
        try connection.run(
            "INSERT INTO coding_teams (campaign_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (campaign_id, name) DO NOTHING",
            campaignID, name, now)
        guard let id = try connection.queryOne(
            "SELECT id FROM coding_teams WHERE campaign_id = ? AND name = ?", campaignID, name, row: { $0.int64(0) })
        else { throw StoreError.notFound }
        try connection.run("DELETE FROM coding_team_members WHERE team_id = ?", id)
        for member in Set(members).sorted() {
            try connection.run(
                """
                DELETE FROM coding_team_members WHERE staff_id = ?
                  AND team_id IN (SELECT id FROM coding_teams WHERE campaign_id = ?)
                """, member, campaignID)
            try connection.run("INSERT INTO coding_team_members (team_id, staff_id) VALUES (?, ?)", id, member)
        }
        return CodingTeam(id: id, name: name, members: Set(members).sorted())
    }

    /// The coder key the analyst codes as in this campaign: `t<team>` or `s<staff>`.
    public func coder(staffID: Int64, campaignID: Int64) throws -> String {
        let team = try connection.queryOne(
            """
            SELECT m.team_id FROM coding_team_members m JOIN coding_teams t ON t.id = m.team_id
            WHERE m.staff_id = ? AND t.campaign_id = ?
            """, staffID, campaignID, row: { $0.int64(0) })
        return team.map { "t\($0)" } ?? "s\(staffID)"
    }

    /// How many teams must code each item (1 unless the campaign asked for 2).
    public func teamsPerItem(campaignID: Int64) throws -> Int {
        try connection.queryOne(
            "SELECT teams_per_item FROM analysis_settings WHERE campaign_id = ?", campaignID, row: { $0.int(0) }) ?? 1
    }

    public func setTeamsPerItem(campaignID: Int64, _ count: Int) throws {
        try connection.run(
            """
            INSERT INTO analysis_settings (campaign_id, teams_per_item) VALUES (?, ?)
            ON CONFLICT (campaign_id) DO UPDATE SET teams_per_item = excluded.teams_per_item
            """, campaignID, count)
    }
}
