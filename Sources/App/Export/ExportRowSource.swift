// Where an export's rows come from: one page per call, each page read in its own short transaction.
import Storage

/// Yields an export's rows a page at a time. Used by one thread at a time (the connection's queue,
/// or the command line's main thread), so implementations keep plain mutable state.
protocol ExportRowSource: AnyObject {
    /// The header row's column names.
    var header: [String] { get }
    /// The next page of rows, or nil when the export is complete. Never returns an empty page.
    func nextPage() throws -> [[CSVCell]]?
}

/// Pages through rows by keyset: each call reads `limit` records after the last key seen, in one
/// `Database.read`, so no connection or snapshot is held between pages and memory stays flat.
final class KeysetRows<Key, Record>: ExportRowSource {
    let header: [String]
    private let database: Database
    private let limit: Int
    private var key: Key
    private var finished = false
    private let fetch: (Connection, Key, Int) throws -> [Record]
    private let keyOf: (Record) -> Key
    /// Turns a record into its cells, or nil to leave it out (filters keep the keyset moving).
    private let cells: (Record) -> [CSVCell]?

    init(
        header: [String], database: Database, start: Key, limit: Int,
        fetch: @escaping (Connection, Key, Int) throws -> [Record],
        key: @escaping (Record) -> Key, cells: @escaping (Record) -> [CSVCell]?
    ) {
        self.header = header
        self.database = database
        self.key = start
        self.limit = limit
        self.fetch = fetch
        self.keyOf = key
        self.cells = cells
    }

    func nextPage() throws -> [[CSVCell]]? {
        while !finished {
            let key = self.key
            let limit = self.limit
            let fetch = self.fetch
            let records = try database.read { connection in try fetch(connection, key, limit) }
            if records.count < limit { finished = true }
            guard let last = records.last else { return nil }
            self.key = keyOf(last)
            let rows = records.compactMap(cells)
            if !rows.isEmpty { return rows }
        }
        return nil
    }
}

/// A small table computed in one go (agreement, stats), handed out as a single page.
final class FixedRows: ExportRowSource {
    let header: [String]
    private var rows: [[CSVCell]]?

    init(header: [String], rows: [[CSVCell]]) {
        self.header = header
        self.rows = rows.isEmpty ? nil : rows
    }

    func nextPage() throws -> [[CSVCell]]? {
        defer { rows = nil }
        return rows
    }
}
