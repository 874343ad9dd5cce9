// Applies numbered SQL migrations in order, each in its own transaction, refusing edited history.

/// Brings a database's schema up to date from a directory of `NNNN_name.sql` files.
///
/// Applied migrations are recorded in `schema_migrations` with the SHA-256 of their file. Before
/// applying anything, every recorded migration must still have its file, unchanged; a new file must
/// be numbered above every applied one. Each new file runs in its own `BEGIN IMMEDIATE`
/// transaction together with its record, and must leave no foreign-key violation behind.
/// So a file must not contain BEGIN, COMMIT or ROLLBACK, and PRAGMAs that are no-ops inside a
/// transaction (`foreign_keys`, `journal_mode`) have no effect there.
struct Migrator {
    let connection: Connection

    /// Applies pending migrations and returns their file names, in the order applied.
    func migrate(directory: String) throws -> [String] {
        let files = try MigrationFile.load(directory: directory)
        try createLedger()
        let applied = try appliedMigrations()
        let byVersion = Dictionary(files.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        for record in applied {
            guard let file = byVersion[record.version] else {
                throw MigrationError(
                    kind: .missing, file: record.name, reason: "version \(record.version) has no file in \(directory)")
            }
            guard file.name == record.name, file.checksum == record.checksum else {
                throw MigrationError(
                    kind: .edited, file: file.name,
                    reason: "recorded as \(record.name) with checksum \(record.checksum), now \(file.checksum)")
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        let highest = applied.map(\.version).max() ?? Int.min
        let pending = files.filter { !appliedVersions.contains($0.version) }
        if let early = pending.first(where: { $0.version < highest }) {
            throw MigrationError(
                kind: .outOfOrder, file: early.name, reason: "version \(highest) is already applied")
        }
        for file in pending { try apply(file) }
        return pending.map(\.name)
    }

    private struct Record {
        let version: Int
        let name: String
        let checksum: String
    }

    private func createLedger() throws {
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ) STRICT
            """)
    }

    private func appliedMigrations() throws -> [Record] {
        try connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version") {
            Record(version: $0.int(0), name: $0.text(1), checksum: $0.text(2))
        }
    }

    private func apply(_ file: MigrationFile) throws {
        do {
            try connection.transaction {
                try connection.execute(file.sql)
                let violations = try connection.query("PRAGMA foreign_key_check") { $0.text(0) }
                if let table = violations.first {
                    throw MigrationError(
                        kind: .failed, file: file.name,
                        reason: "leaves \(violations.count) foreign key violation(s), first in table \(table)")
                }
                try connection.run(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
                    file.version, file.name, file.checksum)
            }
        } catch let error as SQLiteError {
            throw MigrationError(kind: .failed, file: file.name, reason: error.message, underlying: error)
        }
    }
}
