// An analyst's queue and the claims on its items: what the team still has to code, and who is coding what now.
import Campaigns

extension CodeStore {
    /// Every item of one round a team still might code, for `CodebookSettlement.queue`: visible
    /// contributions of `phase`, neither reconciled nor machine-coded, each with its number of codes,
    /// whether `coder` has coded it, and who of `coder` holds a live claim on it.
    /// Five range reads instead of four seeks per item (issue 20: the queue's p99 at 10,000 items): the
    /// round's ids in id order (covering index `contributions_by_phase`), then the codes, settlements,
    /// machine codes and claims whose contribution id falls between the first and the last, each one
    /// ordered scan; rows of other campaigns' contributions in that range are never looked up.
    public func queueEntries(
        campaignID: Int64, phase: PhaseKind, coder: String, staffID: Int64, now: Int64
    ) throws -> [QueueEntry] {
        let ids = try connection.query(
            """
            SELECT id FROM contributions
            WHERE campaign_id = ? AND phase = ? AND state = 'visible' ORDER BY id
            """, campaignID, phase.rawValue
        ) { $0.int64(0) }
        guard let first = ids.first, let last = ids.last else { return [] }
        var codes: [Int64: (count: Int, byCoder: Bool)] = [:]
        for (id, count, byCoder) in try connection.query(
            """
            SELECT contribution_id, count(*), coalesce(max(coder = ?3), 0) FROM codes
            WHERE contribution_id BETWEEN ?1 AND ?2 GROUP BY contribution_id
            """, first, last, coder, row: { ($0.int64(0), $0.int(1) as Int, $0.int(2) as Int == 1) }) {
            codes[id] = (count, byCoder)
        }
        var settled = Set(try connection.query(
            "SELECT contribution_id FROM reconciliations WHERE contribution_id BETWEEN ? AND ?", first, last
        ) { $0.int64(0) })
        settled.formUnion(try connection.query(
            "SELECT contribution_id FROM machine_codes WHERE contribution_id BETWEEN ? AND ?", first, last
        ) { $0.int64(0) })
        var claims: [Int64: Int64] = [:]
        for (id, holder) in try connection.query(
            """
            SELECT contribution_id, staff_id FROM coding_claims
            WHERE contribution_id BETWEEN ? AND ? AND coder = ? AND expires_at > ?
            """, first, last, coder, now, row: { ($0.int64(0), $0.int64(1)) }) {
            claims[id] = holder
        }
        return ids.compactMap { id in
            guard !settled.contains(id) else { return nil }
            let coded = codes[id]
            let holder = claims[id]
            return QueueEntry(
                id: id, codes: coded?.count ?? 0, codedByTeam: coded?.byCoder ?? false,
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
