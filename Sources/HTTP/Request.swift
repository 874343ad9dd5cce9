// A parsed request as handlers see it: method, decoded path segments, query, headers, body.

/// What the parser knows before the body: enough to route, to apply the route's body limit and
/// to answer `Expect: 100-continue` before a single body byte is read.
public struct RequestHead: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as sent (origin-form, or the path of an absolute-form target).
    public var target: String
    /// The path split on `/` and percent-decoded segment by segment, so an encoded `%2F` stays
    /// inside its segment and can never add a level to the path.
    public var pathSegments: [String]
    public var query: [(name: String, value: String)]
    public var version: HTTPVersion
    public var headers: Headers
    public var framing: BodyFraming
    /// Whether the client asked to keep the connection after this exchange (RFC 9112 §9.3).
    public var keepAlive: Bool
    public var expectsContinue: Bool
    /// `OPTIONS *` (RFC 9112 §3.2.4).
    public var isAsterisk: Bool

    /// The decoded path, for logs and static files: segments joined with `/`.
    public var path: String { "/" + pathSegments.joined(separator: "/") }
}

/// How the request body is delimited (RFC 9112 §6.3).
public enum BodyFraming: Sendable, Equatable {
    case none
    case length(Int)
    case chunked
}

/// A complete request. Handlers receive it by value; `parameters` are filled by the router.
public struct Request: Sendable {
    public var head: RequestHead
    public var body: [UInt8]
    /// Values captured by `{name}` segments of the matched route pattern.
    public var parameters: [String: String] = [:]
    /// The client's address: the peer's, or behind a trusted proxy the one it forwards
    /// (`ForwardedFor`). For in-memory per-address limits only; it is never logged or stored.
    public var client: IPAddress
    /// A per-process sequence number used to tie a 500 to its log line.
    public var id: UInt64

    public init(head: RequestHead, body: [UInt8], client: IPAddress, id: UInt64) {
        self.head = head
        self.body = body
        self.client = client
        self.id = id
    }

    /// What per-address limits count this request under: `client.limitKey` as text.
    public var addressKey: String { client.limitKey.description }

    public var method: HTTPMethod { head.method }
    public var headers: Headers { head.headers }
    public var path: String { head.path }

    /// The first query value called `name`, percent-decoded.
    public func query(_ name: String) -> String? {
        head.query.first { $0.name == name }?.value
    }

    public func parameter(_ name: String) -> String? { parameters[name] }

    /// The value of a cookie, or nil (RFC 6265 §5.4: `name=value` pairs separated by `; `).
    public func cookie(_ name: String) -> String? {
        for header in head.headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingSpaces == name {
                    return parts[1].trimmingSpaces
                }
            }
        }
        return nil
    }
}
