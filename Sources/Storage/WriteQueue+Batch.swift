// How the writer runs a batch of requests in one transaction, and one request in its own.
import CSQLite
import Dispatch

extension WriteQueue {
    /// One transaction for the whole batch, one savepoint per general request, one COMMIT. The
    /// transaction statements run from the connection's statement cache (`run`), not re-parsed per request.
    ///
    /// A request whose body throws is rolled back to its savepoint and failed at once. If SQLite
    /// rolled back the whole transaction on its own (disk full, I/O error: it may, see
    /// <https://www.sqlite.org/lang_transaction.html> "Response To Errors Within A Transaction"),
    /// the requests that had run fail with that error and the rest start a new batch.
    ///
    /// Append-only requests run without a savepoint when there is a hook (`runAppendOnly`). The hook
    /// is told before each request runs and when one is undone, may work before COMMIT, and hears
    /// whether the transaction committed or was lost.
    func runBatch(_ batch: ArraySlice<any PendingWrite>) {
        dispatchPrecondition(condition: .onQueue(queue))
        do {
            try connection.run("BEGIN IMMEDIATE")
        } catch {
            fail(batch, with: error)
            return
        }
        var staged: [any PendingWrite] = []
        for (position, request) in zip(batch.indices, batch) {
            if let hook, case .appendOnly = request.kind {
                switch runAppendOnly(request, hook: hook) {
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
                    hook.transactionLost()
                    fail([request], with: error)
                    runBatch(ArraySlice(staged + batch[(position + 1)...]))
                    return
                }
                continue
            }
            do {
                try connection.run("SAVEPOINT gs_write")
            } catch {
                abandon(staged + batch[position...], with: error)
                return
            }
            do {
                try hook?.willRun(.general, on: connection)
                try perform(request)
                try connection.run("RELEASE gs_write")
                staged.append(request)
            } catch {
                hook?.requestUndone()
                guard !connection.isAutocommit else {
                    // The transaction is gone, and the staged requests' work with it.
                    hook?.transactionLost()
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
        let workAfterCommit = hook?.beforeCommit(on: connection, batchSize: batch.count, queued: pendingCount) ?? false
        commit(staged, thenRunHookAlone: workAfterCommit)
    }

    private enum AppendOnlyOutcome {
        case staged
        /// Threw before writing anything; the batch goes on.
        case failed(any Error)
        /// SQLite rolled the whole transaction back (I/O error, disk full): the staged work is gone.
        case transactionLost(any Error)
        /// Threw after writing: a body that breaks `WriteKind.appendOnly`'s contract.
        case wroteThenFailed(any Error)
    }

    /// Runs an append-only request without a savepoint of its own, saving two statements per
    /// request. Its body reads, then appends its one row last; a statement that fails is undone by
    /// SQLite on its own, leaving the transaction's earlier statements intact, or the whole
    /// transaction is rolled back (<https://www.sqlite.org/lang_transaction.html>, "Response To Errors
    /// Within A Transaction"). So a request that throws has written nothing — and if the connection's
    /// change count says otherwise, the caller starts the batch over without it.
    private func runAppendOnly(_ request: any PendingWrite, hook: any WriteBatchHook) -> AppendOnlyOutcome {
        let changes = connection.totalChanges
        do {
            try hook.willRun(.appendOnly, on: connection)
            try perform(request)
            return .staged
        } catch {
            hook.requestUndone()
            if connection.isAutocommit {
                hook.transactionLost()
                return .transactionLost(error)
            }
            return connection.totalChanges == changes ? .failed(error) : .wroteThenFailed(error)
        }
    }

    /// The hook's work in a transaction of its own: after a batch's requests were completed, when the
    /// writer is idle, and the last write at close. A failure rolls it back alone; the work waits
    /// for the next time.
    func runHookAlone() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let hook else { return }
        do {
            try connection.run("BEGIN IMMEDIATE")
            _ = try hook.workAlone(on: connection)
            try timedCommit(requests: 0)
            let worked = hook.committed()
            record {
                $0.commits += 1
                if worked { $0.hookTransactions += 1 }
            }
        } catch {
            connection.rollbackQuietly()
            hook.transactionLost()
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
        commit([request])
    }

    /// Runs the body, then refuses it if it left deferred foreign-key violations, which would
    /// otherwise fail the COMMIT of the whole batch.
    private func perform(_ request: any PendingWrite) throws {
        switch request.kind {
        case .general: noteGeneralWrite()
        case .appendOnly: break
        }
        try request.perform(on: connection)
        if connection.hasDeferredForeignKeyViolations {
            throw SQLiteError(
                code: SQLITE_CONSTRAINT, extendedCode: SQLITE_CONSTRAINT | 3 << 8,  // SQLITE_CONSTRAINT_FOREIGNKEY
               
                message: "FOREIGN KEY constraint failed")
        }
    }

    /// COMMITs, then completes every request, then lets the hook work alone if `thenRunHookAlone`
    /// (the requests are durable already: they need not wait for it); if COMMIT fails they all fail
    /// with its error and the writer rolls back so the next batch starts clean.
    private func commit(_ requests: [any PendingWrite], thenRunHookAlone: Bool = false) {
        do {
            try timedCommit(requests: requests.count)
        } catch {
            connection.rollbackQuietly()
            hook?.transactionLost()
            record { $0.failedCommits += 1 }
            fail(requests, with: error)
            return
        }
        let hookWorked = hook?.committed() ?? false
        let nonVote = requests.contains { request in
            switch request.kind {
            case .general: true
            case .appendOnly: hook == nil
            }
        }
        record {
            $0.commits += 1
            $0.acknowledged += requests.count
            if hookWorked { $0.hookTransactions += 1 }
            if nonVote { $0.nonVoteCommits += 1 }
        }
        for request in requests { request.succeed() }
        if thenRunHookAlone { runHookAlone() }
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
        hook?.transactionLost()
        fail(requests, with: error)
    }
}
