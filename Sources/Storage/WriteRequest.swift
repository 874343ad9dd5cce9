// One caller's write waiting for the writer: its body, its staged result, and the semaphore it waits on.
import Dispatch

/// A write request as the writer sees it, whatever its result type.
protocol PendingWrite: AnyObject, Sendable {
    /// Runs the body on the writer's connection and stages its result; throws what the body threw.
    func perform(on connection: Connection) throws
    /// Publishes the staged result and wakes the caller. Only after COMMIT returned.
    func succeed()
    /// Publishes `error` and wakes the caller.
    func fail(_ error: any Error)
}

/// A caller's write of type `T`.
///
/// `@unchecked Sendable`: `staged` and `outcome` are written only on the writer queue, before
/// `done.signal()`; the caller reads `outcome` only after `done.wait()`, which orders the accesses.
final class WriteRequest<T: Sendable>: PendingWrite, @unchecked Sendable {
    private let body: @Sendable (Connection) throws -> T
    private var staged: T?
    private var outcome: Result<T, any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable (Connection) throws -> T) { self.body = body }

    func perform(on connection: Connection) throws {
        staged = nil
        staged = try body(connection)
    }

    func succeed() {
        if let staged {
            outcome = .success(staged)
        } else {
            outcome = .failure(SQLiteError.misuse("write completed without running its body"))
        }
        done.signal()
    }

    func fail(_ error: any Error) {
        staged = nil
        outcome = .failure(error)
        done.signal()
    }

    /// Blocks the caller until the writer completes this request.
    func wait() throws -> T {
        done.wait()
        guard let outcome else { throw SQLiteError.misuse("write woke without an outcome") }
        return try outcome.get()
    }
}
