// One SQLite connection: running SQL with bound values, reading rows, and its statement cache.
import CSQLite
import Dispatch

/// One `sqlite3*` handle and its cache of prepared statements.
///
/// Not Sendable: a connection is used by one thread at a time. `Database` hands each of its
/// connections to exactly one serial queue and every method checks it with `dispatchPrecondition`.
public final class Connection {
    /// The queue this connection is confined to, when it has one; checked on every call.
    let queue: DispatchQueue?

    /// `nil` once closed. Confined like the connection.
    private(set) var handle: OpaquePointer?
    /// Prepared statements by SQL text. Confined like the connection.
    private var cache: [String: Statement] = [:]
    /// Counter for unique savepoint names. Confined like the connection.
    var savepointCounter = 0
    /// What another part of Storage keeps with this connection (the vote journal's view), told
    /// when read transactions begin and end. Confined like the connection.
    var attachment: (any ConnectionAttachment)?

    /// Opens (or with `SQLITE_OPEN_CREATE` creates) the database at `path` with extended result codes.
    ///
    /// `SQLITE_OPEN_NOMUTEX`: SQLite skips its own per-connection mutex because we confine instead.
    init(path: String, flags: Int32, queue: DispatchQueue?) throws {
        Connection.configureLibrary
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError(resultCode: rc, handle: db)
            sqlite3_close_v2(db)
            throw error
        }
        sqlite3_extended_result_codes(db, 1)
        self.handle = db
        self.queue = queue
    }

    /// Process-wide SQLite settings, applied once before the first connection opens. Memory
    /// statistics off: Debian builds SQLite without lookaside memory, so every statement step
    /// allocates, and with statistics on each allocation and free takes a global mutex — every
    /// connection's, on every thread (2 % of a vote's CPU time in a profile). Nothing here reads
    /// SQLite's memory statistics or sets a soft heap limit, which are what they serve.
    /// <https://www.sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus>
    private static let configureLibrary: Void = {
        _ = csqlite_config_memstatus(0)
    }()

    deinit {
        for statement in cache.values { statement.finalize() }
        sqlite3_close_v2(handle)
    }

    /// Finalizes every cached statement and closes the handle; later calls throw `SQLITE_MISUSE`.
    func close() {
        assertConfined()
        for statement in cache.values { statement.finalize() }
        cache.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    func assertConfined() {
        if let queue { dispatchPrecondition(condition: .onQueue(queue)) }
    }

    /// The open handle, after checking we run on the owning queue.
    func live() throws -> OpaquePointer {
        assertConfined()
        guard let handle else { throw SQLiteError.misuse("connection is closed") }
        return handle
    }

    /// Runs one or more statements that take no parameters (schema, PRAGMA, BEGIN, …).
    public func execute(_ sql: String) throws {
        let db = try live()
        let rc = sqlite3_exec(db, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw SQLiteError(resultCode: rc, handle: db) }
    }

    /// A cached prepared statement for one SQL statement, reset with its bindings cleared.
    public func prepare(_ sql: String) throws -> Statement {
        let db = try live()
        if let cached = cache[sql], !cached.isInUse {
            cached.reset()
            return cached
        }
        let statement = try Statement(sql: sql, connection: db, persistent: cache[sql] == nil)
        if cache[sql] == nil { cache[sql] = statement }
        return statement
    }

    /// Prepares `sql`, binds `values`, lends the statement to `body`, then resets it.
    private func withStatement<T>(
        _ sql: String, _ values: [SQLValue], _ body: (Statement) throws -> T
    ) throws -> T {
        let statement = try prepare(sql)
        statement.isInUse = true
        defer {
            statement.isInUse = false
            statement.reset()
        }
        try statement.bind(values)
        return try body(statement)
    }

    /// Runs one statement to its end, ignoring any rows.
    public func run(_ sql: String, _ values: (any SQLBindable)?...) throws {
        try run(sql, values: values.sqlValues)
    }

    public func run(_ sql: String, values: [SQLValue]) throws {
        try withStatement(sql, values) { statement in
            while try statement.step() {}
        }
    }

    /// Every row of one statement, each turned into a `T` by `row`.
    public func query<T>(
        _ sql: String, _ values: (any SQLBindable)?..., row: (Row) throws -> T
    ) throws -> [T] {
        try query(sql, values: values.sqlValues, row: row)
    }

    public func query<T>(_ sql: String, values: [SQLValue], row: (Row) throws -> T) throws -> [T] {
        try withStatement(sql, values) { statement in
            var rows: [T] = []
            while try statement.step() { rows.append(try row(statement.row)) }
            return rows
        }
    }

    /// The first row only, or `nil` when there is none; the statement is not run further.
    public func queryOne<T>(
        _ sql: String, _ values: (any SQLBindable)?..., row: (Row) throws -> T
    ) throws -> T? {
        try queryOne(sql, values: values.sqlValues, row: row)
    }

    public func queryOne<T>(_ sql: String, values: [SQLValue], row: (Row) throws -> T) throws -> T? {
        try withStatement(sql, values) { statement in
            try statement.step() ? try row(statement.row) : nil
        }
    }

    /// Streams rows to `row` without collecting them; return `false` from it to stop early.
    public func each(_ sql: String, values: [SQLValue], row: (Row) throws -> Bool) throws {
        try withStatement(sql, values) { statement in
            while try statement.step() {
                guard try row(statement.row) else { return }
            }
        }
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 {
        assertConfined()
        return handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
    public var changes: Int {
        assertConfined()
        return handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// Rows inserted, updated or deleted on this connection since it opened, triggers included:
    /// whether a body wrote anything. <https://www.sqlite.org/c3ref/total_changes.html>
    var totalChanges: Int64 {
        assertConfined()
        return handle.map { sqlite3_total_changes64($0) } ?? 0
    }

    /// `true` when no transaction is open (SQLite's autocommit mode).
    public var isAutocommit: Bool {
        assertConfined()
        return handle.map { sqlite3_get_autocommit($0) != 0 } ?? true
    }
}
