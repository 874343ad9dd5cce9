// Opening a connection as the writer or as a reader, with the PRAGMAs each role needs.
import CSQLite
import Dispatch

extension Connection {
    /// What a connection is for, which decides how it is opened and configured.
    enum Role {
        /// The one connection that writes; creates the file and sets WAL mode.
        case writer
        /// A pooled connection that only reads (`PRAGMA query_only`).
        case reader
        /// The connection that runs WAL checkpoints (`Checkpointer`); writes no rows.
        case checkpointer
    }

    /// Opens `options.path` for `role` and applies the PRAGMAs; must run on `queue`.
    ///
    /// - journal_mode=WAL: readers never block the writer nor the writer readers.
    ///   <https://www.sqlite.org/wal.html>
    /// - foreign_keys=ON: off by default in SQLite, per connection.
    /// - secure_delete=ON: deleted content is overwritten with zeros, not left in free pages,
    ///   so a removed contribution does not linger in the file.
    /// - mmap_size (readers): pages read from a map of the file, not with `pread`
    ///   (`DatabaseOptions.readerMapBytes`). <https://www.sqlite.org/mmap.html>
    /// - journal_size_limit: when a checkpoint lets the WAL start over, the file is cut back to 4 MiB,
    ///   so old frames (old page images) beyond that do not linger either; erasures truncate it to
    ///   nothing (`Checkpointer.truncate`). <https://www.sqlite.org/pragma.html#pragma_journal_size_limit>
    static func open(role: Role, options: DatabaseOptions, queue: DispatchQueue) throws -> Connection {
        dispatchPrecondition(condition: .onQueue(queue))
        let flags: Int32
        switch role {
        case .writer: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .reader, .checkpointer: flags = SQLITE_OPEN_READWRITE
        }
        let connection = try Connection(path: options.path, flags: flags, queue: queue)
        guard let db = connection.handle else { throw SQLiteError.misuse("connection is closed") }
        sqlite3_busy_timeout(db, max(0, options.busyTimeoutMilliseconds))
        switch role {
        case .writer:
            let mode = try connection.queryOne("PRAGMA journal_mode=WAL") { $0.text(0) }
            guard mode?.lowercased() == "wal" else {
                throw SQLiteError(
                    code: SQLITE_CANTOPEN, extendedCode: SQLITE_CANTOPEN,
                    message: "could not switch to WAL journal mode (got \(mode ?? "nothing"))")
            }
            try connection.execute("PRAGMA cache_size=-\(max(0, options.writerCacheKiB))")
        case .reader:
            try connection.execute("PRAGMA query_only=ON")
            try connection.execute("PRAGMA mmap_size=\(max(0, options.readerMapBytes))")
        case .checkpointer:
            break
        }
        try connection.execute(
            """
            PRAGMA synchronous=\(options.synchronous.rawValue);
            PRAGMA foreign_keys=ON;
            PRAGMA secure_delete=ON;
            PRAGMA journal_size_limit=\(4 << 20);
            """)
        return connection
    }
}
