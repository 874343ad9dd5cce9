// The HTTP/1.1 server: a listening socket, its connections, and graceful shutdown.
//
// Concurrency model (who runs on which queue):
// - `acceptQueue` (serial) owns the listening socket: its read source accepts connections, and
//   start, shutdown and the EMFILE back-off run there.
// - Every `Connection` has its own serial queue on libdispatch's overcommitting pool. All of a
//   connection's state, its dispatch sources, parsing, the responder call and writing run on it,
//   so connections proceed in parallel and a slow handler delays only its own connection.
// - The registry of open connections is shared by both and sits behind a `Mutex`.
// - A `ResponseStream` is pulled on its connection's queue; its `wake` may come from any thread
//   and hops onto that queue.

// Dispatch sources are thread-safe objects whose Swift overlay predates Sendable annotations.
@preconcurrency import Dispatch
import Glibc
import Synchronization

public final class Server: Sendable {
    private let configuration: ServerConfiguration
    private let core: ServerCore
    private let acceptQueue = DispatchQueue(label: "groundswell.accept")
    /// Guarded by its own lock: the listener and its source, set by `start`, cleared by `shutdown`.
    private let listener = Mutex<Listener?>(nil)

    private struct Listener: @unchecked Sendable {  // the source is only touched on acceptQueue
        let fd: Int32
        let source: any DispatchSourceRead
    }

    public init(configuration: ServerConfiguration, responder: any Responder, log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        core = ServerCore(configuration: configuration, responder: responder, log: log)
    }

    /// Binds, starts accepting and returns the bound port (useful with port 0).
    public func start() throws -> Int {
        // A peer that resets mid-response must be an error from send, never a process-killing signal.
        signal(SIGPIPE, SIG_IGN)
        let descriptors = Socket.raiseDescriptorLimit(wanted: configuration.limits.maxConnections + 1024)
        core.setConnectionLimit(min(configuration.limits.maxConnections, max(descriptors - 256, 64)))
        let (fd, port) = try Socket.listen(host: configuration.host, port: configuration.port)
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: acceptQueue)
        source.setEventHandler { [core, acceptQueue] in
            Server.acceptAll(fd: fd, source: source, core: core, queue: acceptQueue)
        }
        source.setCancelHandler { Socket.close(fd) }
        listener.withLock { $0 = Listener(fd: fd, source: source) }
        source.resume()
        return port
    }

    private static func acceptAll(fd: Int32, source: any DispatchSourceRead, core: ServerCore, queue: DispatchQueue) {
        for _ in 0..<256 {  // bounded, so one busy listener cannot starve the queue
            switch Socket.accept(fd) {
            case .accepted(let client, let address):
                core.adopt(fd: client, remoteAddress: address)
            case .wouldBlock:
                return
            case .exhausted:
                // Out of descriptors: stop accepting for a moment instead of spinning on EMFILE.
                source.suspend()
                queue.asyncAfter(deadline: .now() + .milliseconds(100)) { source.resume() }
                core.log("accept paused for 100 ms: out of file descriptors")
                return
            case .failed(let error):
                core.log("\(error)")
                return
            }
        }
    }

    /// Stops accepting, lets in-flight requests finish (up to `Limits.shutdownGrace`), then calls
    /// `completion` once every connection is closed.
    public func shutdown(completion: @escaping @Sendable () -> Void) {
        acceptQueue.async { [self] in
            listener.withLock { current in
                current?.source.cancel()
                current = nil
            }
            core.drainAll(grace: configuration.limits.shutdownGrace, completion: completion)
        }
    }

    /// The number of open client connections (for tests and statistics).
    public var connectionCount: Int { core.connectionCount }
}
