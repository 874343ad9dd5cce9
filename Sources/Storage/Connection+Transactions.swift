// Transactions and savepoints that commit when their body returns and roll back when it throws.
import CSQLite

extension Connection {
    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: COMMIT when it returns, ROLLBACK when it throws.
    ///
    /// Inside an open transaction (as in every `Database.write` body, which the writer wraps in its
    /// own transaction) this becomes a savepoint, so store code can call it either way.
    /// IMMEDIATE takes the write lock up front, so a busy database fails at BEGIN rather than midway.
    /// <https://www.sqlite.org/lang_transaction.html>
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if !isAutocommit { return try savepoint(body) }
        try execute("BEGIN IMMEDIATE")
        let value: T
        do {
            value = try body()
        } catch {
            rollbackQuietly()
            throw error
        }
        do {
            try execute("COMMIT")
        } catch {
            rollbackQuietly()
            throw error
        }
        return value
    }

    /// Runs `body` inside a savepoint: RELEASE when it returns, ROLLBACK TO + RELEASE when it throws.
    ///
    /// Outside a transaction, the savepoint is a transaction of its own (DEFERRED).
    /// <https://www.sqlite.org/lang_savepoint.html>
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointCounter += 1
        let name = "gs_savepoint_\(savepointCounter)"
        try execute("SAVEPOINT \(name)")
        let value: T
        do {
            value = try body()
        } catch {
            // If SQLite already rolled the whole transaction back (I/O error, disk full),
            // the savepoint is gone and there is nothing left to undo.
            if !isAutocommit { try? execute("ROLLBACK TO \(name); RELEASE \(name)") }
            throw error
        }
        try execute("RELEASE \(name)")
        return value
    }

    /// Runs a deferred read transaction around `body`, so all its queries see one snapshot.
    /// BEGIN and ROLLBACK go through the statement cache: `execute` would parse them on every read.
    func readTransaction<T>(_ body: () throws -> T) throws -> T {
        try run("BEGIN DEFERRED")
        attachment?.readTransactionBegan()
        defer {
            rollbackQuietly()
            attachment?.readTransactionEnded()
        }
        return try body()
    }

    /// Ends any open transaction, discarding its changes. A failure here leaves SQLite to roll
    /// back on its own (it does when a transaction's statement failed with I/O error or disk full).
    func rollbackQuietly() {
        guard !isAutocommit else { return }
        try? run("ROLLBACK")
    }

    /// `true` when deferred foreign-key violations are pending, which would make COMMIT fail.
    /// <https://www.sqlite.org/c3ref/c_dbstatus_options.html#sqlitedbstatusdeferredfks>
    var hasDeferredForeignKeyViolations: Bool {
        guard let db = try? live() else { return false }
        var current: Int32 = 0
        var highwater: Int32 = 0
        sqlite3_db_status(db, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highwater, 0)
        return current > 0
    }
}
