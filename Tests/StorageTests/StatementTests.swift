// Binding and reading every SQLite value class, exact round trips, and how errors are reported.
import CSQLite
import Testing
@testable import Storage

/// A private in-memory connection with no queue confinement.
func memoryConnection() throws -> Connection {
    try Connection(path: ":memory:", flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, queue: nil)
}

struct StatementTests {
    static let values: [SQLValue] = [
        .null, 0, 1, -1, .integer(.max), .integer(.min),
        0.5, -1e300, .real(.greatestFiniteMagnitude), .real(.leastNonzeroMagnitude),
        "", "plain", "héllo wörld ✓ 👋", "nul\u{0}inside\u{0}", "\u{0}",
        .blob([]), .blob([0]), .blob([0, 1, 2, 0, 255, 0]), .blob(Array(0...255)),
    ]

    @Test(arguments: values)
    func roundTripThroughParameter(value: SQLValue) throws {
        let connection = try memoryConnection()
        let read = try connection.queryOne("SELECT ?", value) { $0.value(0) }
        #expect(read == value)
    }

    @Test(arguments: values)
    func roundTripThroughTable(value: SQLValue) throws {
        let connection = try memoryConnection()
        try connection.execute("CREATE TABLE t (v ANY) STRICT")
        try connection.run("INSERT INTO t (v) VALUES (?)", values: [value])
        let read = try connection.queryOne("SELECT v FROM t") { $0.value(0) }
        #expect(read == value)
        let class_ = try connection.queryOne("SELECT typeof(v) FROM t") { $0.text(0) }
        let expected: String
        switch value {
        case .null: expected = "null"
        case .integer: expected = "integer"
        case .real: expected = "real"
        case .text: expected = "text"
        case .blob: expected = "blob"
        }
        #expect(class_ == expected)
    }

    @Test func bindableSwiftTypesAndTypedColumns() throws {
        let connection = try memoryConnection()
        try connection.execute(
            "CREATE TABLE t (i INTEGER, i64 INTEGER, d REAL, s TEXT, b INTEGER, bytes BLOB, none TEXT, some TEXT) STRICT")
        let none: String? = nil
        let some: Int? = 42
        try connection.run(
            "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            7, Int64(1) << 40, 2.25, "text", true, [UInt8]([9, 0, 8]), none, some)
        try connection.run("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 0, 0, 0.0, "", false, [UInt8](), nil, nil)
        struct Read: Equatable {
            var i: Int, i64: Int64, d: Double, s: String, b: Bool, bytes: [UInt8], none: String?, some: Int64?
        }
        let rows = try connection.query("SELECT * FROM t ORDER BY rowid") { row in
            Read(
                i: row.int(0), i64: row.int(1), d: row.double(2), s: row.text(3), b: row.bool(4),
                bytes: row.blob(5), none: row.optionalText(6), some: row.optionalInt(7))
        }
        #expect(rows == [
            Read(i: 7, i64: 1 << 40, d: 2.25, s: "text", b: true, bytes: [9, 0, 8], none: nil, some: 42),
            Read(i: 0, i64: 0, d: 0, s: "", b: false, bytes: [], none: nil, some: nil),
        ])
        let nulls = try connection.queryOne("SELECT none, some FROM t WHERE i = 0") { ($0.isNull(0), $0.isNull(1)) }
        #expect(nulls?.0 == true && nulls?.1 == true)
    }

    @Test func oneMegabyteTextAndBlobRoundTripExactly() throws {
        let connection = try memoryConnection()
        try connection.execute("CREATE TABLE t (s TEXT, b BLOB) STRICT")
        let pattern = "ab\u{0}ç€𝄞\n"
        let text = String(repeating: pattern, count: 1_048_576 / pattern.utf8.count + 1)
        let blob = (0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try connection.run("INSERT INTO t VALUES (?, ?)", text, blob)
        let read = try connection.queryOne("SELECT s, b, length(CAST(s AS BLOB)) FROM t") { row in
            (row.text(0), row.blob(1), row.int64(2))
        }
        #expect(read?.0 == text)
        #expect(read?.1 == blob)
        #expect(read?.2 == Int64(text.utf8.count))
    }

    @Test func lastInsertRowIDAndChanges() throws {
        let connection = try memoryConnection()
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)")
        try connection.run("INSERT INTO t (v) VALUES (?)", 1)
        try connection.run("INSERT INTO t (v) VALUES (?)", 1)
        #expect(connection.lastInsertRowID == 2)
        try connection.run("UPDATE t SET v = ?", 5)
        #expect(connection.changes == 2)
    }

    @Test func eachStreamsAndStopsEarly() throws {
        let connection = try memoryConnection()
        var seen: [Int] = []
        try connection.each(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n", values: []
        ) { row in
            seen.append(row.int(0))
            return seen.count < 5
        }
        #expect(seen == [1, 2, 3, 4, 5])
    }

    /// A row closure that runs the same SQL again gets its own statement, not the outer one reset.
    @Test func nestedUseOfTheSameSQL() throws {
        let connection = try memoryConnection()
        try connection.execute("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3)")
        let sql = "SELECT v FROM t WHERE v >= ? ORDER BY v"
        let pairs = try connection.query(sql, 1) { outer -> [Int] in
            let start: Int = outer.int(0)
            return try connection.query(sql, start) { $0.int(0) }
        }
        #expect(pairs == [[1, 2, 3], [2, 3], [3]])
    }

    @Test func preparedStatementsAreCached() throws {
        let connection = try memoryConnection()
        let first = try connection.prepare("SELECT ?")
        let second = try connection.prepare("SELECT ?")
        #expect(first === second)
        try second.bind([.integer(3)])
        #expect(try second.step())
        #expect(second.row.int64(0) == 3)
    }

    @Test func wrongParameterCountIsAnError() throws {
        let connection = try memoryConnection()
        #expect(throws: SQLiteError.self) { try connection.run("SELECT ?, ?", 1) }
        #expect(throws: SQLiteError.self) { try connection.run("SELECT 1; SELECT 2") }
    }
}
