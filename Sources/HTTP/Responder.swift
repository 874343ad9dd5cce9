// The one interface between the server and the application: body limits from the head, then responses.

/// What the server calls to answer requests. The App module implements it (router, error
/// mapping, static files); the server knows nothing of routes or campaigns.
///
/// `maxBodySize`, `defersResponse`, `respondsInPlace` and `respond(to:reply:)` are called on the
/// connection's event loop and must not block. `respond` is called on the loop when `respondsInPlace` said so, otherwise on the handler
/// pool, where it may block (a database write waits for its group commit) without delaying any
/// other connection.
public protocol Responder: Sendable {
    /// The largest body, in bytes, this request may carry. Decided from the head alone so that an
    /// oversized body is refused with 413 before it is read.
    func maxBodySize(for head: RequestHead) -> Int
    /// Whether `respond(to:)` answers this request without blocking — from memory, no database,
    /// no waiting — so the event loop may call it in place instead of handing it to the pool.
    /// Saying true for a handler that blocks stalls every connection on that loop.
    func respondsInPlace(to head: RequestHead) -> Bool
    /// The response to a complete request. Must not throw: map errors to a response.
    func respond(to request: Request) -> Response
    /// Whether this request is answered by `respond(to:reply:)`: called on the event loop, it
    /// starts the work without blocking (a write handed to the database writer) and replies later
    /// from any thread, so no thread waits for the commit. Asked before `respondsInPlace`.
    func defersResponse(to head: RequestHead) -> Bool
    /// Starts answering a request `defersResponse` claimed; calls `reply` exactly once, from any
    /// thread. Must not block and must not throw.
    func respond(to request: Request, reply: @escaping @Sendable (Response) -> Void)
}

extension Responder {
    public func defersResponse(to head: RequestHead) -> Bool { false }

    public func respond(to request: Request, reply: @escaping @Sendable (Response) -> Void) {
        reply(respond(to: request))
    }
}

/// Where and how the server listens.
public struct ServerConfiguration: Sendable {
    /// Address to bind. Default 127.0.0.1 (loopback only); use 0.0.0.0 or :: to serve a network.
    public var host = "127.0.0.1"
    /// TCP port; 0 picks a free one (tests), reported by `Server.start()`.
    public var port = 8080
    public var limits = Limits()
    /// Compress responses above this many bytes when the client accepts gzip. Default 1 KiB.
    public var gzipThreshold = 1024
    /// Write one access-log line per request (method, route pattern, status, bytes, duration; never the client address).
    public var accessLog = true
    /// Event loop threads. Default nil: one per CPU this process may run on (`taskset` narrows it).
    public var eventLoops: Int?

    public init() {}
}
