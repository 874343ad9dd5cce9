// How a Database opens its file: durability, pool size, timeouts and write batching.

/// Settings for `Database`; every field has a default but `path`.
public struct DatabaseOptions: Sendable {
    /// The database file. Created when missing, with `-wal` and `-shm` files beside it.
    public var path: String

    /// `PRAGMA synchronous` for every connection. <https://www.sqlite.org/pragma.html#pragma_synchronous>
    ///
    /// In WAL mode:
    /// - `full` (default): every COMMIT fsyncs the WAL, so an acknowledged write survives a power
    ///   loss or OS crash. One fsync per write transaction, which group commit shares across a batch.
    /// - `normal`: COMMIT does not fsync; the WAL is synced only at checkpoints. The database stays
    ///   consistent after any crash and a process crash loses nothing, but a power loss or OS crash
    ///   can roll back the most recent acknowledged transactions. Faster on slow disks.
    public enum Synchronous: String, Sendable {
        case full = "FULL"
        case normal = "NORMAL"
    }

    public var synchronous: Synchronous = .full

    /// Reader connections in the pool: how many `read` calls run at once. Values below 1 mean 1.
    public var readerCount: Int = 4

    /// How long, in milliseconds, a connection waits for a lock held by another connection (another
    /// process, or a checkpoint) before failing with `SQLITE_BUSY` (`isBusy`). 0 means fail at once.
    public var busyTimeoutMilliseconds: Int32 = 5000

    /// `true` (default): the writer runs all pending write requests in one transaction, one savepoint
    /// each, with one COMMIT (and so one fsync) per batch. `false`: one transaction per request;
    /// for comparing the two in a benchmark.
    public var groupCommit: Bool = true

    /// `true` (default, with group commit only): votes written with `Database.writeVote` are
    /// appended to the vote journal and folded into `votes` and the counts later, many at a time
    /// (`VoteJournal`); reads add the unfolded ones, so nothing reads differently. `false`: every
    /// vote is written straight into the tables, as without group commit.
    public var voteJournal: Bool = true

    /// The writer folds the journal into the tables when this many votes wait, when the oldest has
    /// waited `journalFoldMilliseconds`, before any write that is not a vote, and whenever no other
    /// write is queued (so an idle database has nothing left unfolded). Values below 1 mean 1.
    public var journalFoldVotes: Int = 16384
    public var journalFoldMilliseconds: Int = 1000
    /// A batch that finds no other write queued folds at once while the journal (with it) holds no
    /// more than this many votes: a lone voter finds the tables up to date when answered. 0: never.
    public var journalLightLoadVotes: Int = 4
    /// How long folded votes stay in memory for readers whose snapshot predates the fold, in
    /// milliseconds; a reader older than that reads the journal table instead (slower, as exact).
    public var journalRetentionMilliseconds: Int = 2000

    /// The most write requests one transaction may hold; more wait for the next batch.
    /// Bounds how long one batch holds the write lock. Values below 1 mean 1.
    public var maxBatch: Int = 512

    /// WAL pages after which a checkpoint starts on the checkpointer's own connection (SQLite's
    /// automatic checkpoint, which would run inside a COMMIT, is off). Values below 1 mean 1.
    public var checkpointPages: Int = 1000

    /// Who copies the WAL back into the database file.
    /// - `server` (default): this process, on the `Checkpointer`'s connection past `checkpointPages`.
    /// - `external`: another process, and this one never does. Litestream replicates by reading every
    ///   WAL frame before it is checkpointed away, so it must control checkpoints: it holds a read
    ///   transaction to stop others' checkpoints from restarting the WAL, and its docs warn that an
    ///   application checkpointing in the moment it switches locks makes it miss frames and start a
    ///   new snapshot (<https://litestream.io/tips/>, "Disable autocheckpoints"). So no Checkpointer
    ///   is started and the writer's `wal_autocheckpoint` is 0; Litestream checkpoints (PASSIVE past
    ///   its `min-checkpoint-page-count`, every `checkpoint-interval`, TRUNCATE past `truncate-page-n`).
    public enum Checkpoints: String, Sendable {
        case server
        case external
    }

    public var checkpoints: Checkpoints = .server

    /// The writer's page cache, in KiB (SQLite's negative `cache_size`). Every write first reads
    /// the pages it changes; with SQLite's 2 MiB default a campaign larger than that reads them
    /// back from the OS on every vote. Pages are cached only once touched, so a small database
    /// never uses the whole of it. <https://www.sqlite.org/pragma.html#pragma_cache_size>
    public var writerCacheKiB: Int = 64 * 1024

    /// Bytes of the database file each reader maps into memory (`PRAGMA mmap_size`), so a page its
    /// own cache lacks is read as memory, not with a `pread`. In WAL mode a reader drops its page
    /// cache whenever another connection has committed since its last read, which at vote rates is
    /// every few milliseconds, so readers re-read pages all the time (~9 % of the server's samples in
    /// the mixed workload, issue 26). The map is shared with the OS page cache, so it costs address
    /// space, and pages touched show in the process's RSS (file-backed). Pages still in the WAL are
    /// read from it as before. Default 256 MiB; 0: no map. <https://www.sqlite.org/mmap.html>
    public var readerMapBytes: Int = 256 << 20

    /// Told about every commit (the metrics). Default nil: nobody.
    public var observer: (any StorageObserver)?

    public init(path: String) { self.path = path }
}
