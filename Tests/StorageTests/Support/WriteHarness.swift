// Helpers that make the writer's batching deterministic: hold it busy, queue writes, then let go.
import Dispatch
import Foundation
import Storage
import Synchronization
import Testing

/// Holds the writer inside one write body until `release()`, so later writes pile up in one batch.
final class WriterGate: Sendable {
    private let entered = DispatchSemaphore(value: 0)
    private let gate = DispatchSemaphore(value: 0)
    private let finished = DispatchGroup()

    /// Starts a write whose body runs `body` and then blocks; returns once the body is running.
    init(_ database: Database, body: @escaping @Sendable (Connection) throws -> Void = { _ in }) {
        finished.enter()
        spawnThread { [entered, gate, finished] in
            _ = try? database.write { connection in
                try body(connection)
                entered.signal()
                gate.wait()
            }
            finished.leave()
        }
        entered.wait()
    }

    /// Lets the held write finish, then waits for its caller to be completed.
    func release() {
        gate.signal()
        finished.wait()
    }
}

/// Results of writes submitted concurrently, by submission index.
final class ConcurrentWrites<T: Sendable>: Sendable {
    private let results = Mutex<[Int: Result<T, any Error>]>([:])
    private let group = DispatchGroup()

    /// Submits `count` writes, each from its own task on a global queue; `body(i)` is write i's body.
    init(
        _ database: Database, count: Int,
        body: @escaping @Sendable (Int) -> @Sendable (Connection) throws -> T
    ) {
        for index in 0..<count {
            group.enter()
            spawnThread { [self] in
                let result = Result { try database.write(body(index)) }
                results.withLock { $0[index] = result }
                group.leave()
            }
        }
    }

    /// Waits for every write to return, then gives the results in submission order.
    func wait() -> [Result<T, any Error>] {
        group.wait()
        return results.withLock { results in results.keys.sorted().compactMap { results[$0] } }
    }
}

/// Waits until `count` writes are queued behind the one the writer is running.
func waitForPendingWrites(_ database: Database, count: Int) {
    // Polls a counter the writer maintains; the condition, not a clock, ends the wait.
    while database.pendingWriteCount < count { usleep(1000) }
}

/// Runs `body` on a new thread of its own. Blocking test writers do not fit Dispatch's global
/// queues, which add threads slowly once the few they have are all blocked.
func spawnThread(_ body: @escaping @Sendable () -> Void) {
    Thread.detachNewThread(body)
}

/// Reads `SELECT x FROM t` from `count` threads at once.
final class ConcurrentReads: Sendable {
    private let results = Mutex<[Int64]>([])
    private let group = DispatchGroup()

    init(_ database: Database, count: Int) {
        for _ in 0..<count {
            group.enter()
            spawnThread { [self] in
                let value = (try? database.read { try $0.queryOne("SELECT x FROM t") { $0.int64(0) } }) ?? nil
                results.withLock { $0.append(value ?? -1) }
                group.leave()
            }
        }
    }

    func wait() -> [Int64] {
        group.wait()
        return results.withLock { $0 }
    }
}
