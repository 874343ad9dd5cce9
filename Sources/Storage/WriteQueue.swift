// The single writer: one connection on one serial queue, committing pending writes in batches.
import Dispatch
import Synchronization

/// Counts of what the writer has done since the database opened.
public struct WriteStatistics: Sendable, Equatable {
    /// Transactions that committed.
    public var commits = 0
    /// Write requests acknowledged (their transaction committed).
    public var acknowledged = 0
    /// Write requests that failed, alone or with their batch.
    public var failed = 0
    /// COMMITs that failed (each failed its whole batch).
    public var failedCommits = 0
    /// Transactions in which the batch hook's own work committed (the vote journal's folds).
    public var hookTransactions = 0
    /// Transactions that committed a write other than the hook's own rows: any general request, or
    /// an append-only one without a hook (it then writes the tables). Journal votes and their folds
    /// change only votes and counts, so this stays put while they commit (`Database.nonVoteVersion`).
    public var nonVoteCommits = 0
}

/// Owns the writer connection and runs every write on `queue`.
///
/// Callers append a request to `pending` and block (`submit`) or leave a completion (`enqueue`);
/// one drain task on `queue` takes up to `maxBatch` requests at a time. With group commit the batch runs in one transaction, each request inside its
/// own SAVEPOINT, so a failing request is rolled back alone; COMMIT runs once and only then are
/// the callers completed. Without group commit each request is its own transaction.
/// A `WriteBatchHook` (with group commit only) is told of every step and may do its own work.
///
/// `@unchecked Sendable`: `connection` and `hook` are touched only on `queue` (checked by
/// `dispatchPrecondition` in every Connection call); `state` is a Mutex, `generalWrites` an Atomic.
final class WriteQueue: @unchecked Sendable {
    let queue: DispatchQueue
    let connection: Connection
    private let groupCommit: Bool
    private let maxBatch: Int
    /// Work done beside the requests (the vote journal), with group commit only.
    let hook: (any WriteBatchHook)?
    private let generalWrites = Atomic<Int>(0)
    let observer: (any StorageObserver)?

    private struct State {
        var pending: [any PendingWrite] = []
        /// A drain task is scheduled or running on `queue`.
        var draining = false
        var closed = false
        var statistics = WriteStatistics()
        /// The hook's work is scheduled for when the writer has stayed idle.
        var idleWorkScheduled = false
    }

    /// Guarded by its own lock; never held while SQL runs.
    private let state = Mutex(State())

    init(connection: Connection, queue: DispatchQueue, options: DatabaseOptions, hook: (any WriteBatchHook)?) {
        self.connection = connection
        self.queue = queue
        self.groupCommit = options.groupCommit
        self.maxBatch = max(1, options.maxBatch)
        self.hook = options.groupCommit ? hook : nil
        self.observer = options.observer
    }

    var statistics: WriteStatistics { state.withLock { $0.statistics } }

    /// Requests waiting for the writer, not counting the batch it is running.
    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// General write bodies begun so far (`Database.generalWritesBegun`).
    var generalWritesBegun: Int { generalWrites.load(ordering: .relaxed) }

    /// Counts a general write about to run (a request's body, or a migration).
    func noteGeneralWrite() {
        generalWrites.add(1, ordering: .relaxed)
    }

    /// Queues `body`, blocks until its transaction committed (or it failed), and returns its result.
    func submit<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        dispatchPrecondition(condition: .notOnQueue(queue))
        let request = WriteRequest(body)
        try append(request)
        return try request.wait()
    }

    /// Queues `body` and returns at once; `completion` runs on the writer's queue after the
    /// transaction holding it committed (or with the error). Nothing waits, so a caller on an event
    /// loop can hand its write over and answer when the completion posts back.
    func enqueue<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T, kind: WriteKind = .general,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        do {
            try append(DeferredWriteRequest(body, kind: kind, completion: completion))
        } catch {
            completion(.failure(error))
        }
    }

    private func append(_ request: any PendingWrite) throws {
        let startDrain = try state.withLock { state -> Bool in
            guard !state.closed else { throw SQLiteError.misuse("database is closed") }
            state.pending.append(request)
            guard !state.draining else { return false }
            state.draining = true
            return true
        }
        if startDrain { queue.async { self.drain() } }
    }

    /// Stops accepting writes, waits for every queued one to finish, then closes the connection.
    func close() {
        dispatchPrecondition(condition: .notOnQueue(queue))
        state.withLock { $0.closed = true }
        queue.sync {
            drain()
            // The hook's unfinished work, tidied for the next process (were this to fail, the next
            // open finishes it: `Database` folds a journal it finds).
            if hook?.idleDelayNanoseconds != nil { runHookAlone() }
            connection.close()
        }
    }

    /// Work the hook has left after a busy spell (votes in the journal) is done the hook's delay
    /// after the writer went idle, by an empty general write, which the hook prepares for (folds)
    /// first. While batches keep committing the timer only re-arms: they let the hook work when it
    /// is due, in a transaction of its own, where this write would make it work inside its savepoint.
    private func scheduleIdleWork() {
        guard let hook, let delay = hook.idleDelayNanoseconds else { return }
        let commits = state.withLock { state -> Int? in
            guard !state.idleWorkScheduled, !state.closed else { return nil }
            state.idleWorkScheduled = true
            return state.statistics.commits
        }
        guard let commits else { return }
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(delay))) {
            let idle = self.state.withLock { state -> Bool in
                state.idleWorkScheduled = false
                return state.statistics.commits == commits
            }
            guard self.hook?.idleDelayNanoseconds != nil else { return }
            if idle {
                self.enqueue({ _ in }, completion: { _ in })
            } else {
                self.scheduleIdleWork()
            }
        }
    }

    /// Runs batches until nothing is pending.
    private func drain() {
        dispatchPrecondition(condition: .onQueue(queue))
        while true {
            let limit = groupCommit ? maxBatch : 1
            let batch = state.withLock { state -> [any PendingWrite] in
                let batch = Array(state.pending.prefix(limit))
                state.pending.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if batch.isEmpty {
                scheduleIdleWork()
                return
            }
            if groupCommit {
                runBatch(batch[...])
            } else {
                for request in batch { runAlone(request) }
            }
        }
    }

    func record(_ update: (inout WriteStatistics) -> Void) {
        state.withLock { update(&$0.statistics) }
    }

    func fail(_ requests: some Sequence<any PendingWrite>, with error: any Error) {
        var count = 0
        for request in requests {
            request.fail(error)
            count += 1
        }
        record { $0.failed += count }
    }
}
