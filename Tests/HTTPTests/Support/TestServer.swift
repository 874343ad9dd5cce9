// Starts a real Server on 127.0.0.1:0 with a small responder made for the HTTP tests.

import Dispatch
import Glibc
import Synchronization
@testable import HTTP
import TestSupport

/// Routes used by the server tests: echo, sized bodies, a slow handler, a stream, a thrower.
struct EchoResponder: Responder {
    let statics: StaticFiles?
    let slowHandlers: InFlight
    let gate: ReplyGate

    func maxBodySize(for head: RequestHead) -> Int {
        head.path == "/big" ? 1_000_000 : 1024
    }

    /// The sleeping handler runs on the pool, `/later` replies when the test opens the gate (from
    /// the thread that opens it); everything else is answered on the event loop.
    func answering(_ head: RequestHead) -> Answering {
        switch head.path {
        case "/slow": .onPool
        case "/later": .deferred
        default: .inPlace
        }
    }

    func respond(to request: Request, reply: @escaping @Sendable (Response) -> Void) {
        gate.hold(reply)
    }

    func respond(to request: Request) -> Response {
        switch request.path {
        case "/healthz":
            return .text("ok")
        case "/echo":
            var response = Response.text(String(decoding: request.body, as: UTF8.self))
            response.headers.add("X-Method", request.method.rawValue)
            return response
        case "/client":
            return .text(request.client.description)
        case "/big":
            return .text(String(repeating: "groundswell ", count: (Int(request.query("n") ?? "") ?? 1000)))
        case "/slow":
            slowHandlers.enter()
            usleep(UInt32(request.query("ms").flatMap { Int($0) } ?? 200) * 1000)
            slowHandlers.leave()
            return .text("slow")
        case "/stream":
            return Response(status: .ok, headers: Headers([("Content-Type", "text/plain")]),
                            body: .stream(CountingStream(pieces: Int(request.query("n") ?? "") ?? 3)))
        default:
            if let statics, let response = statics.response(for: request) { return response }
            return .error(.notFound, code: "not_found", message: "No such thing.")
        }
    }
}

/// Counts handlers running at the same moment, and the most there ever were.
final class InFlight: Sendable {
    private let current = Atomic<Int>(0)
    let most = Atomic<Int>(0)

    func enter() {
        let now = current.add(1, ordering: .relaxed).newValue
        var seen = most.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = most.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
    }

    func leave() { current.subtract(1, ordering: .relaxed) }

    /// Handlers running right now.
    var running: Int { current.load(ordering: .relaxed) }
}

/// A stream of `pieces` lines, then the end.
final class CountingStream: ResponseStream, @unchecked Sendable {  // confined to the connection's queue
    private var sent = 0
    private let pieces: Int
    let cancelled = Atomic<Bool>(false)

    init(pieces: Int) { self.pieces = pieces }

    func next(wake: @escaping @Sendable () -> Void) -> StreamStep {
        guard sent < pieces else { return .end }
        sent += 1
        return .chunk(Array("line \(sent)\n".utf8))
    }

    func cancel() { cancelled.store(true, ordering: .relaxed) }
}

/// Deferred replies held until the test releases them.
final class ReplyGate: Sendable {
    private let held = Mutex<[@Sendable (Response) -> Void]>([])

    func hold(_ reply: @escaping @Sendable (Response) -> Void) { held.withLock { $0.append(reply) } }

    var waiting: Int { held.withLock { $0.count } }

    /// Replies to every held request, in arrival order, with `later 1`, `later 2`, …
    func open() {
        let replies = held.withLock { held in
            defer { held.removeAll() }
            return held
        }
        for (index, reply) in replies.enumerated() { reply(.text("later \(index + 1)")) }
    }
}

/// Collects the server's log lines so tests can read them.
final class LogCollector: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var lines: [String] { storage.withLock { $0 } }
}

/// A running server for one test; stopped gracefully by `stop()`.
final class TestServer: Sendable {
    let server: Server
    let port: Int
    let log = LogCollector()
    let slowHandlers = InFlight()
    let gate = ReplyGate()

    init(
        limits: Limits = Limits(), statics: StaticFiles? = nil, eventLoops: Int? = nil, trustedProxies: [AddressRange] = []
    ) throws {
        var configuration = ServerConfiguration()
        configuration.trustedProxies = trustedProxies
        configuration.eventLoops = eventLoops
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.limits = limits
        let log = log
        let responder = EchoResponder(statics: statics, slowHandlers: slowHandlers, gate: gate)
        server = Server(configuration: configuration, responder: responder) { log.append($0) }
        port = try server.start()
    }

    /// Polls `condition` every millisecond until it holds; false if it never did within 10 s
    /// (a failure bound for a broken server, not a timing assertion).
    func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<10_000 {
            if condition() { return true }
            usleep(1000)
        }
        return condition()
    }

    func client(timeout: Int = 10, from source: String? = nil) throws -> RawClient {
        try RawClient(port: port, timeoutSeconds: timeout, from: source)
    }

    /// Graceful shutdown, waiting until every connection is closed.
    func stop() {
        let done = DispatchSemaphore(value: 0)
        server.shutdown { done.signal() }
        done.wait()
    }
}
