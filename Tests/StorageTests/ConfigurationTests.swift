// Every connection is opened with the PRAGMAs the brief requires; readers cannot write.
import Foundation
import Testing
@testable import Storage

struct ConfigurationTests {
    struct Pragmas: Equatable {
        var journalMode: String?
        var foreignKeys: Int64?
        var synchronous: Int64?
        var secureDelete: Int64?
        var busyTimeout: Int64?
        var queryOnly: Int64?
        var journalSizeLimit: Int64?
    }

    private static func pragmas(_ connection: Connection) throws -> Pragmas {
        func integer(_ name: String) throws -> Int64? {
            try connection.queryOne("PRAGMA \(name)") { $0.int64(0) }
        }
        return Pragmas(
            journalMode: try connection.queryOne("PRAGMA journal_mode") { $0.text(0) },
            foreignKeys: try integer("foreign_keys"),
            synchronous: try integer("synchronous"),
            secureDelete: try integer("secure_delete"),
            busyTimeout: try integer("busy_timeout"),
            queryOnly: try integer("query_only"),
            journalSizeLimit: try integer("journal_size_limit"))
    }

    /// PRAGMA synchronous reads back as 2 for FULL and 1 for NORMAL.
    @Test(arguments: [(DatabaseOptions.Synchronous.full, Int64(2)), (.normal, 1)])
    func writerAndReadersAreConfigured(synchronous: DatabaseOptions.Synchronous, level: Int64) throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase {
            $0.synchronous = synchronous
            $0.busyTimeoutMilliseconds = 1234
        }
        let writer = try database.write { try Self.pragmas($0) }
        #expect(writer == Pragmas(
            journalMode: "wal", foreignKeys: 1, synchronous: level, secureDelete: 1, busyTimeout: 1234, queryOnly: 0,
            journalSizeLimit: 4 << 20))
        let reader = try database.read { try Self.pragmas($0) }
        #expect(reader == Pragmas(
            journalMode: "wal", foreignKeys: 1, synchronous: level, secureDelete: 1, busyTimeout: 1234, queryOnly: 1,
            journalSizeLimit: 4 << 20))
    }

    /// Readers map the file (`readerMapBytes`), so a page their emptied cache lacks is no `pread`; 0 turns it off.
    @Test func readersMapTheFile() throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase { _ in }
        #expect(try database.read { try $0.queryOne("PRAGMA mmap_size") { $0.int64(0) } } == 256 << 20)
        let unmapped = try directory.openDatabase("unmapped.sqlite") { $0.readerMapBytes = 0 }
        #expect(try unmapped.read { try $0.queryOne("PRAGMA mmap_size") { $0.int64(0) } } == 0)
    }

    @Test func defaultsMatchTheBrief() {
        let options = DatabaseOptions(path: "x")
        #expect(options.synchronous == .full)
        #expect(options.readerCount == 4)
        #expect(options.busyTimeoutMilliseconds == 5000)
        #expect(options.groupCommit)
        #expect(options.maxBatch == 512)
    }

    /// More concurrent reads than readers: the extra callers wait for a free reader, none fails.
    @Test func readsBeyondThePoolSizeWait() throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase { $0.readerCount = 1 }
        try database.write { try $0.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (41)") }
        let reads = ConcurrentReads(database, count: 12)
        #expect(reads.wait() == Array(repeating: 41, count: 12))
    }
}

extension ConfigurationTests {
    /// A clean close checkpoints the WAL into the main file and removes it.
    @Test func closeLeavesNoWriteAheadLog() throws {
        let directory = try TemporaryDirectory()
        let database = try directory.openDatabase()
        try database.write { try $0.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)") }
        #expect(FileManager.default.fileExists(atPath: directory.file("test.sqlite-wal")))
        database.close()
        #expect(!FileManager.default.fileExists(atPath: directory.file("test.sqlite-wal")))
    }
}
