// Staff accounts and their API tokens (the console's sign-in arrives with the admin issue).

public struct StaffStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Inserts a staff member; a taken name is a constraint error.
    public func create(
        name: String, role: String, passwordHash: [UInt8], salt: [UInt8], iterations: Int, now: Int64
    ) throws -> Int64 {
        try connection.run(
            """
            INSERT INTO staff (name, role, password_hash, salt, iterations, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, name, role, passwordHash, salt, iterations, now)
        return connection.lastInsertRowID
    }

    public func staffID(name: String) throws -> Int64? {
        try connection.queryOne("SELECT id FROM staff WHERE name = ?", name) { row -> Int64 in row.int(0) }
    }

    /// Stores the SHA-256 of a new Bearer token for `staffID`.
    public func addToken(staffID: Int64, tokenHash: [UInt8], label: String, now: Int64) throws {
        try connection.run(
            "INSERT INTO staff_tokens (staff_id, token_hash, label, created_at) VALUES (?, ?, ?, ?)",
            staffID, tokenHash, label, now)
    }
}
