// Online backup while writes continue, and check() finding real problems.
import CSQLite
import Dispatch
import Synchronization
import Testing
@testable import Storage

struct MaintenanceTests {
    @Test func backupWhileWritingProducesAHealthyCopyWithTheRows() throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase()
        try database.write { connection in
            try connection.execute(
                """
                CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
                CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES parent(id)) STRICT;
                """)
            for id in 1...500 {
                try connection.run("INSERT INTO parent (id) VALUES (?)", id)
                try connection.run("INSERT INTO child (parent) VALUES (?)", id)
            }
        }
        let stop = Atomic<Bool>(false)
        let writer = DispatchGroup()
        writer.enter()
        spawnThread {
            defer { writer.leave() }
            var id = 1000
            while !stop.load(ordering: .acquiring) {
                id += 1
                let next = id
                _ = try? database.write { try $0.run("INSERT INTO parent (id) VALUES (?)", next) }
            }
        }
        try database.backup(to: directory.file("backup.sqlite"))
        try database.backup(to: directory.file("backup.sqlite"))  // replacing an existing copy
        stop.store(true, ordering: .releasing)
        writer.wait()

        let copy = try directory.openDatabase("backup.sqlite")
        #expect(try copy.check() == [])
        let counts = try copy.read { connection in
            (
                try connection.queryOne("SELECT count(*) FROM parent WHERE id <= 500") { $0.int64(0) },
                try connection.queryOne("SELECT count(*) FROM child") { $0.int64(0) }
            )
        }
        #expect(counts.0 == 500)
        #expect(counts.1 == 500)
    }

    @Test func healthyDatabaseChecksClean() throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase()
        try database.write { try $0.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)") }
        #expect(try database.check() == [])
    }

    /// A row written with foreign keys off (as a bad import or a hand edit would) is reported.
    @Test func checkReportsForeignKeyViolations() throws {
        let directory = try TemporaryDirectory()
        do {
            let raw = try Connection(
                path: directory.file("test.sqlite"), flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, queue: nil)
            try raw.execute(
                """
                PRAGMA foreign_keys=OFF;
                CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
                CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id)) STRICT;
                INSERT INTO child (id, parent) VALUES (7, 99);
                """)
        }
        let database = try directory.openDatabase()
        let problems = try database.check()
        #expect(problems.count == 1)
        #expect(problems.first?.contains("child") == true)
        #expect(problems.first?.contains("parent") == true)
    }

    /// An index that disagrees with its table (made by editing the schema behind SQLite's back).
    @Test func checkReportsIntegrityProblems() throws {
        let directory = try TemporaryDirectory()
        do {
            let raw = try Connection(
                path: directory.file("test.sqlite"), flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, queue: nil)
            try raw.execute(
                """
                CREATE TABLE t (x INTEGER);
                INSERT INTO t VALUES (1), (2), (3);
                CREATE INDEX t_x ON t(x);
                PRAGMA writable_schema=ON;
                UPDATE sqlite_schema SET sql = 'CREATE INDEX t_x ON t(x DESC)' WHERE name = 't_x';
                PRAGMA writable_schema=OFF;
                """)
        }
        let database = try directory.openDatabase()
        let problems = try database.check()
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.hasPrefix("integrity: ") })
    }
}
