// The event loops: in-place answers beside pool handlers, responses for departed clients, the spread of connections.

import Glibc
import Testing
import TestSupport
@testable import HTTP

@Suite("Event loops", .serialized)
struct EventLoopTests {
    @Test("a blocking handler does not stall in-place answers on the same loop")
    func blockingHandlerDoesNotStallTheLoop() throws {
        let server = try TestServer(eventLoops: 1)
        defer { server.stop() }
        let blocked = try server.client()
        try blocked.send("GET /slow?ms=1500 HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(server.eventually { server.slowHandlers.running == 1 })
        let quick = try server.client()
        for _ in 0..<20 {
            try quick.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try quick.readResponse().text == "ok")
        }
        // All twenty were answered while the one loop's other connection still waited on the pool.
        #expect(server.slowHandlers.running == 1)
        #expect(try blocked.readResponse().text == "slow")
    }

    @Test("a response posted back after the client left is dropped, never sent to a newer connection")
    func responseForDepartedClientIsDropped() throws {
        let server = try TestServer(eventLoops: 1)
        defer { server.stop() }
        do {
            let leaving = try server.client()
            try leaving.send("GET /slow?ms=300 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(server.eventually { server.slowHandlers.running == 1 })
            leaving.abortOnClose()
        }  // closed here: the server sees a reset
        #expect(server.eventually { server.server.connectionCount == 0 })
        #expect(server.slowHandlers.running == 1)  // the handler is still out on the pool
        // Likely given the departed connection's descriptor number.
        let newcomer = try server.client()
        #expect(server.eventually { server.slowHandlers.running == 0 })
        for _ in 0..<3 {
            try newcomer.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try newcomer.readResponse().text == "ok")
        }
        #expect(server.server.connectionCount == 1)
    }

    @Test("connections are spread evenly over the loops", arguments: [2, 4])
    func connectionsSpreadEvenly(_ loops: Int) throws {
        let server = try TestServer(eventLoops: loops)
        defer { server.stop() }
        let clients = try (0..<(loops * 10)).map { _ in try server.client() }
        for client in clients {
            try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().text == "ok")
        }
        #expect(server.server.connectionsPerLoop == Array(repeating: 10, count: loops))
    }

    @Test("a stream pulled on the pool is cancelled when its client resets")
    func poolStreamCancelledOnReset() throws {
        let server = try TestServer(eventLoops: 1)
        defer { server.stop() }
        do {
            let client = try server.client()
            try client.send("GET /stream?n=100000000 HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readUntilStatusLine()
            client.abortOnClose()
        }  // closed here, with unread bytes: the server sees a reset
        #expect(server.eventually { server.server.connectionCount == 0 })
        let healthy = try server.client()
        try healthy.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try healthy.readResponse().text == "ok")
    }
}

extension RawClient {
    /// SO_LINGER 0: the close in `deinit` then sends a reset instead of a FIN.
    func abortOnClose() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }
}
