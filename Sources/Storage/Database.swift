// The database as the rest of the app sees it: one writer with group commit, a pool of readers.
import Dispatch
import Synchronization

/// An open SQLite database: migrations applied, one writer, `readerCount` readers.
///
/// Concurrency, in one place:
/// - The writer connection is owned by one serial queue (`WriteQueue.queue`). `write` hands a body to
///   that queue and blocks until the transaction holding it has committed.
/// - Each reader connection is owned by its own serial queue; `read` borrows a free one (blocking
///   while all are busy) and runs the body on that reader's queue inside a deferred transaction,
///   so it sees one consistent snapshot. WAL lets readers and the writer run at the same time.
/// - WAL checkpoints run on the `Checkpointer`'s own connection and queue, never inside a COMMIT
///   (or in another process: `DatabaseOptions.Checkpoints.external`).
/// - Every Connection method checks its queue with `dispatchPrecondition`.
///
/// Do not call `write` from inside a `write` body (it would wait for itself; it traps instead), and
/// do not nest `read` calls deeper than `readerCount`.
///
/// `@unchecked Sendable`: the stored properties are immutable references to a `WriteQueue` and a
/// `ReaderPool`, which confine their connections to queues and guard their state with Mutexes,
/// and an `Atomic` count.
public final class Database: @unchecked Sendable {
    public let options: DatabaseOptions
    private let writer: WriteQueue
    private let readers: ReaderPool
    /// Nil when another process checkpoints (`DatabaseOptions.Checkpoints.external`).
    private let checkpointer: Checkpointer?
    private let begun = Atomic<Int>(0)
    /// The unfolded votes, with group commit and the vote journal on; shared by the writer's hook
    /// and every connection's view of it.
    private let journal: VoteJournal?

    /// Opens (creating if needed) the database, applies the migrations in `migrationsDirectory`
    /// when given, then opens the readers.
    public init(options: DatabaseOptions, migrationsDirectory: String?) throws {
        self.options = options
        let queue = DispatchQueue(label: "groundswell.storage.writer")
        let connection = try queue.sync { try Connection.open(role: .writer, options: options, queue: queue) }
        if let migrationsDirectory {
            _ = try queue.sync { try Migrator(connection: connection).migrate(directory: migrationsDirectory) }
        }
        switch options.checkpoints {
        case .server:
            let checkpointer = try Checkpointer(options: options, thresholdPages: options.checkpointPages)
            queue.sync { checkpointer.attach(to: connection) }
            self.checkpointer = checkpointer
        case .external:
            // <https://www.sqlite.org/pragma.html#pragma_wal_autocheckpoint>: 0 turns it off.
            try queue.sync { try connection.execute("PRAGMA wal_autocheckpoint=0") }
            self.checkpointer = nil
        }
        let journal = try queue.sync { try Self.openJournal(on: connection, options: options) }
        self.journal = journal
        self.writer = WriteQueue(
            connection: connection, queue: queue, options: options,
            hook: journal.map { VoteJournalHook(journal: $0, options: options) })
        self.readers = try ReaderPool(options: options, journal: journal)
    }

    /// Folds what a previous run left in the vote journal (after a crash, or another process's
    /// votes), then returns the journal this run records votes in: with group commit and
    /// `voteJournal` on, once migration 0004 made its table; `nil` otherwise.
    private static func openJournal(on connection: Connection, options: DatabaseOptions) throws -> VoteJournal? {
        let votes = VoteStore(connection)
        guard try votes.hasJournal() else { return nil }
        _ = try connection.transaction { try votes.foldJournal() }
        guard options.groupCommit, options.voteJournal else { return nil }
        let journal = VoteJournal(retentionMilliseconds: options.journalRetentionMilliseconds)
        journal.start(after: try votes.journalSequence())
        connection.attachment = VoteJournalView(journal: journal)
        return journal
    }

    /// Applies pending migrations from `directory` on the writer, between write batches, and
    /// returns the names of the files applied now (empty when already up to date).
    public func migrate(directory: String) throws -> [String] {
        dispatchPrecondition(condition: .notOnQueue(writer.queue))
        return try writer.queue.sync {
            writer.noteGeneralWrite()
            return try Migrator(connection: writer.connection).migrate(directory: directory)
        }
    }

    /// Runs `body` on a pooled reader inside one read transaction and returns its result.
    /// The connection is read-only (`PRAGMA query_only`) and must not escape the body.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        begun.add(1, ordering: .relaxed)
        return try readers.withReader { connection in
            try connection.readTransaction { try body(connection) }
        }
    }

    /// Runs `body` on the writer and returns its result once the transaction holding it committed.
    ///
    /// With group commit, `body` runs in a savepoint inside a transaction shared with other callers'
    /// bodies; if it throws, only its own changes are undone and its error is rethrown here. If the
    /// COMMIT fails, every body of the batch fails with that error. Nothing is returned before
    /// COMMIT has returned, so a returned value means the write is durable per `synchronous`.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        begun.add(1, ordering: .relaxed)
        return try writer.submit(body)
    }

    /// Like `write(_:)` without waiting: `completion` receives the result on the writer's thread
    /// once the transaction holding `body` committed — the same durability — or the error. Keep
    /// the completion short (post the answer somewhere): the next batch waits for it.
    public func write<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        begun.add(1, ordering: .relaxed)
        writer.enqueue(body, completion: completion)
    }

    /// `write(_:completion:)` for a body that records votes (`VoteStore.set`) and reads nothing a
    /// vote changes (the caller, the contribution's campaign and phase are fine): with the vote
    /// journal it may run before the journal is folded, so a batch of votes dirties one page of the
    /// journal instead of four per vote. Same durability: `completion` runs after COMMIT.
    public func writeVote<T: Sendable>(
        _ body: @escaping @Sendable (Connection) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        begun.add(1, ordering: .relaxed)
        writer.enqueue(body, kind: .appendOnly, completion: completion)
    }

    /// Waits until every vote acknowledged so far is folded into the tables, for reads that need the
    /// stored totals and orders themselves (exports, statistics). Returns at once without a journal
    /// or when nothing is unfolded.
    public func foldVotes() throws {
        guard let journal, journal.unfolded().count > 0 else { return }
        try write { _ in }
    }

    /// Changes after every committed write transaction (it is the writer's commit count), and only
    /// after COMMIT has returned. A cache of something read from the database stays valid while this
    /// is unchanged, provided the version is read *before* the read transaction that filled it: a
    /// write committing in between then only makes the entry look older than it is.
    /// Writes by other processes (the CLI on the same file) are not counted.
    public var dataVersion: Int { writer.statistics.commits }

    /// Like `dataVersion`, but unmoved by transactions that only appended journal votes or folded
    /// them: those change `votes` and the contributions' counts and score, nothing else. A cache of
    /// something that depends on neither (which contributions a listing matches) may key on this,
    /// read before its read transaction as `dataVersion` is. Without the journal every vote moves it.
    public var nonVoteVersion: Int { writer.statistics.nonVoteCommits }

    /// What the writer has done so far.
    public var writeStatistics: WriteStatistics { writer.statistics }

    /// Reads and writes begun through this value since it was opened; for tests (a route answered
    /// on an event loop must begin none) and metrics.
    public var operationsBegun: Int { begun.load(ordering: .relaxed) }

    /// Write requests queued behind the batch now running; for tests and metrics.
    public var pendingWriteCount: Int { writer.pendingCount }

    /// Votes acknowledged but not yet folded into the tables (the vote journal's depth); 0 without it.
    public var unfoldedVoteCount: Int { Int(journal?.unfolded().count ?? 0) }

    /// General write bodies (every write but `writeVote`'s) begun on the writer so far, each counted
    /// before it runs, so a vote later in the same batch sees the count move. What a vote keeps
    /// between votes — a campaign's state and phases — stays true while this is unchanged.
    public var generalWritesBegun: Int { writer.generalWritesBegun }

    /// Lets queued writes finish, then closes every connection. Later calls throw `SQLITE_MISUSE`.
    public func close() {
        checkpointer?.close()  // first: the last connection to close checkpoints and removes the WAL
        writer.close()
        readers.close()
    }

    /// Checkpoints the WAL into the database and truncates it to nothing (`Checkpointer.truncate`),
    /// after an erasure (`wait`: returns whether it completed) or a write whose rows should not stay
    /// side by side in the WAL (scheduled). Not from inside a write: it waits for the writer.
    /// With `Checkpoints.external` it does nothing and returns false: only the replicating process
    /// may checkpoint, and it keeps the frames in its replica anyway (PRIVACY.md, "Erasure").
    @discardableResult
    public func scrubWriteAheadLog(wait: Bool) -> Bool {
        dispatchPrecondition(condition: .notOnQueue(writer.queue))
        return checkpointer?.truncate(wait: wait) ?? false
    }

    /// WAL checkpoints run off the writer so far: completed, and failed (retried later).
    public var checkpointCounts: (completed: Int, failed: Int) { checkpointer?.counts ?? (0, 0) }

    /// Runs `body` with a reader connection outside any transaction (for backup).
    func withReader<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.withReader(body)
    }
}
