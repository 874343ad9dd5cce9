// A prepared statement: typed binding, stepping and column access over one `sqlite3_stmt`.
import CSQLite

/// A compiled SQL statement, owned by the `Connection` that prepared it and confined like it.
///
/// Statements from `Connection.prepare` are cached: the next `prepare` of the same SQL resets the
/// same object, so finish with one before preparing its SQL again.
/// <https://www.sqlite.org/c3ref/stmt.html>
public final class Statement {
    /// The SQL this statement was compiled from.
    public let sql: String
    /// The number of `?` parameters.
    public let parameterCount: Int32
    /// Set while a `Connection` helper steps through this statement, so a nested helper running the
    /// same SQL prepares its own copy instead of resetting this one under its feet.
    var isInUse = false

    private var handle: OpaquePointer?

    init(sql: String, connection: OpaquePointer, persistent: Bool) throws {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let rc = sql.withCString { sqlite3_prepare_v3(connection, $0, -1, flags, &statement, &tail) }
        guard rc == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw SQLiteError(resultCode: rc, handle: connection)
        }
        guard let statement else { throw SQLiteError.misuse("no SQL statement to prepare") }
        if let tail, tail.pointee != 0, !String(cString: tail).allSatisfy(\.isWhitespace) {
            sqlite3_finalize(statement)
            throw SQLiteError.misuse("more than one statement given to prepare; use execute()")
        }
        self.sql = sql
        self.handle = statement
        self.parameterCount = sqlite3_bind_parameter_count(statement)
    }

    deinit { sqlite3_finalize(handle) }

    /// Finalizes now; the statement cannot be used afterwards. Called when its connection closes.
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    private func live() throws -> OpaquePointer {
        guard let handle else { throw SQLiteError.misuse("statement used after its connection closed") }
        return handle
    }

    /// Resets the statement to run again and clears its bindings to `NULL`.
    public func reset() {
        guard let handle else { return }
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds all parameters at once; the count must match the statement's `?` parameters.
    public func bind(_ values: [SQLValue]) throws {
        guard values.count == Int(parameterCount) else {
            throw SQLiteError(
                code: SQLITE_RANGE, extendedCode: SQLITE_RANGE,
                message: "statement takes \(parameterCount) parameters, \(values.count) given")
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Binds one parameter; `index` starts at 1, as in SQLite.
    public func bind(_ value: SQLValue, at index: Int32) throws {
        let statement = try live()
        let rc: Int32
        switch value {
        case .null:
            rc = sqlite3_bind_null(statement, index)
        case .integer(let integer):
            rc = sqlite3_bind_int64(statement, index, integer)
        case .real(let real):
            rc = sqlite3_bind_double(statement, index, real)
        case .text(let text):
            var text = text
            // withUTF8 gives the exact bytes, NULs included; an empty buffer may have no base address,
            // which SQLite would bind as NULL, so "" points at a static empty C string instead.
            rc = text.withUTF8 { bytes in
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text(statement, index, "", 0, csqlite_transient)
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text64(
                        statement, index, $0, UInt64(bytes.count), csqlite_transient, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            rc = bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress, !buffer.isEmpty else {
                    return sqlite3_bind_zeroblob(statement, index, 0)
                }
                return sqlite3_bind_blob64(statement, index, base, UInt64(buffer.count), csqlite_transient)
            }
        }
        guard rc == SQLITE_OK else {
            throw SQLiteError(resultCode: rc, handle: sqlite3_db_handle(statement))
        }
    }

    /// Runs the statement to its next row: `true` when a row is ready in `row`, `false` when done.
    public func step() throws -> Bool {
        let statement = try live()
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            let error = SQLiteError(resultCode: rc, handle: sqlite3_db_handle(statement))
            sqlite3_reset(statement)
            throw error
        }
    }

    /// The current row; valid until the next `step`, `reset`, or the end of the row closure.
    public var row: Row { Row(statement: handle) }

    /// The number of columns in each row.
    public var columnCount: Int32 { handle.map { sqlite3_column_count($0) } ?? 0 }

    /// The name of column `index` (from 0), as the SQL spells it or `AS` renames it.
    public func columnName(_ index: Int32) -> String {
        guard let handle, let name = sqlite3_column_name(handle, index) else { return "" }
        return String(cString: name)
    }
}
