// Online backup and integrity checks, both run on a reader so writers carry on.
import CSQLite

extension Database {
    /// Copies the whole database to `path` (replacing what is there) while writes continue.
    ///
    /// Uses the online backup API in a single step (-1 pages), which copies one consistent
    /// snapshot under a read transaction; in WAL mode that read does not block the writer, and the
    /// single step means concurrent writes cannot make the backup restart.
    /// <https://www.sqlite.org/backup.html>
    public func backup(to path: String) throws {
        try withReader { source in
            let sourceHandle = try source.live()
            var destination: OpaquePointer?
            let openCode = sqlite3_open_v2(
                path, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
            defer { sqlite3_close_v2(destination) }
            guard openCode == SQLITE_OK, let destination else {
                throw SQLiteError(resultCode: openCode, handle: destination)
            }
            sqlite3_extended_result_codes(destination, 1)
            guard let backup = sqlite3_backup_init(destination, "main", sourceHandle, "main") else {
                throw SQLiteError(resultCode: sqlite3_errcode(destination), handle: destination)
            }
            // Busy or locked means another process holds the destination (or, rarely, the source);
            // retry for about busyTimeoutMilliseconds, then give up with that error.
            var stepCode = SQLITE_OK
            var retries = max(1, options.busyTimeoutMilliseconds / 10)
            repeat {
                stepCode = sqlite3_backup_step(backup, -1)
                if stepCode == SQLITE_BUSY || stepCode == SQLITE_LOCKED {
                    retries -= 1
                    sqlite3_sleep(10)
                }
            } while retries > 0 && (stepCode == SQLITE_OK || stepCode == SQLITE_BUSY || stepCode == SQLITE_LOCKED)
            let finishCode = sqlite3_backup_finish(backup)
            guard stepCode == SQLITE_DONE else { throw SQLiteError(resultCode: stepCode, handle: destination) }
            guard finishCode == SQLITE_OK else { throw SQLiteError(resultCode: finishCode, handle: destination) }
        }
    }

    /// Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check`; returns one line per problem,
    /// `[]` when the database is healthy. <https://www.sqlite.org/pragma.html#pragma_integrity_check>
    public func check() throws -> [String] {
        try read { connection in
            let integrity = try connection.query("PRAGMA integrity_check") { $0.text(0) }
            var problems = integrity == ["ok"] ? [] : integrity.map { "integrity: \($0)" }
            problems += try connection.query("PRAGMA foreign_key_check") { row in
                let table = row.text(0)
                let rowid = row.optionalInt(1).map(String.init) ?? "?"
                let parent = row.text(2)
                return "foreign key: \(table) row \(rowid) refers to a missing row of \(parent)"
            }
            return problems
        }
    }
}
