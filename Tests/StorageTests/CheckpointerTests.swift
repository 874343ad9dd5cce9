// WAL checkpoints happen on the checkpointer's connection, never inside the writer's COMMIT.
import Foundation
import Glibc
import Storage
import Testing

@Suite struct CheckpointerTests {
    private func walBytes(_ directory: TemporaryDirectory) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: directory.file("test.sqlite-wal")))?[.size] as? Int) ?? 0
    }

    private func fill(_ database: Database, rows: Int) throws {
        try database.write { try $0.execute("CREATE TABLE t (x BLOB)") }
        for _ in 0..<rows {
            try database.write { try $0.run("INSERT INTO t VALUES (zeroblob(3000))") }
        }
    }

    /// With the threshold out of reach nothing checkpoints: SQLite's own automatic checkpoint (which
    /// would run inside a COMMIT at 1,000 pages) is off, so the WAL grows past it.
    @Test func commitsNeverCheckpoint() throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase { $0.checkpointPages = .max }
        defer { database.close() }
        try fill(database, rows: 1_500)
        #expect(walBytes(directory) > 1_000 * 4_096)
        #expect(database.checkpointCounts.completed == 0)
    }

    /// Past the threshold the checkpointer runs on its own and the data stays readable.
    @Test func checkpointsRunPastTheThreshold() throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase { $0.checkpointPages = 20 }
        defer { database.close() }
        try fill(database, rows: 200)
        var waited = 0
        while database.checkpointCounts.completed == 0 && waited < 1_000 {
            usleep(10_000)  // the checkpoint is asynchronous; give up after ~10 s
            waited += 1
        }
        #expect(database.checkpointCounts.completed > 0)
        #expect(database.checkpointCounts.failed == 0)
        #expect(try database.read { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } } == 200)
    }
}

/// With `checkpoints = .external` (Litestream's job) this process never checkpoints: not on the
/// checkpointer, and not inside a COMMIT once the WAL passes SQLite's own 1,000-page threshold.
@Suite struct ExternalCheckpointTests {
    private func bytes(_ directory: TemporaryDirectory, _ name: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: directory.file(name)))?[.size] as? Int) ?? 0
    }

    @Test func theServerLeavesCheckpointsToAnotherProcess() throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase {
            $0.checkpoints = .external
            $0.checkpointPages = 20  // the checkpointer, had it started, would run at once
        }
        try database.write { try $0.execute("CREATE TABLE t (x BLOB)") }
        for _ in 0..<1_500 {
            try database.write { try $0.run("INSERT INTO t VALUES (zeroblob(3000))") }
        }
        usleep(200_000)  // time for a checkpoint that must not come
        #expect(database.checkpointCounts.completed == 0)
        // 4.5 MB were written and all of it is still in the WAL: nothing was copied into the file.
        #expect(bytes(directory, "test.sqlite-wal") > 1_500 * 3_000)
        #expect(bytes(directory, "test.sqlite") < 64 * 1_024)
        #expect(try database.read { try $0.queryOne("SELECT count(*) FROM t") { $0.int(0) } } == 1_500)
        database.close()
    }
}
