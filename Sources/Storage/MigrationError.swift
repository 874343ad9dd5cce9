// Why the migrator refused to start: an applied file edited or missing, or a file that failed.

/// A migration problem that stops the database from opening; names the file, never row data.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// An applied migration's file no longer has the checksum recorded when it was applied.
        case edited
        /// A migration recorded in `schema_migrations` has no file any more.
        case missing
        /// The file's SQL failed; its transaction was rolled back and nothing was recorded.
        case failed
        /// A new file is numbered below an applied one, so it would run out of order.
        case outOfOrder
        /// The file name is not `NNNN_name.sql`, or two files share a number.
        case invalidName
        /// The directory or a file could not be read.
        case unreadable
    }

    public let kind: Kind
    /// The migration's file name, such as `0002_votes.sql`.
    public let file: String
    /// What went wrong, for the operator.
    public let reason: String
    /// The SQLite error behind a `.failed` migration.
    public let underlying: SQLiteError?

    public init(kind: Kind, file: String, reason: String, underlying: SQLiteError? = nil) {
        self.kind = kind
        self.file = file
        self.reason = reason
        self.underlying = underlying
    }

    public var description: String {
        let what: String
        switch kind {
        case .edited: what = "was edited after it was applied"
        case .missing: what = "was applied but its file is missing"
        case .failed: what = "failed and was rolled back"
        case .outOfOrder: what = "is numbered below an applied migration"
        case .invalidName: what = "has an invalid name"
        case .unreadable: what = "could not be read"
        }
        return "migration \(file) \(what): \(reason)"
    }
}
