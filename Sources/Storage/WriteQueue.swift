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
    /// Transactions that folded the vote journal into the tables.
    public var journalFolds = 0
}

/// Owns the writer connection and runs every write on `queue`.
///
/// Callers append a request to `pending` and block (`submit`) or leave a completion (`enqueue`);
/// one drain task on `queue` takes up to `maxBatch` requests at a time. With group commit the batch runs in one transaction, each request inside its
/// own SAVEPOINT, so a failing request is rolled back alone; COMMIT runs once and only then are
/// the callers completed. Without group commit each request is its own transaction.
///
/// `@unchecked Sendable`: `connection` is touched only on `queue` (checked by `dispatchPrecondition`
/// in every Connection call); `state` is a Mutex.
final class WriteQueue: @unchecked Sendable {
    let queue: DispatchQueue
    let connection: Connection
    private let groupCommit: Bool
    private let maxBatch: Int
    /// The vote journal the writer records votes in and folds, with group commit only.
    let journal: VoteJournal?
    let journalFoldVotes: Int64
    let journalFoldNanoseconds: UInt64
    let journalLightLoadVotes: Int64
    let observer: (any StorageObserver)?

    private struct State {
        var pending: [any PendingWrite] = []
        /// A drain task is scheduled or running on `queue`.
        var draining = false
        var closed = false
        var statistics = WriteStatistics()
        /// A fold of the journal is scheduled for when the writer has stayed idle.
        var idleFoldScheduled = false
    }

    /// Guarded by its own lock; never held while SQL runs.
    private let state = Mutex(State())

    init(connection: Connection, queue: DispatchQueue, options: DatabaseOptions, journal: VoteJournal?) {
        self.connection = connection
        self.queue = queue
        self.groupCommit = options.groupCommit
        self.maxBatch = max(1, options.maxBatch)
        self.journal = options.groupCommit ? journal : nil
        self.journalFoldVotes = Int64(max(1, options.journalFoldVotes))
        self.journalFoldNanoseconds = UInt64(max(1, options.journalFoldMilliseconds)) * 1_000_000
        self.journalLightLoadVotes = Int64(max(0, options.journalLightLoadVotes))
        self.observer = options.observer
    }

    var statistics: WriteStatistics { state.withLock { $0.statistics } }

    /// Requests waiting for the writer, not counting the batch it is running.
    var pendingCount: Int { state.withLock { $0.pending.count } }

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
        _ body: @escaping @Sendable (Connection) throws -> T, recordsVotes: Bool = false,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        do {
            try append(DeferredWriteRequest(body, recordsVotes: recordsVotes, completion: completion))
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
            // Tidy for the next process; were this to fail, the next open folds instead.
            if let journal, journal.unfolded().count > 0 { foldAlone() }
            connection.close()
        }
    }

    /// Votes left in the journal after a busy spell are folded `journalFoldNanoseconds` after the
    /// writer went idle, by a write that does nothing but make its batch fold first. While batches
    /// keep committing the timer only re-arms: they fold the journal themselves when it is due, in a
    /// transaction of their own, where this write would fold it inside its savepoint.
    private func scheduleIdleFold() {
        guard let journal, journal.unfolded().count > 0 else { return }
        let commits = state.withLock { state -> Int? in
            guard !state.idleFoldScheduled, !state.closed else { return nil }
            state.idleFoldScheduled = true
            return state.statistics.commits
        }
        guard let commits else { return }
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(journalFoldNanoseconds))) {
            let idle = self.state.withLock { state -> Bool in
                state.idleFoldScheduled = false
                return state.statistics.commits == commits
            }
            guard journal.unfolded().count > 0 else { return }
            if idle {
                self.enqueue({ _ in }, completion: { _ in })
            } else {
                self.scheduleIdleFold()
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
                scheduleIdleFold()
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
