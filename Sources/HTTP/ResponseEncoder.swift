// Turns a handler's Response into wire bytes: framing headers, gzip when it pays, HEAD without a body.

/// How the body follows the head on the wire.
enum WireBody {
    case none
    case bytes([UInt8])
    /// A streamed body; `chunked` for HTTP/1.1 (otherwise the end is marked by closing), `gzip` when compressing.
    case stream(any ResponseStream, chunked: Bool, gzip: GzipStream?)
}

struct ResponseEncoder {
    let date: HTTPDate
    let gzipThreshold: Int

    /// Encodes `response` to a request with `head` (nil when the request could not be parsed).
    /// Returns the head bytes, the body to send, and whether the connection must close afterwards.
    func encode(_ response: Response, for head: RequestHead?) -> (head: [UInt8], body: WireBody, close: Bool) {
        if let fields = response.preparedFields, let head, head.method == .get, head.version == .http1_1,
           head.keepAlive, !response.closeConnection {
            let body: WireBody
            switch response.body {
            case .bytes(let bytes): body = response.status.forbidsBody ? .none : .bytes(bytes)
            case .empty: body = .none
            case .stream: preconditionFailure("prepared() is refused for streamed bodies")
            }
            var bytes = statusLine(response.status, version: .http1_1, capacity: fields.count + 64)
            bytes.append(contentsOf: fields)
            return (bytes, body, false)
        }
        let (headers, body, close, version) = frame(response, for: head)
        var bytes = statusLine(response.status, version: version, capacity: 640)
        ResponseEncoder.appendFields(headers, close: close, version: version, to: &bytes)
        return (bytes, body, close)
    }

    /// The header block `encode` writes after the `Date` line for a keep-alive HTTP/1.1 GET, with
    /// no gzip added: what `Response.prepared()` keeps.
    static func preparedFields(of response: Response) -> [UInt8] {
        if case .stream = response.body { preconditionFailure("a streamed body cannot be prepared") }
        let head = RequestHead(method: .get, target: "/", pathSegments: [], query: [], version: .http1_1,
                               headers: Headers(), framing: .none, keepAlive: true, expectsContinue: false,
                               isAsterisk: false)
        var response = response
        response.closeConnection = false
        let (headers, _, close, version) = ResponseEncoder(date: HTTPDate(), gzipThreshold: .max).frame(response, for: head)
        var bytes: [UInt8] = []
        appendFields(headers, close: close, version: version, to: &bytes)
        return bytes
    }

    /// The fields the response needs on the wire (framing, gzip, security headers) and its body.
    private func frame(_ response: Response, for head: RequestHead?)
        -> (headers: Headers, body: WireBody, close: Bool, version: HTTPVersion) {
        var headers = response.headers
        var close = response.closeConnection || !(head?.keepAlive ?? false)
        let version = head?.version ?? .http1_1
        let acceptsGzip = head.map { ResponseEncoder.acceptsGzip($0.headers) } ?? false
        let compressible = ResponseEncoder.isCompressible(headers["Content-Type"])
        let isHead = head?.method == .head
        if compressible, !headers.contains("Vary") { headers.add("Vary", "Accept-Encoding") }

        var body: WireBody
        switch response.body {
        case .empty:
            body = .none
            if !response.status.forbidsBody { headers.set("Content-Length", "0") }
        case .bytes(var bytes):
            if compressible, acceptsGzip, bytes.count >= gzipThreshold, !headers.contains("Content-Encoding"),
               let compressed = Gzip.compress(bytes), compressed.count < bytes.count {
                bytes = compressed
                headers.set("Content-Encoding", "gzip")
            }
            if !response.status.forbidsBody { headers.set("Content-Length", String(bytes.count)) }
            body = response.status.forbidsBody || isHead ? .none : .bytes(bytes)
        case .stream(let stream):
            let gzip = compressible && acceptsGzip && !headers.contains("Content-Encoding")
                && headers["Content-Type"]?.hasPrefix("text/event-stream") != true ? GzipStream() : nil
            if gzip != nil { headers.set("Content-Encoding", "gzip") }
            let chunked = version == .http1_1
            if chunked { headers.set("Transfer-Encoding", "chunked") } else { close = true }
            if isHead {
                stream.cancel()
                body = .none
            } else {
                body = .stream(stream, chunked: chunked, gzip: gzip)
            }
        }
        SecurityHeaders.apply(to: &headers)
        return (headers, body, close, version)
    }

    /// `HTTP/1.1 200 OK` and the `Date` line. Bytes are appended straight from each string's
    /// UTF-8: no intermediate String to grow and copy.
    private func statusLine(_ status: HTTPStatus, version: HTTPVersion, capacity: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        bytes.append(contentsOf: version.text.utf8)
        bytes.append(0x20)
        bytes.append(contentsOf: String(status.code).utf8)
        bytes.append(0x20)
        bytes.append(contentsOf: status.reason.utf8)
        bytes.append(contentsOf: "\r\nDate: ".utf8)
        bytes.append(contentsOf: date.current().utf8)
        bytes.append(contentsOf: "\r\n".utf8)
        return bytes
    }

    /// The header fields and the blank line that ends the head.
    private static func appendFields(_ headers: Headers, close: Bool, version: HTTPVersion, to bytes: inout [UInt8]) {
        // RFC 9112 §9.6: `close` tells the client not to send more; 1.0 keep-alive must be confirmed.
        if close {
            bytes.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version == .http1_0 {
            bytes.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        for (name, value) in headers {
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: ": ".utf8)
            bytes.append(contentsOf: value.utf8)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        bytes.append(contentsOf: "\r\n".utf8)
    }

    /// `Accept-Encoding` lists gzip without `q=0` (RFC 9110 §12.5.3). The first item naming gzip
    /// (or `*`) decides.
    static func acceptsGzip(_ headers: Headers) -> Bool {
        for (name, value) in headers where Headers.namesEqual(name, "Accept-Encoding") {
            // Browsers and benchmarks send plain lists (`gzip, deflate, br`): scanned without allocating.
            let decision = value.utf8.contains(UInt8(ascii: ";")) ? gzipDecision(weighted: value) : gzipDecision(plain: value)
            if let decision { return decision }
        }
        return false
    }

    /// A list without parameters: true as soon as an item is `gzip` or `*`, nil when none is.
    private static func gzipDecision(plain value: String) -> Bool? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        for item in value.utf8.split(separator: UInt8(ascii: ",")) {
            var coding = item.drop(while: isSpace)
            while let last = coding.last, isSpace(last) { coding = coding.dropLast() }
            if coding.elementsEqual("*".utf8) { return true }
            if coding.count == 4, zip(coding, "gzip".utf8).allSatisfy({ lowerASCII($0) == $1 }) { return true }
        }
        return nil
    }

    /// A list with parameters: the first gzip (or `*`) item is accepted unless its `q` is 0.
    private static func gzipDecision(weighted value: String) -> Bool? {
        for item in value.split(separator: ",") {
            let parts = item.split(separator: ";").map(\.trimmingSpaces)
            guard let coding = parts.first, Headers.namesEqual(coding, "gzip") || coding == "*" else { continue }
            let refused = parts.dropFirst().contains { parameter in
                let pair = parameter.split(separator: "=").map(\.trimmingSpaces)
                return pair.count == 2 && Headers.namesEqual(pair[0], "q") && (Double(pair[1]) ?? 1) == 0
            }
            return !refused
        }
        return nil
    }

    static func isCompressible(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let type = contentType[..<(contentType.firstIndex(of: ";") ?? contentType.endIndex)].trimmingSpaces
        return type.hasPrefix("text/") || type == "application/json" || type == "application/javascript"
            || type == "image/svg+xml" || type == "application/manifest+json"
    }
}
