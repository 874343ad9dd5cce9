// What the writer tells whoever watches it (the metrics) about its commits; Storage keeps no metrics itself.

/// Told about every write transaction that committed. Called on the writer's queue right after
/// COMMIT returned, before the callers are answered: it must be quick and must not block.
public protocol StorageObserver: Sendable {
    /// `requests`: the write requests the transaction acknowledged (the batch size; 0 for a fold of the
    /// vote journal alone). `commitNanoseconds`: how long COMMIT itself took, its fsync included.
    func committed(requests: Int, commitNanoseconds: UInt64)
}
