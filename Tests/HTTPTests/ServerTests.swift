// The server over real loopback sockets: keep-alive, pipelining, bodies, limits, HEAD, gzip, resets, load, shutdown.

import Dispatch
import Glibc
import Synchronization
import Testing
import TestSupport
@testable import HTTP

@Suite("Server over loopback", .serialized)
struct ServerTests {
    @Test("healthz, keep-alive and the default headers")
    func keepAlive() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        for _ in 0..<3 {
            try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "ok")
            #expect(response.headers["Date"] != nil)
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(response.headers["Content-Security-Policy"]?.contains("frame-ancestors 'none'") == true)
            #expect(response.headers["Connection"] == nil)
        }
    }

    @Test("Connection: close and HTTP/1.0 close after the response")
    func connectionClose() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.headers["Connection"] == "close")
        #expect(client.isClosedByPeer())
        let old = try server.client()
        try old.send("GET /healthz HTTP/1.0\r\n\r\n")
        #expect(try old.readResponse().status == 200)
        #expect(old.isClosedByPeer())
        let oldKeepAlive = try server.client()
        try oldKeepAlive.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try oldKeepAlive.readResponse().headers["Connection"] == "keep-alive")
        try oldKeepAlive.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try oldKeepAlive.readResponse().status == 200)
    }

    @Test("pipelined requests are answered in order")
    func pipelining() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        var batch = ""
        for index in 0..<20 {
            let body = "request \(index)"
            let path = index % 3 == 0 ? "/slow?ms=5" : "/echo"
            batch += "POST \(path) HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        }
        try client.send(batch)
        for index in 0..<20 {
            let response = try client.readResponse()
            #expect(response.text == (index % 3 == 0 ? "slow" : "request \(index)"))
        }
    }

    /// The head is parsed before any body byte is sent: the 100 (Continue) says so, an event rather
    /// than a sleep. The body then comes in pieces cut inside a chunk.
    @Test("Content-Length and chunked bodies, fed in pieces")
    func bodies() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n")
        #expect(try client.readUntilStatusLine().hasPrefix("HTTP/1.1 100"))
        try client.send("hello")
        try client.send(" world")
        #expect(try client.readResponse().text == "hello world")
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
        #expect(try client.readUntilStatusLine().hasPrefix("HTTP/1.1 100"))
        try client.send("5\r\nhel")
        try client.send("lo\r\n6;ext=1\r\n world\r\n0\r\n\r\n")
        #expect(try client.readResponse().text == "hello world")
    }

    @Test("Expect: 100-continue gets a 100 before the body is sent")
    func expectContinue() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readUntilStatusLine()
        #expect(interim.hasPrefix("HTTP/1.1 100"))
        try client.send("ok")
        #expect(try client.readResponse().text == "ok")
    }

    @Test("a body over the limit is refused with 413 before it is read")
    func bodyTooLarge() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(response.text.contains("\"code\":\"payload_too_large\""))
        #expect(client.isClosedByPeer())
        let chunked = try server.client()
        try chunked.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + String(repeating: "a", count: 2048))
        #expect(try chunked.readResponse().status == 413)
    }

    @Test("framing errors get their status, a JSON error and a close", arguments: [
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", 400),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
        ("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: t\r\n\r\n", 414),
        ("GET / HTTP/1.1\r\nHost: t\r\nX: " + String(repeating: "a", count: 40000) + "\r\n\r\n", 431),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n", 400),
    ])
    func framingErrors(_ raw: String, _ status: Int) throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send(raw)
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(response.text.hasPrefix("{\"error\":{\"code\":"))
        #expect(response.headers["Connection"] == "close")
        #expect(client.isClosedByPeer())
    }

    @Test("HEAD has the GET headers and no body")
    func head() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send("HEAD /big?n=10 HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse(head: true)
        #expect(response.headers["Content-Length"] == String(10 * 12))
        try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "ok")  // nothing of a HEAD body was left in between
    }

    @Test("gzip when accepted and large enough, identical after inflating")
    func gzip() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send("GET /big?n=1000 HTTP/1.1\r\nHost: t\r\nAccept-Encoding: br, gzip\r\n\r\n")
        let compressed = try client.readResponse()
        #expect(compressed.headers["Content-Encoding"] == "gzip")
        #expect(compressed.headers["Vary"] == "Accept-Encoding")
        #expect(compressed.body.count < 12000)
        let inflated = Gzip.decompress(compressed.body).map { String(decoding: $0, as: UTF8.self) }
        #expect(inflated == String(repeating: "groundswell ", count: 1000))
        try client.send("GET /big?n=1000 HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip;q=0\r\n\r\n")
        #expect(try client.readResponse().headers["Content-Encoding"] == nil)
        try client.send("GET /big?n=10 HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
        #expect(try client.readResponse().headers["Content-Encoding"] == nil)  // below the threshold
    }

    @Test("a streamed body arrives chunked, and gzipped when accepted")
    func streaming() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send("GET /stream?n=3 HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.headers["Transfer-Encoding"] == "chunked")
        #expect(response.text == "line 1\nline 2\nline 3\n")
        try client.send("GET /stream?n=5000 HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n")
        let zipped = try client.readResponse()
        #expect(zipped.headers["Content-Encoding"] == "gzip")
        let lines = Gzip.decompress(zipped.body).map { String(decoding: $0, as: UTF8.self) }?.split(separator: "\n")
        #expect(lines?.count == 5000)
        #expect(lines?.last == "line 5000")
    }

    @Test("a stream far larger than the output cap arrives whole")
    func largeStream() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send("GET /stream?n=200000 HTTP/1.1\r\nHost: t\r\n\r\n")  // about 2.3 MB
        let lines = try client.readResponse().text.split(separator: "\n")
        #expect(lines.count == 200_000)
        #expect(lines.last == "line 200000")
    }

    @Test("a stream to a request that asked for close, and to HTTP/1.0, ends before the close")
    func streamThenClose() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send("GET /stream?n=3 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        #expect(try client.readResponse().text == "line 1\nline 2\nline 3\n")
        #expect(client.isClosedByPeer())
        let old = try server.client()
        try old.send("GET /stream?n=3 HTTP/1.0\r\n\r\n")
        #expect(try old.readResponse().text == "line 1\nline 2\nline 3\n")  // delimited by the close
    }

    @Test("header timeout: a slow client gets 408 and a close; an idle one is closed")
    func timeouts() throws {
        var limits = Limits()
        limits.headerTimeout = 0.3
        limits.keepAliveTimeout = 0.3
        limits.bodyIdleTimeout = 0.3
        let server = try TestServer(limits: limits)
        defer { server.stop() }
        let slow = try server.client()
        try slow.send("GET / HTTP/1.1\r\nHo")
        let response = try slow.readResponse()
        #expect(response.status == 408)
        #expect(slow.isClosedByPeer())
        let slowBody = try server.client()
        try slowBody.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        #expect(try slowBody.readResponse().status == 408)
        let idle = try server.client()
        #expect(idle.isClosedByPeer())  // blocks until the keep-alive timeout closes it
    }

    @Test("a client that resets mid-response does not disturb the server")
    func resetMidResponse() throws {
        let server = try TestServer()
        defer { server.stop() }
        for _ in 0..<20 {
            let client = try server.client()
            try client.send("GET /big?n=400000 HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readUntilStatusLine()  // the response has begun: the reset lands mid-response
            client.reset()
        }
        let healthy = try server.client()
        try healthy.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try healthy.readResponse().text == "ok")
    }

    @Test("half-closed client still gets its answers")
    func halfClose() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\nGET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        client.shutdownWrite()
        #expect(try client.readResponse().text == "ok")
        #expect(try client.readResponse().text == "ok")
        #expect(client.isClosedByPeer())
    }

    @Test("200 concurrent clients are all served")
    func concurrentClients() throws {
        let server = try TestServer()
        defer { server.stop() }
        let served = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            guard let client = try? server.client() else { return }
            for request in 0..<5 {
                let body = "\(index)-\(request)"
                guard (try? client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")) != nil,
                      let response = try? client.readResponse(), response.text == body
                else { return }
            }
            served.add(1, ordering: .relaxed)
        }
        #expect(served.load(ordering: .relaxed) == 200)
    }

    @Test("handlers that block run side by side: a blocked handler never holds up the others")
    func blockingHandlersRunInParallel() throws {
        let server = try TestServer()
        defer { server.stop() }
        let clients = try (0..<64).map { _ in try server.client() }
        for client in clients { try client.send("GET /slow?ms=500 HTTP/1.1\r\nHost: t\r\n\r\n") }
        for client in clients { #expect(try client.readResponse().text == "slow") }
        // All 64 were in their handler at once (each sleeps while holding its thread); a pool that
        // does not grow past its blocked threads would show a handful here.
        #expect(server.slowHandlers.most.load(ordering: .relaxed) >= 48)
    }

    @Test("graceful shutdown finishes the in-flight request, then closes everything")
    func gracefulShutdown() throws {
        let server = try TestServer()
        let busy = try server.client()
        let idle = try server.client()
        try idle.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try idle.readResponse()
        try busy.send("GET /slow?ms=1000 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(server.eventually { server.slowHandlers.running == 1 }, "the request is in its handler")
        server.stop()  // returns only once every connection is closed
        let response = try busy.readResponse()
        #expect(response.text == "slow")
        #expect(response.headers["Connection"] == "close")
        #expect(idle.isClosedByPeer())
        #expect(server.server.connectionCount == 0)
        #expect(throws: RawClientError.self) { _ = try RawClient(port: server.port) }
    }

    @Test("the access log has method, route, status and size, never the client address")
    func accessLog() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = try client.readResponse()
        server.stop()
        let lines = server.log.lines
        #expect(lines.contains { $0.hasPrefix("GET - 200 2B") })
        #expect(!lines.contains { $0.contains("127.0.0.1") })
    }
}

extension RawClient {
    /// Reads just the first line of the next message (used for the interim 100 response).
    func readUntilStatusLine() throws -> String {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while !(line.count >= 4 && line.suffix(4) == [13, 10, 13, 10]) {
            guard recv(fd, &byte, 1, 0) == 1 else { throw RawClientError.closed }
            line.append(byte)
        }
        return String(decoding: line, as: UTF8.self)
    }
}
