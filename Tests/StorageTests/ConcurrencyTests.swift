// Readers see one snapshot per read while the writer works; concurrent writers all land.
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Storage

struct ConcurrencyTests {
    private func database(_ directory: TemporaryDirectory) throws -> Database {
        let database = try directory.openDatabase { $0.readerCount = 3 }
        try database.write { connection in
            try connection.execute(
                """
                CREATE TABLE left_side (n INTEGER PRIMARY KEY) STRICT;
                CREATE TABLE right_side (n INTEGER PRIMARY KEY) STRICT;
                CREATE TABLE writes (thread INTEGER NOT NULL, i INTEGER NOT NULL, PRIMARY KEY (thread, i)) STRICT;
                """)
        }
        return database
    }

    /// A write committed during a read is invisible to the rest of that read, visible to the next.
    @Test func aReadKeepsItsSnapshotWhileAWriteCommits() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let (before, during) = try database.read { connection -> (Int64?, Int64?) in
            let before = try connection.queryOne("SELECT count(*) FROM left_side") { $0.int64(0) }
            try database.write { try $0.run("INSERT INTO left_side (n) VALUES (1)") }
            let during = try connection.queryOne("SELECT count(*) FROM left_side") { $0.int64(0) }
            return (before, during)
        }
        #expect(before == 0)
        #expect(during == 0)
        #expect(try database.read { try $0.queryOne("SELECT count(*) FROM left_side") { $0.int64(0) } } == 1)
    }

    /// Each write adds one row to both tables; any read must find both counts equal.
    @Test func concurrentReadsNeverSeeHalfAWrite() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let writesDone = Atomic<Bool>(false)
        let mismatches = Atomic<Int>(0)
        let reads = Atomic<Int>(0)
        let group = DispatchGroup()
        let reading = DispatchSemaphore(value: 0)
        for _ in 0..<3 {
            group.enter()
            spawnThread {
                defer { group.leave() }
                var first = true
                while first || !writesDone.load(ordering: .acquiring) {
                    defer {
                        if first { reading.signal() }
                        first = false
                    }
                    let counts = try? database.read { connection in
                        let left = try connection.queryOne("SELECT count(*) FROM left_side") { $0.int64(0) }
                        let right = try connection.queryOne("SELECT count(*) FROM right_side") { $0.int64(0) }
                        return (left, right)
                    }
                    if counts == nil || counts?.0 != counts?.1 { mismatches.add(1, ordering: .relaxed) }
                    reads.add(1, ordering: .relaxed)
                }
            }
        }
        // The writes start once every reader is reading (on a loaded machine the writes could
        // otherwise all finish before a reader thread got going, and nothing would be checked).
        for _ in 0..<3 { reading.wait() }
        for n in 0..<300 {
            try database.write { connection in
                try connection.run("INSERT INTO left_side (n) VALUES (?)", n)
                try connection.run("INSERT INTO right_side (n) VALUES (?)", n)
            }
        }
        writesDone.store(true, ordering: .releasing)
        group.wait()
        #expect(mismatches.load(ordering: .relaxed) == 0)
        #expect(reads.load(ordering: .relaxed) > 0)
    }

    @Test func manyThreadsWriteAtOnceAndEveryWriteLands() throws {
        let directory = try TemporaryDirectory()
        let database = try database(directory)
        let threads = 8
        let perThread = 40
        let failures = Atomic<Int>(0)
        let group = DispatchGroup()
        for thread in 0..<threads {
            group.enter()
            spawnThread {
                defer { group.leave() }
                for i in 0..<perThread {
                    do {
                        let id = try database.write { connection -> Int64 in
                            try connection.run("INSERT INTO writes (thread, i) VALUES (?, ?)", thread, i)
                            return connection.lastInsertRowID
                        }
                        if id <= 0 { failures.add(1, ordering: .relaxed) }
                    } catch {
                        failures.add(1, ordering: .relaxed)
                    }
                }
            }
        }
        group.wait()
        #expect(failures.load(ordering: .relaxed) == 0)
        let rows = try database.read { connection in
            try connection.query("SELECT thread, i FROM writes") { row -> [Int] in [row.int(0), row.int(1)] }
        }
        #expect(Set(rows) == Set((0..<threads).flatMap { t in (0..<perThread).map { [t, $0] } }))
        let statistics = database.writeStatistics
        #expect(statistics.acknowledged == 1 + threads * perThread)
        #expect(statistics.commits <= statistics.acknowledged)
    }
}
