// One caller's write waiting for the writer: its body, its staged result, and how its caller learns the outcome.
import Dispatch

/// A write request as the writer sees it, whatever its result type.
protocol PendingWrite: AnyObject, Sendable {
    /// Runs the body on the writer's connection and stages its result; throws what the body threw.
    func perform(on connection: Connection) throws
    /// Publishes the staged result and wakes the caller. Only after COMMIT returned.
    func succeed()
    /// Publishes `error` and wakes the caller.
    func fail(_ error: any Error)
    /// How the body relates to the writer's batch hook (`WriteKind`).
    var kind: WriteKind { get }
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

    var kind: WriteKind { .general }

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

/// A write whose caller does not wait: the result goes to `completion`, on the writer's queue,
/// after COMMIT returned (or with the error that failed it).
///
/// `@unchecked Sendable`: `staged` is touched only on the writer queue.
final class DeferredWriteRequest<T: Sendable>: PendingWrite, @unchecked Sendable {
    private let body: @Sendable (Connection) throws -> T
    private let completion: @Sendable (Result<T, any Error>) -> Void
    private var staged: T?
    let kind: WriteKind

    init(
        _ body: @escaping @Sendable (Connection) throws -> T, kind: WriteKind = .general,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        self.body = body
        self.kind = kind
        self.completion = completion
    }

    func perform(on connection: Connection) throws {
        staged = nil
        staged = try body(connection)
    }

    func succeed() {
        guard let staged else {
            completion(.failure(SQLiteError.misuse("write completed without running its body")))
            return
        }
        self.staged = nil
        completion(.success(staged))
    }

    func fail(_ error: any Error) {
        staged = nil
        completion(.failure(error))
    }
}
