// Typed access to the columns of the row a statement is positioned on.
import CSQLite

/// The current row of a statement, read by column index (from 0).
///
/// Valid only inside the closure it is handed to: it reads straight from the statement, which the
/// next step overwrites. SQLite converts between classes as documented at
/// <https://www.sqlite.org/c3ref/column_blob.html>: `NULL` reads as 0, 0.0, "" or [] from the
/// non-optional accessors.
public struct Row {
    private let statement: OpaquePointer?

    init(statement: OpaquePointer?) { self.statement = statement }

    public var columnCount: Int32 { statement.map { sqlite3_column_count($0) } ?? 0 }

    public func int(_ i: Int32) -> Int64 { sqlite3_column_int64(statement, i) }

    public func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(statement, i)) }

    /// The same as `int(_:) -> Int64`, for call sites with no type context.
    public func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(statement, i) }

    public func double(_ i: Int32) -> Double { sqlite3_column_double(statement, i) }

    /// Non-zero integers are `true`.
    public func bool(_ i: Int32) -> Bool { sqlite3_column_int64(statement, i) != 0 }

    /// The column's UTF-8 text, all `sqlite3_column_bytes` of it, so embedded NULs survive.
    public func text(_ i: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, i) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, i))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    public func blob(_ i: Int32) -> [UInt8] {
        guard let bytes = sqlite3_column_blob(statement, i) else { return [] }
        let count = Int(sqlite3_column_bytes(statement, i))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    public func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement, i) == SQLITE_NULL }

    public func optionalText(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }

    public func optionalInt(_ i: Int32) -> Int64? { isNull(i) ? nil : int64(i) }

    public func optionalDouble(_ i: Int32) -> Double? { isNull(i) ? nil : double(i) }

    public func optionalBlob(_ i: Int32) -> [UInt8]? { isNull(i) ? nil : blob(i) }

    /// The column as stored, in its own storage class.
    public func value(_ i: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, i) {
        case SQLITE_INTEGER: .integer(int64(i))
        case SQLITE_FLOAT: .real(double(i))
        case SQLITE_TEXT: .text(text(i))
        case SQLITE_BLOB: .blob(blob(i))
        default: .null
        }
    }
}
