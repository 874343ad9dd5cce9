// The fingerprint of the server key this database belongs to (the key itself is never stored).

/// Every SQL string for `server_key`: at most one row.
public struct ServerKeyStore {
    let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// The recorded fingerprint, or nil for a database that has never met a key.
    public func fingerprint() throws -> [UInt8]? {
        try connection.queryOne("SELECT fingerprint FROM server_key WHERE id = 1") { row in row.blob(0) }
    }

    /// Records `fingerprint` unless one is recorded already; returns the one recorded afterwards.
    public func adopt(fingerprint: [UInt8]) throws -> [UInt8] {
        try connection.run("INSERT INTO server_key (id, fingerprint) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", fingerprint)
        return try self.fingerprint() ?? fingerprint
    }
}
