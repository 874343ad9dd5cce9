// How the writer runs a batch of requests in one transaction, and one request in its own.
import CSQLite
import Dispatch

extension WriteQueue {
    /// One transaction for the whole batch, one savepoint per request, one COMMIT. The transaction
    /// statements run from the connection's statement cache (`run`), not re-parsed per request.
    ///
    /// A request whose body throws is rolled back to its savepoint and failed at once. If SQLite
    /// rolled back the whole transaction on its own (disk full, I/O error: it may, see
    /// <https://www.sqlite.org/lang_transaction.html> "Response To Errors Within A Transaction"),
    /// the requests that had run fail with that error and the rest start a new batch.
    ///
    /// With the vote journal, a write that is not a vote first folds the journal (in its own
    /// savepoint, when a vote was recorded since the last fold), so it sees every earlier vote in
    /// the tables; the batch folds it before COMMIT too when nothing else is queued or the journal
    /// is due (`journalIsDue`).
    func runBatch(_ batch: ArraySlice<any PendingWrite>) {
        dispatchPrecondition(condition: .onQueue(queue))
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            fail(batch, with: error)
            return
        }
        var folded: Int64?
        var foldedThrough = journal?.foldedThrough ?? 0
        var staged: [any PendingWrite] = []
        for (position, request) in zip(batch.indices, batch) {
            let mark = journal?.lastRecorded
            let foldedBefore = (folded, foldedThrough)
            do {
                try connection.run("SAVEPOINT gs_write")
            } catch {
                abandon(staged + batch[position...], with: error)
                return
            }
            do {
                if let journal, let mark, !request.recordsVotes, mark > foldedThrough {
                    folded = try VoteStore(connection).foldJournal() ?? folded
                    foldedThrough = mark
                }
                try perform(request)
                try connection.run("RELEASE gs_write")
                staged.append(request)
            } catch {
                if let mark { journal?.discard(after: mark) }
                (folded, foldedThrough) = foldedBefore
                guard !connection.isAutocommit else {
                    // The transaction is gone, and the staged requests' work with it.
                    journal?.discardUncommitted()
                    fail([request], with: error)
                    fail(staged, with: error)
                    runBatch(batch[(position + 1)...])
                    return
                }
                do {
                    try connection.execute("ROLLBACK TO gs_write; RELEASE gs_write")
                } catch let rollbackError {
                    fail([request], with: error)
                    abandon(staged + batch[(position + 1)...], with: rollbackError)
                    return
                }
                fail([request], with: error)
            }
        }
        if let journal, journalIsDue(journal, batch: batch.count) {
            folded = foldBeforeCommit() ?? folded
        }
        commit(staged, folded: folded)
    }

    /// Whether the batch should fold the journal before it commits: enough votes or time have
    /// gathered, or the load is light — nothing else is queued and the journal holds no more than
    /// `journalLightLoadVotes` with this batch — so that one voter at a time finds the tables up to date
    /// (their orders and totals included) as soon as the vote is acknowledged. Under load, batches
    /// are larger and the journal grows until it is due.
    private func journalIsDue(_ journal: VoteJournal, batch: Int) -> Bool {
        let unfolded = journal.unfolded()
        if unfolded.count + Int64(batch) >= journalFoldVotes || unfolded.age >= journalFoldNanoseconds { return true }
        return unfolded.count + Int64(batch) <= journalLightLoadVotes && pendingCount == 0
    }

    /// Folds the journal in a savepoint of the open transaction; if that fails the votes stay in
    /// the journal (they are committed either way) and the batch commits without the fold.
    private func foldBeforeCommit() -> Int64? {
        do {
            return try connection.savepoint { try VoteStore(connection).foldJournal() }
        } catch {
            return nil
        }
    }

    /// Each request in a transaction of its own (group commit off).
    func runAlone(_ request: any PendingWrite) {
        dispatchPrecondition(condition: .onQueue(queue))
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            fail([request], with: error)
            return
        }
        do {
            try perform(request)
        } catch {
            connection.rollbackQuietly()
            fail([request], with: error)
            return
        }
        commit([request], folded: nil)
    }

    /// Runs the body, then refuses it if it left deferred foreign-key violations, which would
    /// otherwise fail the COMMIT of the whole batch.
    private func perform(_ request: any PendingWrite) throws {
        if !request.recordsVotes { connection.otherWritesStarted += 1 }
        try request.perform(on: connection)
        if connection.hasDeferredForeignKeyViolations {
            throw SQLiteError(
                code: SQLITE_CONSTRAINT, extendedCode: SQLITE_CONSTRAINT | 3 << 8,  // SQLITE_CONSTRAINT_FOREIGNKEY
               
                message: "FOREIGN KEY constraint failed")
        }
    }

    /// COMMITs, then completes every request; if COMMIT fails they all fail with its error and the
    /// writer rolls back so the next batch starts clean.
    private func commit(_ requests: [any PendingWrite], folded: Int64?) {
        do {
            try connection.run("COMMIT")
        } catch {
            connection.rollbackQuietly()
            journal?.discardUncommitted()
            record { $0.failedCommits += 1 }
            fail(requests, with: error)
            return
        }
        journal?.committed(folded: folded)
        record {
            $0.commits += 1
            $0.acknowledged += requests.count
            if folded != nil { $0.journalFolds += 1 }
        }
        for request in requests { request.succeed() }
    }

    /// Rolls the whole transaction back and fails every request in it.
    private func abandon(_ requests: some Sequence<any PendingWrite>, with error: any Error) {
        connection.rollbackQuietly()
        journal?.discardUncommitted()
        fail(requests, with: error)
    }
}
