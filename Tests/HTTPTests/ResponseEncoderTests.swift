// Response encoding: a prepared response is byte for byte what the ordinary path writes, and Accept-Encoding.

import Testing
@testable import HTTP

@Suite("Response encoder")
struct ResponseEncoderTests {
    static func head(_ raw: String) -> RequestHead? {
        guard case .complete(let head, _) = RequestParser.parseHead(Array(raw.utf8), limits: Limits()) else { return nil }
        return head
    }

    static let keepAliveGet = "GET /js/app.js HTTP/1.1\r\nHost: x\r\n\r\n"

    /// The responses a static file answers with: identity, gzip and 304.
    static func fileResponses() -> [Response] {
        var headers = Headers()
        headers.add("ETag", "\"abc-3\"")
        headers.add("Cache-Control", "public, max-age=300")
        let notModified = Response(status: .notModified, headers: headers)
        headers.add("Content-Type", "application/javascript")
        let identity = Response(status: .ok, headers: headers, body: .bytes(Array(repeating: 0x61, count: 4096)))
        headers.add("Content-Encoding", "gzip")
        let gzipped = Response(status: .ok, headers: headers, body: .bytes([0x1f, 0x8b, 1, 2, 3]))
        return [identity, gzipped, notModified]
    }

    static func bodyBytes(_ body: WireBody) -> [UInt8]? {
        switch body {
        case .none: nil
        case .bytes(let bytes): bytes
        case .stream: [0xFF]
        }
    }

    @Test(arguments: [
        keepAliveGet,
        "HEAD /js/app.js HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /js/app.js HTTP/1.0\r\n\r\n",
        "GET /js/app.js HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "GET /js/app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    ])
    func preparedEqualsOrdinary(raw: String) throws {
        let head = try #require(Self.head(raw))
        // A high threshold: a prepared response is never gzipped by the encoder, and neither is this one.
        let encoder = ResponseEncoder(date: HTTPDate(), gzipThreshold: .max)
        for response in Self.fileResponses() {
            let prepared = response.prepared()
            #expect(prepared.preparedFields != nil)
            let fast = encoder.encode(prepared, for: head)
            let ordinary = encoder.encode(response, for: head)
            #expect(fast.head == ordinary.head, "\(raw) \(response.status.code)")
            #expect(Self.bodyBytes(fast.body) == Self.bodyBytes(ordinary.body))
            #expect(fast.close == ordinary.close)
        }
    }

    @Test func preparedHeadCarriesLengthAndSecurityHeaders() throws {
        let head = try #require(Self.head(Self.keepAliveGet))
        let encoded = ResponseEncoder(date: HTTPDate(), gzipThreshold: 1024).encode(Self.fileResponses()[0].prepared(), for: head)
        let text = String(decoding: encoded.head, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\nDate: "))
        #expect(text.contains("\r\nContent-Length: 4096\r\n"))
        #expect(text.contains("\r\nX-Content-Type-Options: nosniff\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"))
        #expect(!text.contains("Connection:"))
    }

    @Test func changingAPreparedResponseDropsThePreparation() {
        var response = Self.fileResponses()[0].prepared()
        response.headers.add("Set-Cookie", "a=b")
        #expect(response.preparedFields == nil)
        var other = Self.fileResponses()[0].prepared()
        other.status = .notFound
        #expect(other.preparedFields == nil)
        var third = Self.fileResponses()[0].prepared()
        third.body = .bytes([1])
        #expect(third.preparedFields == nil)
        var routed = Self.fileResponses()[0].prepared()
        routed.route = "static"
        #expect(routed.preparedFields != nil)
    }

    @Test(arguments: [
        (["gzip"], true), (["GZIP"], true), ([" deflate , gzip "], true), (["gzip, deflate, br, zstd"], true),
        (["br"], false), (["*"], true), (["x-gzip"], false), (["gzipx"], false), ([""], false), ([","], false),
        (["gzip;q=0"], false), (["gzip; q=0.5"], true), (["deflate, gzip;q=0"], false), (["identity, *;q=0"], false),
        (["br", "gzip"], true), (["br", "gzip;q=0", "gzip"], false),
    ])
    func acceptEncoding(values: [String], accepted: Bool) {
        let headers = Headers(values.map { (name: "accept-encoding", value: $0) })
        #expect(ResponseEncoder.acceptsGzip(headers) == accepted, "\(values)")
    }
}
