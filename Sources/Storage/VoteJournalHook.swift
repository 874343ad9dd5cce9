// The vote journal as the writer's batch hook: fold before a write that reads the tables, fold when due, forget what is undone.

/// Folds the vote journal into the tables for the writer. A write that is not a vote first folds
/// the journal (in its savepoint, when a vote was recorded since the last fold), so it sees every
/// earlier vote in the tables; the batch folds it before COMMIT too under light load, and after
/// COMMIT, in a transaction of its own, when it is due (`beforeCommit`).
///
/// Confined to the writer's queue, like the writer's connection; `journal` is shared with the readers.
final class VoteJournalHook: WriteBatchHook {
    let journal: VoteJournal
    /// Fold once this many votes are unfolded.
    private let foldVotes: Int64
    /// … or once the oldest unfolded vote has waited this long (nanoseconds).
    private let foldNanoseconds: UInt64
    /// Fold before COMMIT when the journal and this batch hold no more than this and nothing is queued.
    private let lightLoadVotes: Int64
    /// The highest `seq` folded in the open transaction; nil while it folded nothing.
    private var folded: Int64?
    /// Votes up to this `seq` are in the tables as the open transaction sees them.
    private var foldedThrough: Int64
    /// What to go back to when the request that last began is undone.
    private var undo: (mark: Int64, folded: Int64?, foldedThrough: Int64)?

    init(journal: VoteJournal, options: DatabaseOptions) {
        self.journal = journal
        foldVotes = Int64(max(1, options.journalFoldVotes))
        foldNanoseconds = UInt64(max(1, options.journalFoldMilliseconds)) * 1_000_000
        lightLoadVotes = Int64(max(0, options.journalLightLoadVotes))
        foldedThrough = journal.foldedThrough
    }

    func willRun(_ kind: WriteKind, on connection: Connection) throws {
        let mark = journal.lastRecorded
        undo = (mark, folded, foldedThrough)
        switch kind {
        case .appendOnly:
            return
        case .general:
            // It reads the tables: fold what was recorded since the last fold first.
            guard mark > foldedThrough else { return }
            folded = try VoteStore(connection).foldJournal() ?? folded
            foldedThrough = mark
        }
    }

    func requestUndone() {
        guard let undo else { return }
        journal.discard(after: undo.mark)
        (folded, foldedThrough) = (undo.folded, undo.foldedThrough)
        self.undo = nil
    }

    /// Under light load — nothing else is queued and the journal holds no more than
    /// `lightLoadVotes` with this batch — the fold runs before COMMIT, so that one voter at a time
    /// finds the tables up to date (their orders and totals included) as soon as the vote is
    /// acknowledged; if it fails the votes stay in the journal (they commit either way). Under load
    /// batches are larger and the journal grows until enough votes or time have gathered; then it
    /// folds after the commit: a due fold rewrites thousands of pages, and inside the batch it would
    /// need a savepoint whose sub-journal copies every page once more (18,000 page writes in 5 s of
    /// votes, measured).
    func beforeCommit(on connection: Connection, batchSize: Int, queued: Int) -> Bool {
        let unfolded = journal.unfolded()
        if unfolded.count + Int64(batchSize) >= foldVotes || unfolded.age >= foldNanoseconds { return true }
        if unfolded.count + Int64(batchSize) <= lightLoadVotes, queued == 0 {
            folded = (try? connection.savepoint { try VoteStore(connection).foldJournal() }) ?? folded
        }
        return false
    }

    func committed() -> Bool {
        journal.committed(folded: folded)
        let didFold = folded != nil
        reset()
        return didFold
    }

    func transactionLost() {
        journal.discardUncommitted()
        reset()
    }

    func workAlone(on connection: Connection) throws -> Bool {
        folded = try VoteStore(connection).foldJournal()
        return folded != nil
    }

    var idleDelayNanoseconds: UInt64? { journal.unfolded().count > 0 ? foldNanoseconds : nil }

    /// A new transaction starts from what the journal says was folded and committed.
    private func reset() {
        folded = nil
        foldedThrough = journal.foldedThrough
        undo = nil
    }
}
