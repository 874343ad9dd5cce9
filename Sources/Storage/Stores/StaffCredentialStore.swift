// Staff sign-in material: personal API tokens (revocable) and browser sessions (expiring), both stored hashed.

/// Every SQL string for `staff_tokens` and `staff_sessions`. Callers pass SHA-256 hashes only;
/// lookups go through the unique hash index and the App compares the found hash in constant time.
public struct StaffCredentialStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    // MARK: API tokens

    public func addToken(staffID: Int64, tokenHash: [UInt8], label: String, now: Int64) throws -> Int64 {
        try connection.run(
            "INSERT INTO staff_tokens (staff_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)",
            staffID, tokenHash, label, now)
        return connection.lastInsertRowID
    }

    /// The unrevoked token with this hash: (token id, owner id, stored hash).
    public func activeToken(hash: [UInt8]) throws -> (id: Int64, staffID: Int64, hash: [UInt8])? {
        try connection.queryOne(
            "SELECT id, staff_id, token_hash FROM staff_tokens WHERE token_hash = ? AND revoked_at IS NULL", hash
        ) { row in (id: row.int(0), staffID: row.int(1), hash: row.blob(2)) }
    }

    public func tokens(staffID: Int64) throws -> [StaffTokenRecord] {
        try connection.query(
            "SELECT id, staff_id, label, created_at, revoked_at FROM staff_tokens WHERE staff_id = ? ORDER BY id", staffID
        ) { row in
            StaffTokenRecord(
                id: row.int(0), staffID: row.int(1), label: row.text(2), createdAt: row.int(3), revokedAt: row.optionalInt(4))
        }
    }

    /// Revokes token `id` of `staffID`; returns whether a live token was revoked now.
    public func revokeToken(id: Int64, staffID: Int64, now: Int64) throws -> Bool {
        try connection.run(
            "UPDATE staff_tokens SET revoked_at = ? WHERE id = ? AND staff_id = ? AND revoked_at IS NULL", now, id, staffID)
        return connection.changes == 1
    }

    // MARK: Sessions

    /// Stores a new session and drops the account's expired ones.
    public func addSession(staffID: Int64, tokenHash: [UInt8], now: Int64, expiresAt: Int64) throws {
        try connection.run("DELETE FROM staff_sessions WHERE staff_id = ? AND expires_at <= ?", staffID, now)
        try connection.run(
            "INSERT INTO staff_sessions (staff_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
            staffID, tokenHash, now, expiresAt)
    }

    /// The session with this hash that has not expired at `now`: (owner id, stored hash).
    public func liveSession(hash: [UInt8], now: Int64) throws -> (staffID: Int64, hash: [UInt8])? {
        try connection.queryOne(
            "SELECT staff_id, token_hash FROM staff_sessions WHERE token_hash = ? AND expires_at > ?", hash, now
        ) { row in (staffID: row.int(0), hash: row.blob(1)) }
    }

    public func endSession(hash: [UInt8]) throws {
        try connection.run("DELETE FROM staff_sessions WHERE token_hash = ?", hash)
    }
}
