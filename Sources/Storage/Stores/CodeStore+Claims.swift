// An analyst's queue and the claims on its items: what the team still has to code, and who is coding what now.
import Campaigns

extension CodeStore {
    /// Every item of one round a team still might code, for `CodebookSettlement.queue`: visible
    /// contributions of `phase`, neither reconciled nor machine-coded, each with its number of codes,
    /// whether `coder` has coded it, and who of `coder` holds a live claim on it.
    /// One pass over the round's items in id order (index `contributions_by_phase`), each with one
    /// seek into the codes (count × 2 + whether `coder`'s is among them) and one into the claims.
    public func queueEntries(
        campaignID: Int64, phase: PhaseKind, coder: String, staffID: Int64, now: Int64
    ) throws -> [QueueEntry] {
        try connection.query(
            """
            SELECT c.id,
                   (SELECT (count(*) << 1) | coalesce(max(k.coder = ?3), 0) FROM codes k WHERE k.contribution_id = c.id),
                   (SELECT l.staff_id FROM coding_claims l
                    WHERE l.contribution_id = c.id AND l.coder = ?3 AND l.expires_at > ?4)
            FROM contributions c
            WHERE c.campaign_id = ?1 AND c.phase = ?2 AND c.state = 'visible'
              AND NOT EXISTS (SELECT 1 FROM reconciliations r WHERE r.contribution_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM machine_codes m WHERE m.contribution_id = c.id)
            ORDER BY c.id
            """, campaignID, phase.rawValue, coder, now
        ) { row in
            let holder = row.optionalInt(2)
            let codes: Int = row.int(1)
            return QueueEntry(
                id: row.int(0), codes: codes >> 1, codedByTeam: codes & 1 == 1,
                claim: holder == nil ? .none : holder == staffID ? .mine : .teammate)
        }
    }

    /// Claims `ids` for the analyst until `until`, taking over only lapsed claims or their own, and
    /// returns the ids they now hold. Their other claims in the campaign's round lapse: an analyst
    /// holds one page at a time.
    public func claim(
        _ ids: [Int64], coder: String, staffID: Int64, campaignID: Int64, phase: PhaseKind, until: Int64, now: Int64
    ) throws -> Set<Int64> {
        try connection.run(
            """
            DELETE FROM coding_claims WHERE staff_id = ? AND coder = ?
              AND contribution_id IN (SELECT id FROM contributions WHERE campaign_id = ? AND phase = ?)
            """, staffID, coder, campaignID, phase.rawValue)
        for id in ids {
            try connection.run(
                """
                INSERT INTO coding_claims (contribution_id, coder, staff_id, expires_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (contribution_id, coder) DO UPDATE
                SET staff_id = excluded.staff_id, expires_at = excluded.expires_at
                WHERE coding_claims.expires_at <= ? OR coding_claims.staff_id = excluded.staff_id
                """, id, coder, staffID, until, now)
        }
        var held: Set<Int64> = []
        for id in ids {
            let holder = try connection.queryOne(
                "SELECT staff_id FROM coding_claims WHERE contribution_id = ? AND coder = ?", id, coder,
                row: { $0.int64(0) })
            if holder == staffID { held.insert(id) }
        }
        return held
    }

    /// Gives back every claim the analyst holds in the campaign (their queue empties for the team).
    public func releaseClaims(staffID: Int64, campaignID: Int64) throws {
        try connection.run(
            """
            DELETE FROM coding_claims WHERE staff_id = ?
              AND contribution_id IN (SELECT id FROM contributions WHERE campaign_id = ?)
            """, staffID, campaignID)
    }

    /// The live claim on an item by another analyst of `coder` than `staffID`: when it lapses, or nil.
    public func teammateClaim(contributionID: Int64, coder: String, staffID: Int64, now: Int64) throws -> Int64? {
        try connection.queryOne(
            """
            SELECT expires_at FROM coding_claims
            WHERE contribution_id = ? AND coder = ? AND staff_id <> ? AND expires_at > ?
            """, contributionID, coder, staffID, now, row: { $0.int64(0) })
    }
}
