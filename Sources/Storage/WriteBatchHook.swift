// What the writer lets one companion do in and around each batch, so the writer itself stays generic.

/// How a write request relates to the writer's batch hook.
enum WriteKind: Sendable {
    /// Reads and writes any table: it runs in a savepoint of its own, after the hook has brought the
    /// tables up to date with what it holds.
    case general
    /// Only appends rows the hook takes over, last, and reads nothing those rows change: it runs
    /// without a savepoint (a statement that fails is undone by SQLite alone) and without the
    /// hook's preparation. Without a hook it runs as a general request.
    case appendOnly
}

/// Work the writer does beside its callers' requests, told of every step of a batch: the writer
/// knows transactions, savepoints and commits, the hook what it keeps (the vote journal is the one
/// there is: `VoteJournalHook`). Every method is called on the writer's queue, in this order per
/// batch: `willRun`/`requestUndone` for each request, `beforeCommit`, then `committed` or
/// `transactionLost`; `workAlone` in a transaction of its own, ended the same way.
protocol WriteBatchHook: AnyObject {
    /// `kind`'s request is about to run in the open transaction (a general one inside its savepoint).
    /// The hook notes what to go back to if it is undone; before a general request it brings the
    /// tables up to date. A throw fails the request.
    func willRun(_ kind: WriteKind, on connection: Connection) throws
    /// The request that last began was undone: rolled back to its savepoint, or its statement failed.
    func requestUndone()
    /// After the batch's requests, before COMMIT: the hook may work in the open transaction (sparing
    /// the batch if that fails). Returns whether to call `workAlone` once the batch is answered.
    func beforeCommit(on connection: Connection, batchSize: Int, queued: Int) -> Bool
    /// The transaction committed. Returns whether the hook's own work was part of it (statistics).
    func committed() -> Bool
    /// The transaction is gone: SQLite rolled it back, the writer abandoned it, or COMMIT failed.
    func transactionLost()
    /// The hook's work in a transaction of its own (after a batch was answered, when idle, at close).
    /// Returns whether there was any.
    func workAlone(on connection: Connection) throws -> Bool
    /// How long after the writer went idle `workAlone` should run; nil when there is nothing to do.
    var idleDelayNanoseconds: UInt64? { get }
}
