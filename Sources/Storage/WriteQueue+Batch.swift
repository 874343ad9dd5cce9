// How the writer runs a batch of requests in one transaction, and one request in its own.
import CSQLite
import Dispatch

extension WriteQueue {
    /// One transaction for the whole batch, one savepoint per request but votes, one COMMIT. The transaction
    /// statements run from the connection's statement cache (`run`), not re-parsed per request.
    ///
    /// A request whose body throws is rolled back to its savepoint and failed at once. If SQLite
    /// rolled back the whole transaction on its own (disk full, I/O error: it may, see
    /// <https://www.sqlite.org/lang_transaction.html> "Response To Errors Within A Transaction"),
    /// the requests that had run fail with that error and the rest start a new batch.
    ///
    /// Votes run without a savepoint (`recordVote`). With the vote journal, a write that is not a
    /// vote first folds the journal (in its savepoint, when a vote was recorded since the last
    /// fold), so it sees every earlier vote in the tables; the batch folds it before COMMIT too
    /// when nothing else is queued, and after COMMIT when it is due (`foldTiming`).
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
            if journal != nil, request.recordsVotes {
                switch recordVote(request, mark: mark) {
                case .staged:
                    staged.append(request)
                case .failed(let error):
                    fail([request], with: error)
                case .transactionLost(let error):
                    fail([request], with: error)
                    fail(staged, with: error)
                    runBatch(batch[(position + 1)...])
                    return
                case .wroteThenFailed(let error):
                    // Its rows cannot be undone alone: the batch starts over without it.
                    connection.rollbackQuietly()
                    journal?.discardUncommitted()
                    fail([request], with: error)
                    runBatch(ArraySlice(staged + batch[(position + 1)...]))
                    return
                }
                continue
            }
            let foldedBefore = (folded, foldedThrough)
            do {
                try connection.run("SAVEPOINT gs_write")
            } catch {
                abandon(staged + batch[position...], with: error)
                return
            }
            do {
                if let mark, mark > foldedThrough {  // a write that is not a vote: it reads the tables
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
        var foldAfterCommit = false
        if let journal {
            switch foldTiming(journal, batch: batch.count) {
            case .beforeCommit: folded = foldBeforeCommit() ?? folded
            case .afterCommit: foldAfterCommit = true
            case .notYet: break
            }
        }
        commit(staged, folded: folded, thenFold: foldAfterCommit)
    }

    private enum VoteOutcome {
        case staged
        /// Threw before writing anything; the batch goes on.
        case failed(any Error)
        /// SQLite rolled the whole transaction back (I/O error, disk full): the staged work is gone.
        case transactionLost(any Error)
        /// Threw after writing: a body that breaks `Database.writeVote`'s contract.
        case wroteThenFailed(any Error)
    }

    /// Runs a vote without a savepoint of its own, saving two statements per vote. A vote's body
    /// reads, then appends its one journal row last; a statement that fails is undone by SQLite on
    /// its own, leaving the transaction's earlier statements intact, or the whole transaction is
    /// rolled back (<https://www.sqlite.org/lang_transaction.html>, "Response To Errors Within A
    /// Transaction"). So a vote that throws has written nothing — and if the connection's change
    /// count says otherwise, the caller starts the batch over without it.
    private func recordVote(_ request: any PendingWrite, mark: Int64?) -> VoteOutcome {
        let changes = connection.totalChanges
        do {
            try perform(request)
            return .staged
        } catch {
            if let mark { journal?.discard(after: mark) }
            if connection.isAutocommit {
                journal?.discardUncommitted()
                return .transactionLost(error)
            }
            return connection.totalChanges == changes ? .failed(error) : .wroteThenFailed(error)
        }
    }

    private enum FoldTiming {
        case notYet
        /// In the batch's transaction, so its votes are in the tables when they are acknowledged.
        case beforeCommit
        /// In a transaction of its own once the batch's requests are completed (`foldAlone`).
        case afterCommit
    }

    /// When the batch folds the journal. Under light load — nothing else is queued and the journal
    /// holds no more than `journalLightLoadVotes` with this batch — before it commits, so that one
    /// voter at a time finds the tables up to date (their orders and totals included) as soon as the
    /// vote is acknowledged. Under load, batches are larger and the journal grows until enough votes
    /// or time have gathered; then after the commit.
    private func foldTiming(_ journal: VoteJournal, batch: Int) -> FoldTiming {
        let unfolded = journal.unfolded()
        if unfolded.count + Int64(batch) >= journalFoldVotes || unfolded.age >= journalFoldNanoseconds { return .afterCommit }
        return unfolded.count + Int64(batch) <= journalLightLoadVotes && pendingCount == 0 ? .beforeCommit : .notYet
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

    /// Folds the journal in a transaction of its own. A due fold rewrites thousands of pages; inside
    /// the batch it would need a savepoint (so that a failed fold spares the votes), and a savepoint's
    /// sub-journal copies every page it changes once more, to a temporary file past 64 KiB — 18,000
    /// page writes in 5 s of votes, measured. Here a failure rolls back the fold alone and the votes
    /// wait in the journal for the next one. Also the last write at close.
    func foldAlone() {
        dispatchPrecondition(condition: .onQueue(queue))
        do {
            try connection.run("BEGIN IMMEDIATE")
            let folded = try VoteStore(connection).foldJournal()
            try timedCommit(requests: 0)
            journal?.committed(folded: folded)
            record {
                $0.commits += 1
                if folded != nil { $0.journalFolds += 1 }
            }
        } catch {
            connection.rollbackQuietly()
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

    /// COMMITs, then completes every request, then folds the journal if `thenFold` (their votes are
    /// durable already: they need not wait for it); if COMMIT fails they all fail with its error and
    /// the writer rolls back so the next batch starts clean.
    private func commit(_ requests: [any PendingWrite], folded: Int64?, thenFold: Bool = false) {
        do {
            try timedCommit(requests: requests.count)
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
        if thenFold { foldAlone() }
    }

    /// COMMIT, timed for the observer when there is one.
    private func timedCommit(requests: Int) throws {
        guard let observer else { return try connection.run("COMMIT") }
        let start = DispatchTime.now().uptimeNanoseconds
        try connection.run("COMMIT")
        observer.committed(requests: requests, commitNanoseconds: DispatchTime.now().uptimeNanoseconds &- start)
    }

    /// Rolls the whole transaction back and fails every request in it.
    private func abandon(_ requests: some Sequence<any PendingWrite>, with error: any Error) {
        connection.rollbackQuietly()
        journal?.discardUncommitted()
        fail(requests, with: error)
    }
}
