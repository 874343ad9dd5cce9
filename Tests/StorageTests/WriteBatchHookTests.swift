// The writer tells its batch hook every step, in order, whatever the hook is: here one that only writes a log.
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Storage

/// A hook that records what the writer told it, and optionally asks to work after a commit.
final class LoggingHook: WriteBatchHook, @unchecked Sendable {  // confined to the writer's queue; `log` is a Mutex
    let log = Mutex<[String]>([])
    /// Asks for `workAlone` after a batch of this many requests.
    let workAfterBatchOf = Mutex<Int?>(nil)

    func note(_ entry: String) { log.withLock { $0.append(entry) } }

    func willRun(_ kind: WriteKind, on connection: Connection) throws {
        switch kind {
        case .general: note("willRun general")
        case .appendOnly: note("willRun appendOnly")
        }
    }

    func requestUndone() { note("undone") }

    func beforeCommit(on connection: Connection, batchSize: Int, queued: Int) -> Bool {
        note("beforeCommit \(batchSize)")
        return workAfterBatchOf.withLock { $0 == batchSize }
    }

    func committed() -> Bool {
        note("committed")
        return false
    }

    func transactionLost() { note("lost") }

    func workAlone(on connection: Connection) throws -> Bool {
        try connection.run("INSERT INTO t (v) VALUES ('hook')")
        note("workAlone")
        return true
    }

    var idleDelayNanoseconds: UInt64? { nil }
}

@Suite struct WriteBatchHookTests {
    struct Refused: Error {}

    /// A writer on a fresh file with table `t`, the hook attached, and a way to hold it busy.
    final class Writer: @unchecked Sendable {  // the queue is only used through `WriteQueue`
        let directory: TemporaryDirectory
        let queue: DispatchQueue
        let writer: WriteQueue
        let hook = LoggingHook()

        init() throws {
            directory = try TemporaryDirectory()
            let queue = DispatchQueue(label: "test.writer")
            self.queue = queue
            let options = DatabaseOptions(path: directory.file("hook.sqlite"))
            let connection = try queue.sync { try Connection.open(role: .writer, options: options, queue: queue) }
            try queue.sync { try connection.execute("CREATE TABLE t (v TEXT NOT NULL)") }
            writer = WriteQueue(connection: connection, queue: queue, options: options, hook: hook)
        }

        /// Enqueues `bodies` while a first write holds the writer, so they run as one batch.
        func batch(_ bodies: [(WriteKind, @Sendable (Connection) throws -> Void)]) {
            let held = DispatchSemaphore(value: 0), entered = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            done.enter()
            writer.enqueue({ _ in
                entered.signal()
                held.wait()
            }, completion: { [hook] _ in
                hook.note("done holder")
                done.leave()
            })
            entered.wait()
            for (index, (kind, body)) in bodies.enumerated() {
                done.enter()
                writer.enqueue(body, kind: kind, completion: { [hook] result in
                    hook.note("done \(index) \((try? result.get()) != nil ? "ok" : "failed")")
                    done.leave()
                })
            }
            held.signal()
            done.wait()
            queue.sync {}  // the writer's drain, and any work after the commit, has finished
        }

        /// What the hook heard from the batch of `bodies` on (the holder's own batch left out).
        var heard: [String] {
            let log = hook.log.withLock { $0 }
            guard let start = log.firstIndex(of: "done holder") else { return log }
            return Array(log[(start + 1)...])
        }

        func rows() throws -> [String] {
            try queue.sync { try writer.connection.query("SELECT v FROM t ORDER BY rowid") { $0.text(0) } }
        }
    }

    @Test func everyStepOfABatchInOrder() throws {
        let w = try Writer()
        defer { w.writer.close() }
        w.batch([
            (.general, { try $0.run("INSERT INTO t (v) VALUES ('a')") }),
            (.general, { connection in
                try connection.run("INSERT INTO t (v) VALUES ('b')")
                throw Refused()
            }),
            (.appendOnly, { try $0.run("INSERT INTO t (v) VALUES ('c')") }),
            (.appendOnly, { _ in throw Refused() }),
        ])
        // A failed request is answered at once; the others only after COMMIT.
        #expect(w.heard == [
            "willRun general", "willRun general", "undone", "done 1 failed", "willRun appendOnly", "willRun appendOnly",
            "undone", "done 3 failed", "beforeCommit 4", "committed", "done 0 ok", "done 2 ok",
        ])
        #expect(try w.rows() == ["a", "c"], "the failed request's row was rolled back to its savepoint")
    }

    /// Work the hook asks for runs in a transaction of its own once the batch's callers are answered.
    @Test func workAloneAfterTheCallersAreAnswered() throws {
        let w = try Writer()
        defer { w.writer.close() }
        w.hook.workAfterBatchOf.withLock { $0 = 2 }
        w.batch([
            (.general, { try $0.run("INSERT INTO t (v) VALUES ('a')") }),
            (.general, { try $0.run("INSERT INTO t (v) VALUES ('b')") }),
        ])
        #expect(w.heard == [
            "willRun general", "willRun general", "beforeCommit 2", "committed", "done 0 ok", "done 1 ok", "workAlone",
            "committed",
        ])
        #expect(try w.rows() == ["a", "b", "hook"])
        #expect(w.writer.statistics.hookTransactions == 0, "this hook's committed() says its work was not in them")
    }

    /// A body that loses the whole transaction fails with the requests staged before it; the hook
    /// hears the loss, and the rest of the batch runs in a new transaction.
    @Test func aLostTransactionIsTold() throws {
        let w = try Writer()
        defer { w.writer.close() }
        w.batch([
            (.general, { try $0.run("INSERT INTO t (v) VALUES ('a')") }),
            (.general, { connection in
                try connection.execute("ROLLBACK")
                throw Refused()
            }),
            (.general, { try $0.run("INSERT INTO t (v) VALUES ('c')") }),
        ])
        #expect(w.heard == [
            "willRun general", "willRun general", "undone", "lost", "done 1 failed", "done 0 failed",
            "willRun general", "beforeCommit 1", "committed", "done 2 ok",
        ])
        #expect(try w.rows() == ["c"])
    }
}
