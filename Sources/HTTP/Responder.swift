// The one interface between the server and the application: body limits from the head, then responses.

/// Where the server answers a request, decided on the connection's event loop from the head.
public enum Answering: Sendable {
    /// `respond(to:)` answers from memory — no database, no waiting — in place on the event loop.
    /// Saying this for a handler that blocks stalls every connection on that loop.
    case inPlace
    /// `respond(to:reply:)` starts on the event loop without blocking (a write handed to the
    /// database writer) and replies later from any thread, so no thread waits for the commit.
    case deferred
    /// `respond(to:)` may block (a read, a write waiting for its group commit): it runs on the
    /// handler pool without delaying any other connection.
    case onPool
}

/// What the server calls to answer requests. The App module implements it (router, error
/// mapping, static files); the server knows nothing of routes or campaigns.
///
/// `maxBodySize`, `answering` and `respond(to:reply:)` are called on the connection's event loop
/// and must not block; `respond(to:)` is called where `answering` said.
public protocol Responder: Sendable {
    /// The largest body, in bytes, this request may carry. Decided from the head alone so that an
    /// oversized body is refused with 413 before it is read.
    func maxBodySize(for head: RequestHead) -> Int
    /// Where this request is answered.
    func answering(_ head: RequestHead) -> Answering
    /// The response to a complete request. Must not throw: map errors to a response.
    func respond(to request: Request) -> Response
    /// Starts answering a request `answering` called `.deferred`; calls `reply` exactly once, from
    /// any thread. Must not block and must not throw.
    func respond(to request: Request, reply: @escaping @Sendable (Response) -> Void)
}

extension Responder {
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
    /// Reverse proxies whose `X-Forwarded-For` or `Forwarded` header names the client (see
    /// `ForwardedFor`). Default none: every peer is the client. Their own connections are not
    /// counted against `Limits.maxConnectionsPerAddress`.
    public var trustedProxies: [AddressRange] = []
    /// Event loop threads. Default nil: one per CPU this process may run on (`taskset` narrows it).
    public var eventLoops: Int?
    /// Told about every response (the metrics). Default nil: nobody.
    public var observer: (any ServerObserver)?

    public init() {}
}
