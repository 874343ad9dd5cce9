// Every size limit and timeout of the server, in one documented value with safe defaults.

/// The server's limits. Each field says what it bounds, its unit, its default, and what the
/// client sees when it is exceeded. Zero is never "unlimited": every limit is a real limit.
/// The largest body is the responder's to say, per route (`Responder.maxBodySize`; 413 + close,
/// answered from the head alone before the body is read).
public struct Limits: Sendable {
    /// Longest request line (method, target, version), in bytes. Default 8 KiB. Exceeded: 414 + close.
    public var requestLine = 8 * 1024
    /// Largest header section including the request line, in bytes. Default 32 KiB. Exceeded: 431 + close.
    public var headerSection = 32 * 1024
    /// Most header fields in one request. Default 100. Exceeded: 431 + close.
    public var headerFields = 100
    /// Longest chunk-size line (size plus extensions) of a chunked body, in bytes. Default 1 KiB. Exceeded: 400 + close.
    public var chunkLine = 1024
    /// Seconds from a request's first byte until its header section must be complete. Default 10. Exceeded: 408 + close.
    public var headerTimeout = 10.0
    /// Seconds a request body may go without receiving a byte. Default 10. Exceeded: 408 + close.
    public var bodyIdleTimeout = 10.0
    /// Seconds a request body may take from the end of its head, before `bodyMinimumRate` adds to
    /// it. Default 10. Exceeded: 408 + close. With the rate, a body trickled a byte at a time is cut
    /// however regularly its bytes come (idle time alone never ends it), as Apache's mod_reqtimeout does.
    public var bodyTimeout = 10.0
    /// Bytes per second a body must keep up: each byte received adds 1/rate seconds to
    /// `bodyTimeout`. Default 500 (a 64 KiB body may take 10 + 131 s). Must be above zero.
    public var bodyMinimumRate = 500.0
    /// Seconds an idle keep-alive connection is kept between requests. Default 10. Exceeded: silent close.
    public var keepAliveTimeout = 10.0
    /// Seconds a response may make no progress because the client does not read. Default 30. Exceeded: close.
    public var writeStallTimeout = 30.0
    /// Most open client connections. Default 16,384 (the server also raises `ulimit -n` to fit it,
    /// keeping room for the database and files). Exceeded: the new connection is closed at once.
    public var maxConnections = 16_384
    /// Most open connections from one client address (an IPv6 address counts by its /64), so one
    /// client cannot fill the connection table. Default 1,000: a hospital's staff share one NAT
    /// address. Trusted proxies (`ServerConfiguration.trustedProxies`) are not counted against it.
    /// Exceeded: the new connection is told 429 and closed at once.
    public var maxConnectionsPerAddress = 1_000
    /// Most complete requests waiting on one connection behind the one being answered (pipelining).
    /// Default 32. While exceeded the server stops reading from that client.
    public var pipelineDepth = 32
    /// Cap on one connection's unread input, in bytes. Default 128 KiB. While exceeded the server stops reading.
    public var inputBuffer = 128 * 1024
    /// Cap on one connection's unsent output, in bytes, before a stream is paused. Default 256 KiB.
    public var outputBuffer = 256 * 1024
    /// Seconds a graceful shutdown waits for in-flight requests before closing them anyway. Default 10.
    public var shutdownGrace = 10.0

    public init() {}
}
