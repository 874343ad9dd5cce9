// Hostile clients against the real server: slowloris, pipelined floods, connection churn, the connection cap.

import Dispatch
import Glibc
import Synchronization
import Testing
import TestSupport
@testable import HTTP

@Suite("Hostile clients", .serialized)
struct HostileClientTests {
    @Test("slowloris: trickling heads get 408 at the header timeout while a good client is served")
    func slowloris() throws {
        var limits = Limits()
        limits.headerTimeout = 1
        let server = try TestServer(limits: limits)
        defer { server.stop() }
        let attackers = try (0..<50).map { _ in try server.client() }
        let prefix = Array("GET / HTTP/1.1\r\nHost: t\r\nX-Slow: ".utf8)
        for attacker in attackers { try attacker.send(prefix) }
        // Keep trickling one byte each while a well-behaved client does its work.
        let good = try server.client()
        for round in 0..<5 {
            for attacker in attackers { try? attacker.send([UInt8(ascii: "a")]) }
            try good.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try good.readResponse().text == "ok", "round \(round)")
            usleep(100_000)
        }
        for attacker in attackers {
            #expect(try attacker.readResponse().status == 408)
        }
    }

    @Test("a flood of pipelined requests is answered completely and in order")
    func pipelinedFlood() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        let count = 5000
        let sender = DispatchQueue(label: "flood")
        let sent = DispatchSemaphore(value: 0)
        sender.async {
            var batch: [UInt8] = []
            for index in 0..<count {
                batch += Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(String(index).utf8.count)\r\n\r\n\(index)".utf8)
            }
            try? client.send(batch)  // the server stops reading while its output is full: this blocks until we read
            sent.signal()
        }
        for index in 0..<count {
            let response = try client.readResponse()
            if response.text != String(index) {
                Issue.record("response \(index) was \(response.text)")
                break
            }
        }
        sent.wait()
    }

    @Test("thousands of connections opened and dropped leave the server healthy and empty")
    func churn() throws {
        let server = try TestServer()
        defer { server.stop() }
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in 0..<500 {
                guard let client = try? server.client() else { continue }
                if (index + worker) % 3 == 0 { try? client.send("GET /heal") }
                if index % 5 == 0 { client.reset() }
            }
        }
        let healthy = try server.client()
        try healthy.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try healthy.readResponse().text == "ok")
        // Every dropped connection is noticed and released.
        var waited = 0
        while server.server.connectionCount > 1, waited < 100 {
            usleep(50_000)
            waited += 1
        }
        #expect(server.server.connectionCount == 1)
    }

    @Test("over the connection cap a new connection is told 503 and closed; room returns when others leave")
    func connectionCap() throws {
        var limits = Limits()
        limits.maxConnections = 5
        let server = try TestServer(limits: limits)
        defer { server.stop() }
        var held = try (0..<5).map { _ in try server.client() }
        for client in held {
            try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readResponse()
        }
        let refused = try server.client()
        let answer = try refused.readResponse()
        #expect(answer.status == 503 && answer.text.contains(#""code":"unavailable""#))
        #expect(refused.isClosedByPeer())
        held.removeAll()  // closes them
        var served = false
        for _ in 0..<50 where !served {
            usleep(50_000)
            guard let client = try? server.client() else { continue }
            if (try? client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")) != nil,
               (try? client.readResponse())?.text == "ok" { served = true }
        }
        #expect(served)
    }

    @Test("a slow reader stalls only its own connection and is closed at the write-stall timeout")
    func slowReader() throws {
        var limits = Limits()
        limits.writeStallTimeout = 0.5
        let server = try TestServer(limits: limits)
        defer { server.stop() }
        let reader = try server.client()
        var size = Int32(4096)
        setsockopt(reader.fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        try reader.send("GET /big?n=900000 HTTP/1.1\r\nHost: t\r\n\r\n")  // ~10 MB it never reads
        let good = try server.client()
        try good.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try good.readResponse().text == "ok")
        var waited = 0
        while server.server.connectionCount > 1, waited < 100 {
            usleep(50_000)
            waited += 1
        }
        #expect(server.server.connectionCount == 1, "the stalled connection was closed")
    }
}
