// The HTTP/1.1 server: one epoll event loop per CPU, an acceptor on the first, and graceful shutdown.
//
// Concurrency model (who runs on which thread):
// - `loops` are one `EventLoop` thread per CPU this process may use (`taskset` narrows it).
//   Each owns its connections outright: reading, parsing, answering in place, writing and every
//   timeout run on that loop's thread with no lock. Loop 0 also owns the listening socket and
//   hands accepted connections to the loops in turn.
// - A request `Responder.answering(_:)` sends `.onPool` (it may block: the database) runs
//   on the handler pool — a serial Dispatch queue per connection, created on first need, on
//   libdispatch's overcommitting pool, which adds a thread when its threads block — and its
//   response is posted back to the owning loop (`EventLoop.post`: a locked inbox plus an
//   eventfd). Later requests of that connection wait, so responses stay in order.
// - A `.deferred` request is started on the loop (`respond(to:reply:)`,
//   which must not block: it hands its work on, e.g. a database write with a completion) and its
//   reply, from whatever thread gives it, is posted back the same way. No thread waits for it.
// - A `ResponseStream` that may block (`pullsWithoutBlocking == false`) is pulled on that same
//   per-connection queue, a batch at a time, and its bytes are posted back; a non-blocking one
//   (server-sent events) is pulled on the loop. `wake` may come from any thread and posts to the loop.
// - Shared by all: `ServerCore` (immutable settings and atomics, no lock).

import Glibc
import Synchronization

public final class Server: Sendable {
    private let configuration: ServerConfiguration
    private let core: ServerCore
    /// Guarded by its own lock: the running loops, set by `start`, taken by `shutdown`.
    private let loops = Mutex<[EventLoop]>([])

    public init(configuration: ServerConfiguration, responder: any Responder, log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        core = ServerCore(configuration: configuration, responder: responder, log: log)
    }

    /// Binds, starts the loops and returns the bound port (useful with port 0).
    public func start() throws -> Int {
        // A peer that resets mid-response must be an error from send, never a process-killing signal.
        signal(SIGPIPE, SIG_IGN)
        let descriptors = Socket.raiseDescriptorLimit(wanted: configuration.limits.maxConnections + 1024)
        core.setConnectionLimit(min(configuration.limits.maxConnections, max(descriptors - 256, 64)))
        let (fd, port) = try Socket.listen(host: configuration.host, port: configuration.port)
        let count = configuration.eventLoops ?? Epoll.availableCPUs()
        let started: [EventLoop]
        do {
            started = try (0..<max(1, count)).map { try EventLoop(index: $0, core: core) }
        } catch {
            Socket.close(fd)
            throw error
        }
        loops.withLock { $0 = started }
        for loop in started { loop.start() }
        let first = started[0]
        first.post { first.installAcceptor(fd: fd, loops: started) }
        return port
    }

    /// Stops accepting, lets in-flight requests finish (up to `Limits.shutdownGrace`), then calls
    /// `completion` once every connection is closed. The loop threads end with it.
    public func shutdown(completion: @escaping @Sendable () -> Void) {
        let running = loops.withLock { loops -> [EventLoop] in
            defer { loops = [] }
            return loops
        }
        guard let first = running.first else {
            completion()
            return
        }
        core.beginDraining()
        let grace = configuration.limits.shutdownGrace
        let tracker = DrainTracker(loops: running.count, completion: completion)
        // Through loop 0, after it closed the listener: every hand-off it posted earlier reaches
        // its loop before that loop's drain does.
        first.post {
            first.stopAccepting()
            for loop in running { loop.post { loop.beginDrain(grace: grace, tracker: tracker) } }
        }
    }

    /// The number of open client connections (for tests and statistics).
    public var connectionCount: Int { core.connectionCount }

    /// Open connections per event loop, in loop order (for tests of the spread).
    var connectionsPerLoop: [Int] { loops.withLock { $0.map { $0.openCount.load(ordering: .relaxed) } } }
}
