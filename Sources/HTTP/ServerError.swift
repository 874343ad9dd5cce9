// The errors the server answers by itself, outside the parser: a request too slow, a server too full.

/// An error envelope the HTTP layer writes without asking the responder (`ParseError` has the
/// parser's own). The App lists these codes in its OpenAPI document.
public enum ServerError: CaseIterable, Sendable {
    /// The header section or body did not arrive in time (408, then close).
    case requestTimeout
    /// The connection is over the server's cap (503, then close).
    case overCapacity
    /// The connection is over its client address's share (429, then close).
    case tooManyConnections

    public var code: String {
        switch self {
        case .requestTimeout: "request_timeout"
        case .overCapacity: "unavailable"
        case .tooManyConnections: "too_many_connections"
        }
    }

    public var message: String {
        switch self {
        case .requestTimeout: "The request took too long to arrive."
        case .overCapacity: "The server is busy. Please try again shortly."
        case .tooManyConnections: "Too many connections from your address. Close some and try again."
        }
    }

    /// `{"error":{"code":…,"message":…}}`.
    var body: String {
        var json = "{\"error\":{\"code\":"
        JSONText.appendQuoted(code, to: &json)
        json += ",\"message\":"
        JSONText.appendQuoted(message, to: &json)
        return json + "}}"
    }
}
