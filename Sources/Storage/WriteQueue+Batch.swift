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
            do {
                try connection.run("SAVEPOINT gs_write")
            } catch {
                abandon(staged + batch[position...], with: error)
                return
            }
            do {
                try perform(request)
                try connection.run("RELEASE gs_write")
                staged.append(request)
            } catch {
                guard !connection.isAutocommit else {
                    // The transaction is gone, and the staged requests' work with it.
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
        commit(staged)
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
        try request.perform(on: connection)
        if connection.hasDeferredForeignKeyViolations {
            throw SQLiteError(
                code: SQLITE_CONSTRAINT, extendedCode: SQLITE_CONSTRAINT | 3 << 8,  // SQLITE_CONSTRAINT_FOREIGNKEY
               
                message: "FOREIGN KEY constraint failed")
        }
    }

    /// COMMITs, then completes every request; if COMMIT fails they all fail with its error and the
    /// writer rolls back so the next batch starts clean.
    private func commit(_ requests: [any PendingWrite]) {
        do {
            try connection.run("COMMIT")
        } catch {
            connection.rollbackQuietly()
            record { $0.failedCommits += 1 }
            fail(requests, with: error)
            return
        }
        record {
            $0.commits += 1
            $0.acknowledged += requests.count
        }
        for request in requests { request.succeed() }
    }

    /// Rolls the whole transaction back and fails every request in it.
    private func abandon(_ requests: some Sequence<any PendingWrite>, with error: any Error) {
        connection.rollbackQuietly()
        fail(requests, with: error)
    }
}
