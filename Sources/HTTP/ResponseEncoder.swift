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

        // Bytes appended straight from each string's UTF-8: no intermediate String to grow and copy.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(640)
        bytes.append(contentsOf: version.text.utf8)
        bytes.append(0x20)
        bytes.append(contentsOf: String(response.status.code).utf8)
        bytes.append(0x20)
        bytes.append(contentsOf: response.status.reason.utf8)
        bytes.append(contentsOf: "\r\nDate: ".utf8)
        bytes.append(contentsOf: date.current().utf8)
        bytes.append(contentsOf: "\r\n".utf8)
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
        return (bytes, body, close)
    }

    /// `Accept-Encoding` lists gzip without `q=0` (RFC 9110 §12.5.3).
    static func acceptsGzip(_ headers: Headers) -> Bool {
        for value in headers.values("Accept-Encoding") {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";").map(\.trimmingSpaces)
                guard let coding = parts.first, Headers.namesEqual(coding, "gzip") || coding == "*" else { continue }
                let refused = parts.dropFirst().contains { parameter in
                    let pair = parameter.split(separator: "=").map(\.trimmingSpaces)
                    return pair.count == 2 && Headers.namesEqual(pair[0], "q") && (Double(pair[1]) ?? 1) == 0
                }
                return !refused
            }
        }
        return false
    }

    static func isCompressible(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let type = contentType[..<(contentType.firstIndex(of: ";") ?? contentType.endIndex)].trimmingSpaces
        return type.hasPrefix("text/") || type == "application/json" || type == "application/javascript"
            || type == "image/svg+xml" || type == "application/manifest+json"
    }
}
