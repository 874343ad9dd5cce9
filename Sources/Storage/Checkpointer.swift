// Moves WAL checkpoints off the writer: a connection and queue of their own, started by the WAL hook.
import CSQLite
import Dispatch
import Glibc
import Synchronization

/// Runs `PRAGMA wal_checkpoint(PASSIVE)` on its own connection whenever the WAL has grown past
/// `thresholdPages`, so no COMMIT waits for a checkpoint.
///
/// SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold: the writer then
/// copies ~1,000 pages into the main file and fsyncs it before that COMMIT returns, and every write
/// queued behind it waits (0.2–0.4 s per fsync of the 1.3 GB nation seed, measured with strace).
/// Installing a WAL hook on the writer turns the automatic checkpoint off
/// (<https://www.sqlite.org/c3ref/wal_hook.html>); the hook only notes the WAL's size and wakes this
/// queue. A PASSIVE checkpoint never blocks the writer or the readers; it copies what it can and
/// the next one continues (<https://www.sqlite.org/c3ref/wal_checkpoint_v2.html>).
///
/// `@unchecked Sendable`: `connection` is used only on `queue` (checked in every Connection call);
/// `state` is a Mutex.
final class Checkpointer: @unchecked Sendable {
    let queue: DispatchQueue
    private let connection: Connection
    private let thresholdPages: Int

    private struct State {
        /// A checkpoint is scheduled or running on `queue`.
        var running = false
        /// A truncating checkpoint is scheduled on `queue` (`truncate(wait: false)`).
        var truncateScheduled = false
        var closed = false
        var completed = 0
        var failed = 0
    }

    /// Guarded by its own lock; never held while SQL runs.
    private let state = Mutex(State())

    init(options: DatabaseOptions, thresholdPages: Int) throws {
        let queue = DispatchQueue(label: "groundswell.storage.checkpointer")
        self.queue = queue
        self.connection = try queue.sync { try Connection.open(role: .checkpointer, options: options, queue: queue) }
        self.thresholdPages = max(1, thresholdPages)
    }

    /// Installs the WAL hook on `writer` (call on the writer's queue). The hook holds this object
    /// unretained: the Database keeps it alive until after the writer has closed.
    func attach(to writer: Connection) {
        guard let db = writer.handle else { return }
        sqlite3_wal_hook(db, { context, _, _, pages in
            if let context {
                Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().walGrew(to: Int(pages))
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Checkpoints that completed and that failed so far (a failure is retried at the next commit).
    var counts: (completed: Int, failed: Int) { state.withLock { ($0.completed, $0.failed) } }

    /// Closes the connection after any running checkpoint.
    func close() {
        state.withLock { $0.closed = true }
        queue.sync { connection.close() }
    }

    private func walGrew(to pages: Int) {
        guard pages >= thresholdPages else { return }
        let start = state.withLock { state -> Bool in
            guard !state.running, !state.closed else { return false }
            state.running = true
            return true
        }
        if start { queue.async { self.checkpoint() } }
    }

    /// Copies every WAL frame into the database and truncates the `-wal` file to zero bytes
    /// (`wal_checkpoint(TRUNCATE)`), so nothing an earlier transaction wrote lingers there: the page
    /// images of erased text, or two rows that one transaction wrote together. It waits for the
    /// writer and for readers on older snapshots (the busy timeout), and is retried while they
    /// keep it from completing. With `wait`, returns whether it completed; otherwise it is
    /// scheduled (once, however often asked) and returns true.
    /// <https://www.sqlite.org/c3ref/wal_checkpoint_v2.html>
    @discardableResult
    func truncate(wait: Bool) -> Bool {
        if wait { return queue.sync { truncateNow() } }
        let schedule = state.withLock { state -> Bool in
            guard !state.truncateScheduled, !state.closed else { return false }
            state.truncateScheduled = true
            return true
        }
        if schedule {
            queue.asyncAfter(deadline: .now() + .milliseconds(200)) {
                self.state.withLock { $0.truncateScheduled = false }
                _ = self.truncateNow()
            }
        }
        return true
    }

    private func truncateNow() -> Bool {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !state.withLock({ $0.closed }) else { return false }
        for _ in 0..<20 {
            let blocked = try? connection.queryOne("PRAGMA wal_checkpoint(TRUNCATE)") { row -> Bool in
                let busy: Int = row.int(0)
                return busy != 0
            }
            if blocked == false { return true }
            usleep(20_000)
        }
        return false
    }

    private func checkpoint() {
        dispatchPrecondition(condition: .onQueue(queue))
        let succeeded: Bool
        do {
            try connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            succeeded = true
        } catch {
            succeeded = false  // busy or I/O: counted, and the next commit past the threshold retries
        }
        state.withLock { state in
            state.running = false
            if succeeded { state.completed += 1 } else { state.failed += 1 }
        }
    }
}
