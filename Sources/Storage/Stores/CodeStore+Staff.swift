// Resolving a staff bearer token or session to a staff member, for the analysis routes until the
// admin layer's own staff authentication is merged (then this file goes).

/// A signed-in staff member as the analysis routes need them.
public struct AnalysisStaff: Sendable, Equatable {
    public var id: Int64
    public var name: String
    /// `admin`, `facilitator`, `analyst` or `organiser`.
    public var role: String
    /// Campaign ids the member is assigned to (admins may act on every campaign).
    public var campaigns: Set<Int64>
}

extension CodeStore {
    /// The enabled staff member whose API token or unexpired session hashes to `tokenHash`.
    public func staff(tokenHash: [UInt8], now: Int64) throws -> AnalysisStaff? {
        guard let (id, name, role) = try connection.queryOne(
            """
            SELECT s.id, s.name, s.role FROM staff s
            WHERE s.disabled_at IS NULL AND s.id IN (
                SELECT staff_id FROM staff_tokens WHERE token_hash = ? AND revoked_at IS NULL
                UNION ALL SELECT staff_id FROM staff_sessions WHERE token_hash = ? AND expires_at > ?)
            """, tokenHash, tokenHash, now, row: { row in (row.int64(0), row.text(1), row.text(2)) })
        else { return nil }
        let campaigns = try connection.query(
            "SELECT campaign_id FROM staff_campaigns WHERE staff_id = ?", id, row: { $0.int64(0) })
        return AnalysisStaff(id: id, name: name, role: role, campaigns: Set(campaigns))
    }
}
