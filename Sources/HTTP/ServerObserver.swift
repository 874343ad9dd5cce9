// What the server tells whoever watches it (the metrics) about its work; HTTP keeps no metrics itself.

/// Told about every response the server writes, once it is queued for writing. Called on the event
/// loop threads, so it must be quick and must not block (no I/O, no waiting on a lock held long).
public protocol ServerObserver: Sendable {
    /// `route` is the route pattern that answered (`/api/contributions/{id}/vote`), `static` for a
    /// static file, nil when none matched or the request never parsed: never the path itself, which
    /// can carry ids and search words. `nanoseconds` runs from the parsed head to the queued response.
    func responded(method: HTTPMethod?, route: String?, status: Int, nanoseconds: UInt64)
}
