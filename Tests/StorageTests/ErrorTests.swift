// SQLite failures map to recognisable cases, and their messages never carry a bound value.
import CSQLite
import Testing
@testable import Storage

struct ErrorTests {
    static let secret = "s3cr3t-4nonymous-value"

    private func schema() throws -> Connection {
        let connection = try memoryConnection()
        try connection.execute(
            """
            PRAGMA foreign_keys=ON;
            CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
            CREATE TABLE t (
                id INTEGER PRIMARY KEY,
                email TEXT NOT NULL UNIQUE CHECK (length(email) < 30),
                n INTEGER,
                parent INTEGER REFERENCES parent(id)
            ) STRICT;
            """)
        try connection.run("INSERT INTO t (email) VALUES (?)", Self.secret)
        return connection
    }

    /// Each case violates one constraint with the secret bound somewhere in the statement.
    @Test(arguments: [
        ("unique", "INSERT INTO t (email) VALUES (?)", [SQLValue.text(secret)]),
        ("not null", "INSERT INTO t (email, n) VALUES (NULL, length(?))", [.text(secret)]),
        ("check", "INSERT INTO t (email) VALUES (?)", [.text(secret + secret)]),
        ("strict type", "INSERT INTO t (email, n) VALUES ('x', ?)", [.text(secret)]),
        ("foreign key", "INSERT INTO t (email, parent) VALUES (?, 99)", [.text("fk-" + secret)]),
    ])
    func constraintErrorsMapAndHideValues(name: String, sql: String, values: [SQLValue]) throws {
        let connection = try schema()
        do {
            try connection.run(sql, values: values)
            Issue.record("\(name): expected a constraint error")
        } catch let error as SQLiteError {
            #expect(error.isConstraint, "\(name): \(error)")
            #expect(!error.isUnavailable && !error.isBusy)
            #expect(error.code == SQLITE_CONSTRAINT)
            #expect(error.extendedCode & 0xFF == SQLITE_CONSTRAINT)
            #expect(!error.description.contains("s3cr3t"), "\(name): \(error)")
            #expect(!error.message.contains("s3cr3t"))
        }
    }

    @Test func syntaxErrorIsNeitherConstraintNorUnavailable() throws {
        let connection = try memoryConnection()
        let error = #expect(throws: SQLiteError.self) { try connection.run("SELEKT ?", Self.secret) }
        #expect(error?.isConstraint == false)
        #expect(error?.isUnavailable == false)
        #expect(error?.code == SQLITE_ERROR)
    }

    /// `max_page_count` makes the file "full": SQLITE_FULL, which the App must turn into a 503.
    @Test func diskFullIsUnavailable() throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase()
        try database.write { connection in
            try connection.execute("CREATE TABLE t (v BLOB)")
            let pages = try connection.queryOne("PRAGMA page_count") { $0.int64(0) } ?? 0
            try connection.execute("PRAGMA max_page_count=\(pages + 2)")
        }
        let error = #expect(throws: SQLiteError.self) {
            try database.write { connection in
                try connection.run("INSERT INTO t VALUES (?)", [UInt8](repeating: 7, count: 100_000))
            }
        }
        #expect(error?.isUnavailable == true)
        #expect(error?.code == SQLITE_FULL)
        // The writer recovers: a small write still succeeds.
        try database.write { try $0.run("INSERT INTO t VALUES (?)", [UInt8]([1])) }
        #expect(try database.read { try $0.queryOne("SELECT count(*) FROM t") { $0.int64(0) } } == 1)
    }

    @Test func cannotOpenIsUnavailable() {
        let error = #expect(throws: SQLiteError.self) {
            _ = try Database(options: DatabaseOptions(path: "/nonexistent-dir/x/y.sqlite"), migrationsDirectory: nil)
        }
        #expect(error?.isUnavailable == true)
    }

    @Test func readersAreQueryOnly() throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase()
        try database.write { try $0.execute("CREATE TABLE t (v INTEGER)") }
        let error = #expect(throws: SQLiteError.self) {
            try database.read { try $0.run("INSERT INTO t VALUES (1)") }
        }
        #expect(error?.code == SQLITE_READONLY)
    }
}
