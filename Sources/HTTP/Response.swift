// A response as handlers build it: status, headers and a body that is bytes or a pull stream.

/// One step of a streamed body, returned by `ResponseStream.next`.
public enum StreamStep: Sendable {
    /// Bytes to send now (may be empty, which is the same as asking to be called again).
    case chunk([UInt8])
    /// Nothing yet: the stream keeps `wake` and calls it when it has more.
    case wait
    /// The body is complete.
    case end
}

/// A body produced piece by piece (server-sent events, large CSV exports) without a thread of its
/// own: the connection pulls the next piece whenever its output buffer has drained, so a slow
/// reader slows the producer instead of filling memory.
///
/// `next` and `cancel` are never called concurrently: on the connection's event loop when
/// `pullsWithoutBlocking`, otherwise on the connection's handler queue (so `next` may read a
/// database). `wake` may be called from any thread, any number of times.
public protocol ResponseStream: AnyObject, Sendable {
    /// True when `next` only hands over bytes already in memory (server-sent events), so the event
    /// loop pulls it in place. False (the default) sends each pull to the handler pool.
    var pullsWithoutBlocking: Bool { get }
    func next(wake: @escaping @Sendable () -> Void) -> StreamStep
    /// The connection went away before `.end`; release what the stream holds.
    func cancel()
}

extension ResponseStream {
    /// Pulls that might block are the safe assumption.
    public var pullsWithoutBlocking: Bool { false }
}

public struct Response: Sendable {
    public enum Body: Sendable {
        case empty
        case bytes([UInt8])
        case stream(any ResponseStream)
    }

    // Changing what the prepared header block was encoded from drops it.
    public var status: HTTPStatus { didSet { preparedFields = nil } }
    public var headers: Headers { didSet { preparedFields = nil } }
    public var body: Body { didSet { preparedFields = nil } }
    /// Close the connection after this response (framing errors, shutdown).
    public var closeConnection = false
    /// The route pattern that produced the response, for the access log.
    public var route: String?
    /// The header block after the `Date` line, encoded once by `prepared()`.
    var preparedFields: [UInt8]?

    public init(status: HTTPStatus, headers: Headers = Headers(), body: Body = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// This response with its header block encoded once, for a response served unchanged many
    /// times (a static file): the server then writes only the status line and `Date` before it.
    /// A prepared response is sent as prepared (the server will not gzip it) to keep-alive
    /// HTTP/1.1 GETs; anything else — HEAD, HTTP/1.0, a closing connection — takes the ordinary
    /// path from `headers`. Changing the status, headers or body afterwards drops the preparation.
    public func prepared() -> Response {
        var response = self
        response.preparedFields = ResponseEncoder.preparedFields(of: self)
        return response
    }

    public static func text(_ text: String, status: HTTPStatus = .ok) -> Response {
        var headers = Headers()
        headers.add("Content-Type", "text/plain; charset=utf-8")
        return Response(status: status, headers: headers, body: .bytes(Array(text.utf8)))
    }

    public static func json(_ bytes: [UInt8], status: HTTPStatus = .ok) -> Response {
        var headers = Headers()
        headers.add("Content-Type", "application/json; charset=utf-8")
        return Response(status: status, headers: headers, body: .bytes(bytes))
    }

    /// The JSON error envelope every layer answers with: `{"error":{"code":…,"message":…}}`.
    public static func error(_ status: HTTPStatus, code: String, message: String) -> Response {
        var json = "{\"error\":{\"code\":"
        JSONText.appendQuoted(code, to: &json)
        json += ",\"message\":"
        JSONText.appendQuoted(message, to: &json)
        json += "}}"
        return .json(Array(json.utf8), status: status)
    }

    /// One of the server's own errors with its status.
    static func error(_ error: ServerError, status: HTTPStatus) -> Response {
        .json(Array(error.body.utf8), status: status)
    }
}

/// Minimal JSON string quoting for the HTTP layer's own error bodies (RFC 8259 §7).
public enum JSONText {
    public static func appendQuoted(_ string: String, to out: inout String) {
        out.append("\"")
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "<": out.append("\\u003c")  // harmless in JSON, defuses `</script>` sniffing
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
