// Staff accounts: create, find by name or id, list, change role, limit to campaigns, disable.

/// Every SQL string for the `staff` and `staff_campaigns` tables.
public struct StaffStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    private static let columns = "id, name, role, password_hash, salt, iterations, created_at, disabled_at"

    private func record(_ row: Row) throws -> StaffRecord {
        let id: Int64 = row.int(0)
        return StaffRecord(
            id: id, name: row.text(1), role: try row.enumeration(2, StaffRole.self, table: "staff", column: "role"),
            passwordHash: row.blob(3), salt: row.blob(4), iterations: row.int(5), createdAt: row.int(6),
            disabledAt: row.optionalInt(7), campaignIDs: [])
    }

    private func withCampaigns(_ record: StaffRecord?) throws -> StaffRecord? {
        guard var record else { return nil }
        record.campaignIDs = try campaignIDs(staffID: record.id)
        return record
    }

    public func staff(name: String) throws -> StaffRecord? {
        try withCampaigns(try connection.queryOne("SELECT \(Self.columns) FROM staff WHERE name = ?", name, row: record))
    }

    public func staff(id: Int64) throws -> StaffRecord? {
        try withCampaigns(try connection.queryOne("SELECT \(Self.columns) FROM staff WHERE id = ?", id, row: record))
    }

    /// Every account, by name.
    public func all() throws -> [StaffRecord] {
        try connection.query("SELECT \(Self.columns) FROM staff ORDER BY name", row: record).compactMap(withCampaigns)
    }

    public func count() throws -> Int {
        try connection.queryOne("SELECT count(*) FROM staff") { row -> Int in row.int(0) } ?? 0
    }

    /// Inserts the account; a taken name fails with SQLite's UNIQUE constraint (`isConstraint`).
    public func create(_ new: NewStaff, now: Int64) throws -> Int64 {
        try connection.run(
            "INSERT INTO staff (name, role, password_hash, salt, iterations, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            new.name, new.role.rawValue, new.passwordHash, new.salt, new.iterations, now)
        let id = connection.lastInsertRowID
        try setCampaigns(staffID: id, new.campaignIDs)
        return id
    }

    public func setRole(staffID: Int64, _ role: StaffRole) throws {
        try connection.run("UPDATE staff SET role = ? WHERE id = ?", role.rawValue, staffID)
        guard connection.changes == 1 else { throw StoreError.notFound }
    }

    public func setPassword(staffID: Int64, hash: [UInt8], salt: [UInt8], iterations: Int) throws {
        try connection.run(
            "UPDATE staff SET password_hash = ?, salt = ?, iterations = ? WHERE id = ?", hash, salt, iterations, staffID)
        guard connection.changes == 1 else { throw StoreError.notFound }
    }

    /// Disables the account and ends its sessions and tokens at once.
    public func disable(staffID: Int64, now: Int64) throws {
        try connection.run("UPDATE staff SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", now, staffID)
        _ = try revokeCredentials(staffID: staffID, now: now)
    }

    /// Ends every sign-in session of the account and revokes every API token it still has (a lost laptop, a leaked
    /// token), leaving the account itself as it was. Returns how many tokens were revoked.
    public func revokeCredentials(staffID: Int64, now: Int64) throws -> Int {
        try connection.run("DELETE FROM staff_sessions WHERE staff_id = ?", staffID)
        try connection.run("UPDATE staff_tokens SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL", now, staffID)
        return connection.changes
    }

    public func campaignIDs(staffID: Int64) throws -> [Int64] {
        try connection.query(
            "SELECT campaign_id FROM staff_campaigns WHERE staff_id = ? ORDER BY campaign_id", staffID
        ) { row -> Int64 in row.int(0) }
    }

    /// Limits the account to `campaignIDs` (empty: every campaign).
    public func setCampaigns(staffID: Int64, _ campaignIDs: [Int64]) throws {
        try connection.run("DELETE FROM staff_campaigns WHERE staff_id = ?", staffID)
        for id in Set(campaignIDs).sorted() {
            try connection.run("INSERT INTO staff_campaigns (staff_id, campaign_id) VALUES (?, ?)", staffID, id)
        }
    }
}
