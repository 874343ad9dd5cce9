// The error every SQLite call in this module throws: SQLite's own codes and message, never a bound value.
import CSQLite

/// A failed SQLite call.
///
/// Carries the primary result code, the extended result code and `sqlite3_errmsg`; SQLite's messages
/// name tables, columns and constraints but not the values that were bound, and this type adds none.
/// <https://www.sqlite.org/rescode.html>
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …): the low 8 bits of `extendedCode`.
    public let code: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_IOERR_FSYNC`, …).
    public let extendedCode: Int32
    /// SQLite's English message, or ours for misuse detected by this module.
    public let message: String

    public init(code: Int32, extendedCode: Int32, message: String) {
        self.code = code
        self.extendedCode = extendedCode
        self.message = message
    }

    /// The error SQLite recorded on `handle` for the failed call that returned `resultCode`.
    init(resultCode: Int32, handle: OpaquePointer?) {
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? resultCode
        let message = handle.flatMap { sqlite3_errmsg($0).map { String(cString: $0) } }
            ?? String(cString: sqlite3_errstr(resultCode))
        // After some calls (sqlite3_exec, sqlite3_backup_step) the handle may already hold a newer,
        // unrelated code; the code the call returned is the one that counts.
        let extendedCode = extended & 0xFF == resultCode & 0xFF ? extended : resultCode
        self.init(code: resultCode & 0xFF, extendedCode: extendedCode, message: message)
    }

    /// Misuse of this module's API (a closed database, the wrong number of parameters, …).
    static func misuse(_ message: String) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, extendedCode: SQLITE_MISUSE, message: message)
    }

    /// A constraint failed: UNIQUE, NOT NULL, CHECK, FOREIGN KEY, a STRICT type, or a trigger's RAISE.
    public var isConstraint: Bool { code == SQLITE_CONSTRAINT }

    /// A row with the same primary key exists (`SQLITE_CONSTRAINT_PRIMARYKEY`).
    /// (The C macro is an expression Swift does not import: SQLITE_CONSTRAINT | 6 << 8.)
    public var isPrimaryKeyConflict: Bool { extendedCode == SQLITE_CONSTRAINT | 6 << 8 }

    /// The database cannot serve right now for reasons outside the request: disk full, I/O error,
    /// cannot open the file, out of memory, read-only file system. The App answers 503.
    public var isUnavailable: Bool {
        code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_CANTOPEN
            || code == SQLITE_NOMEM || code == SQLITE_READONLY
    }

    /// Another connection held a lock for longer than the busy timeout.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    public var description: String {
        "SQLite error \(code) (extended \(extendedCode)): \(message)"
    }
}
