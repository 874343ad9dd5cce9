// Group commit: a batch commits once, a failing request fails alone, a failed COMMIT fails them all.
import CSQLite
import Dispatch
import Synchronization
import Testing
@testable import Storage

struct GroupCommitTests {
    struct Refused: Error {}

    private func database(_ directory: TemporaryDirectory, groupCommit: Bool = true) throws -> Database {
        let database = try directory.openDatabase { $0.groupCommit = groupCommit }
        try database.write { connection in
            try connection.execute(
                """
                CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
                CREATE TABLE t (
                    id INTEGER PRIMARY KEY,
                    v TEXT NOT NULL UNIQUE,
                    parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED
                ) STRICT;
                INSERT INTO t (v) VALUES ('taken');
                """)
        }
        return database
    }

    private func values(_ database: Database) throws -> Set<String> {
        Set(try database.read { try $0.query("SELECT v FROM t") { $0.text(0) } })
    }

    /// Write 3 breaks UNIQUE, write 5 inserts then throws, write 7 leaves a deferred FK violation.
    private func body(_ index: Int) -> @Sendable (Connection) throws -> Int64 {
        { connection in
            switch index {
            case 3:
                try connection.run("INSERT INTO t (v) VALUES (?)", "taken")
            case 5:
                try connection.run("INSERT INTO t (v) VALUES (?)", "w5")
                throw Refused()
            case 7:
                try connection.run("INSERT INTO t (v, parent) VALUES (?, 404)", "w7")
            default:
                try connection.run("INSERT INTO t (v) VALUES (?)", "w\(index)")
            }
            return connection.lastInsertRowID
        }
    }

    @Test func oneBatchOneCommitAndFailuresFailAlone() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let before = database.writeStatistics
        let gate = WriterGate(database)
        let writes = ConcurrentWrites(database, count: 20, body: body)
        waitForPendingWrites(database, count: 20)
        gate.release()
        let results = writes.wait()

        #expect(database.writeStatistics.commits == before.commits + 2)  // the gate, then one batch
        for (index, result) in results.enumerated() {
            switch (index, result) {
            case (3, .failure(let error as SQLiteError)): #expect(error.isConstraint)
            case (5, .failure(let error)): #expect(error is Refused)
            case (7, .failure(let error as SQLiteError)): #expect(error.isConstraint)
            case (3, _), (5, _), (7, _): Issue.record("write \(index) should have failed: \(result)")
            case (_, .success): break
            case (_, .failure(let error)): Issue.record("write \(index) failed: \(error)")
            }
        }
        let expected = Set((0..<20).filter { ![3, 5, 7].contains($0) }.map { "w\($0)" } + ["taken"])
        #expect(try values(database) == expected)
        #expect(try database.check() == [])
    }

    /// A commit hook that refuses the second COMMIT it sees makes that batch's COMMIT fail.
    final class CommitRefuser {
        var calls = 0
        var refuseCall = 2
    }

    @Test func failedCommitFailsTheWholeBatchAndTheWriterRecovers() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let refuser = CommitRefuser()
        let context = UInt(bitPattern: Unmanaged.passUnretained(refuser).toOpaque())
        let gate = WriterGate(database) { connection in
            sqlite3_commit_hook(connection.handle, { context in
                guard let context else { return 0 }
                let refuser = Unmanaged<CommitRefuser>.fromOpaque(context).takeUnretainedValue()
                refuser.calls += 1
                return refuser.calls == refuser.refuseCall ? 1 : 0
            }, UnsafeMutableRawPointer(bitPattern: context))
            try connection.run("INSERT INTO t (v) VALUES ('gate')")
        }
        let writes = ConcurrentWrites(database, count: 6) { index in
            { try $0.run("INSERT INTO t (v) VALUES (?)", "batch\(index)") }
        }
        waitForPendingWrites(database, count: 6)
        gate.release()
        for result in writes.wait() {
            guard case .failure(let error as SQLiteError) = result else {
                Issue.record("expected the failed COMMIT's error, got \(result)")
                continue
            }
            #expect(error.isConstraint)  // SQLITE_CONSTRAINT_COMMITHOOK
        }
        #expect(database.writeStatistics.failedCommits == 1)
        try database.write { try $0.run("INSERT INTO t (v) VALUES ('after')") }
        try database.write { connection in _ = sqlite3_commit_hook(connection.handle, nil, nil) }
        #expect(try values(database) == ["taken", "gate", "after"])
    }

    @Test func withoutGroupCommitEachWriteIsItsOwnTransaction() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory, groupCommit: false)
        let before = database.writeStatistics
        let gate = WriterGate(database)
        let writes = ConcurrentWrites(database, count: 10, body: body)
        waitForPendingWrites(database, count: 10)
        gate.release()
        let failures = writes.wait().enumerated().filter {
            if case .failure = $0.element { return true } else { return false }
        }.map(\.offset)
        #expect(failures == [3, 5, 7])
        #expect(database.writeStatistics.commits == before.commits + 1 + 7)
        #expect(try values(database).count == 1 + 7)
    }

    @Test func closeWaitsForQueuedWritesThenRefusesNewOnes() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let gate = WriterGate(database)
        let writes = ConcurrentWrites(database, count: 8) { index in
            { try $0.run("INSERT INTO t (v) VALUES (?)", "late\(index)") }
        }
        waitForPendingWrites(database, count: 8)
        let closed = DispatchSemaphore(value: 0)
        spawnThread {
            database.close()
            closed.signal()
        }
        gate.release()
        closed.wait()
        for result in writes.wait() {
            if case .failure(let error) = result { Issue.record("queued write failed: \(error)") }
        }
        let error = #expect(throws: SQLiteError.self) { try database.write { _ in 1 } }
        #expect(error?.code == SQLITE_MISUSE)
        let reopened = try directory.openDatabase()
        #expect(try values(reopened).count == 1 + 8)
    }

    /// Results handed from the writer's completions to the test.
    final class Completions: Sendable {
        private let results = Mutex<[Int: Result<Bool, any Error>]>([:])
        let group = DispatchGroup()

        func record(_ index: Int, _ result: Result<Bool, any Error>) {
            results.withLock { $0[index] = result }
            group.leave()
        }

        var all: [Int: Result<Bool, any Error>] { results.withLock { $0 } }
    }

    @Test func writesWithACompletionShareTheBatchAndCompleteAfterTheCommit() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let before = database.writeStatistics
        let gate = WriterGate(database)
        let completions = Completions()
        for index in 0..<10 {
            completions.group.enter()
            database.write({ connection in
                _ = try self.body(index)(connection)
                return "w\(index)"
            }, completion: { result in
                // Runs after COMMIT: a reader (its own connection) already sees the row.
                completions.record(index, Result {
                    let value = try result.get()
                    return try database.read { try $0.queryOne("SELECT 1 FROM t WHERE v = ?", value) { _ in true } } ?? false
                })
            })
        }
        waitForPendingWrites(database, count: 10)
        gate.release()
        completions.group.wait()
        #expect(database.writeStatistics.commits == before.commits + 2)  // the gate, then one batch
        for (index, result) in completions.all.sorted(by: { $0.key < $1.key }) {
            switch (index, result) {
            case (3, .failure), (5, .failure(is Refused)), (7, .failure): break
            case (3, _), (5, _), (7, _): Issue.record("write \(index) should have failed: \(result)")
            case (_, .success(let visible)): #expect(visible, "write \(index) completed before its row was readable")
            case (_, .failure(let error)): Issue.record("write \(index) failed: \(error)")
            }
        }
        database.close()
        let refused = Completions()
        refused.group.enter()
        database.write({ _ in 1 }, completion: { result in refused.record(0, result.map { _ in true }) })
        refused.group.wait()
        guard case .failure(let error as SQLiteError)? = refused.all[0] else {
            Issue.record("a write after close should fail")
            return
        }
        #expect(error.code == SQLITE_MISUSE)
    }
}
