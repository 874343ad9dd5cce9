// The one interface between the server and the application: body limits from the head, then responses.

/// What the server calls to answer requests. The App module implements it (router, error
/// mapping, static files); the server knows nothing of routes or campaigns.
///
/// Both methods are called on the connection's queue and may block it (a database write waits
/// for its group commit); other connections are unaffected.
public protocol Responder: Sendable {
    /// The largest body, in bytes, this request may carry. Decided from the head alone so that an
    /// oversized body is refused with 413 before it is read.
    func maxBodySize(for head: RequestHead) -> Int
    /// The response to a complete request. Must not throw: map errors to a response.
    func respond(to request: Request) -> Response
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

    public init() {}
}
