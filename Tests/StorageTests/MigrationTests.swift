// Migrations: applied in order once, refused when history changed, rolled back when they fail.
import Foundation
import Testing
@testable import Storage

struct MigrationTests {
    static let initial = """
        CREATE TABLE campaigns (id INTEGER PRIMARY KEY, title TEXT NOT NULL) STRICT;
        CREATE TABLE ideas (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
            body TEXT NOT NULL
        ) STRICT;
        """
    static let second = """
        CREATE INDEX ideas_by_campaign ON ideas(campaign_id);
        INSERT INTO campaigns (id, title) VALUES (1, 'first');
        INSERT INTO ideas (campaign_id, body) VALUES (1, 'an idea');
        """

    private func migrations(_ directory: TemporaryDirectory) throws -> String {
        try directory.write("migrations/0001_initial.sql", Self.initial)
        try directory.write("migrations/0002_seed.sql", Self.second)
        try directory.write("migrations/README.md", "not a migration")
        return directory.file("migrations")
    }

    private func recorded(_ database: Database) throws -> [String] {
        try database.read { try $0.query("SELECT name FROM schema_migrations ORDER BY version") { $0.text(0) } }
    }

    @Test func freshDatabaseAppliesAllInOrderAndIsHealthy() throws {
        let directory = try TemporaryDirectory()
        let path = try migrations(directory)
        let database = try directory.openDatabase()
        #expect(try database.migrate(directory: path) == ["0001_initial.sql", "0002_seed.sql"])
        #expect(try recorded(database) == ["0001_initial.sql", "0002_seed.sql"])
        let checksum = try database.read {
            try $0.queryOne("SELECT checksum FROM schema_migrations WHERE version = 1") { $0.text(0) }
        }
        #expect(checksum == SHA256.hex(Array(Self.initial.utf8)))
        #expect(try database.read { try $0.queryOne("SELECT count(*) FROM ideas") { $0.int64(0) } } == 1)
        #expect(try database.check() == [])
    }

    @Test func rerunningIsANoOp() throws {
        let directory = try TemporaryDirectory()
        let path = try migrations(directory)
        do {
            let database = try directory.openDatabase(migrations: path)
            database.close()
        }
        let database = try directory.openDatabase(migrations: path)
        #expect(try database.migrate(directory: path) == [])
        #expect(try recorded(database) == ["0001_initial.sql", "0002_seed.sql"])
        #expect(try database.read { try $0.queryOne("SELECT count(*) FROM ideas") { $0.int64(0) } } == 1)
    }

    @Test func laterFilesApplyOnTopOfEarlierOnes() throws {
        let directory = try TemporaryDirectory()
        let path = try migrations(directory)
        let database = try directory.openDatabase(migrations: path)
        try directory.write("migrations/0003_more.sql", "ALTER TABLE ideas ADD COLUMN score INTEGER NOT NULL DEFAULT 0;")
        #expect(try database.migrate(directory: path) == ["0003_more.sql"])
        #expect(try recorded(database).count == 3)
    }

    @Test func editedMigrationIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = try migrations(directory)
        try directory.openDatabase(migrations: path).close()
        try directory.write("migrations/0001_initial.sql", Self.initial + "\n-- a harmless comment\n")
        let error = #expect(throws: MigrationError.self) { try directory.openDatabase(migrations: path) }
        #expect(error?.kind == .edited)
        #expect(error?.file == "0001_initial.sql")
        #expect(error?.description.contains("0001_initial.sql") == true)
    }

    @Test func missingMigrationIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = try migrations(directory)
        try directory.openDatabase(migrations: path).close()
        try FileManager.default.removeItem(atPath: directory.file("migrations/0002_seed.sql"))
        let error = #expect(throws: MigrationError.self) { try directory.openDatabase(migrations: path) }
        #expect(error?.kind == .missing)
        #expect(error?.file == "0002_seed.sql")
    }

    @Test func renumberedBelowAppliedIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = try migrations(directory)
        try FileManager.default.removeItem(atPath: directory.file("migrations/0001_initial.sql"))
        try directory.write("migrations/0003_initial.sql", Self.initial)
        try FileManager.default.removeItem(atPath: directory.file("migrations/0002_seed.sql"))
        try directory.openDatabase(migrations: path).close()
        try directory.write("migrations/0002_late.sql", "CREATE TABLE late (x INTEGER);")
        let error = #expect(throws: MigrationError.self) { try directory.openDatabase(migrations: path) }
        #expect(error?.kind == .outOfOrder)
        #expect(error?.file == "0002_late.sql")
    }

    @Test func failingMigrationRollsBackAndIsNotRecorded() throws {
        let directory = try TemporaryDirectory()
        let path = try migrations(directory)
        // The first statement succeeds, the second fails: neither may remain.
        try directory.write("migrations/0003_broken.sql", "CREATE TABLE half (x INTEGER);\nINSERT INTO nowhere VALUES (1);")
        let error = #expect(throws: MigrationError.self) { try directory.openDatabase(migrations: path) }
        #expect(error?.kind == .failed)
        #expect(error?.file == "0003_broken.sql")
        #expect(error?.underlying?.message.contains("nowhere") == true)

        try FileManager.default.removeItem(atPath: directory.file("migrations/0003_broken.sql"))
        let database = try directory.openDatabase(migrations: path)
        #expect(try recorded(database) == ["0001_initial.sql", "0002_seed.sql"])
        let half = try database.read {
            try $0.queryOne("SELECT count(*) FROM sqlite_schema WHERE name = 'half'") { $0.int64(0) }
        }
        #expect(half == 0)
    }

    @Test func migrationLeavingForeignKeyViolationsFails() throws {
        let directory = try TemporaryDirectory()
        let path = try migrations(directory)
        try directory.write(
            "migrations/0003_orphan.sql",
            "PRAGMA defer_foreign_keys=ON; INSERT INTO ideas (campaign_id, body) VALUES (42, 'orphan');")
        let error = #expect(throws: MigrationError.self) { try directory.openDatabase(migrations: path) }
        #expect(error?.kind == .failed)
        #expect(error?.file == "0003_orphan.sql")
    }

    @Test(arguments: ["initial.sql", "01-initial.sql", "x1_initial.sql", "0001_.sql", "+1_initial.sql"])
    func badFileNamesAreRefused(name: String) throws {
        let directory = try TemporaryDirectory()
        try directory.write("migrations/" + name, "SELECT 1;")
        let error = #expect(throws: MigrationError.self) {
            try directory.openDatabase(migrations: directory.file("migrations"))
        }
        #expect(error?.kind == .invalidName)
    }

    @Test func duplicateNumbersAreRefused() throws {
        let directory = try TemporaryDirectory()
        try directory.write("migrations/0001_a.sql", "CREATE TABLE a (x INTEGER);")
        try directory.write("migrations/1_b.sql", "CREATE TABLE b (x INTEGER);")
        let error = #expect(throws: MigrationError.self) {
            try directory.openDatabase(migrations: directory.file("migrations"))
        }
        #expect(error?.kind == .invalidName)
    }

    @Test func missingDirectoryIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: MigrationError.self) {
            try directory.openDatabase(migrations: directory.file("nope"))
        }
        #expect(error?.kind == .unreadable)
    }
}
