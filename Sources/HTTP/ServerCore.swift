// What every connection shares: the responder, encoder, limits, access log and the connection registry.

// Dispatch sources are thread-safe objects whose Swift overlay predates Sendable annotations.
@preconcurrency import Dispatch
import Synchronization

final class ServerCore: Sendable {
    let responder: any Responder
    let limits: Limits
    let encoder: ResponseEncoder
    private let accessLog: Bool
    private let logSink: @Sendable (String) -> Void
    private let requestCounter = Atomic<UInt64>(0)
    /// Set once shutdown begins; read by connections as they answer, so an in-flight response
    /// already says `Connection: close`.
    private let drainingFlag = Atomic<Bool>(false)

    private struct Registry {
        var open: [ObjectIdentifier: Connection] = [:]
        var limit = 1024
        var draining = false
        var onEmpty: (@Sendable () -> Void)?
    }

    /// Guarded by its own lock; touched from the accept queue and from connection queues.
    private let registry = Mutex(Registry())

    init(configuration: ServerConfiguration, responder: any Responder, log: @escaping @Sendable (String) -> Void) {
        self.responder = responder
        limits = configuration.limits
        encoder = ResponseEncoder(date: HTTPDate(), gzipThreshold: configuration.gzipThreshold)
        accessLog = configuration.accessLog
        logSink = log
    }

    func log(_ line: String) { logSink(line) }

    func nextRequestID() -> UInt64 { requestCounter.add(1, ordering: .relaxed).newValue }

    var isDraining: Bool { drainingFlag.load(ordering: .acquiring) }

    var connectionCount: Int { registry.withLock { $0.open.count } }

    func setConnectionLimit(_ limit: Int) {
        registry.withLock { $0.limit = limit }
    }

    /// Takes ownership of an accepted descriptor, or closes it at once when over the limit or draining.
    func adopt(fd: Int32, remoteAddress: String) {
        let connection = Connection(fd: fd, remoteAddress: remoteAddress, core: self)
        let accepted = registry.withLock { registry -> Bool in
            guard !registry.draining, registry.open.count < registry.limit else { return false }
            registry.open[ObjectIdentifier(connection)] = connection
            return true
        }
        guard accepted else {
            Socket.close(fd)
            return
        }
        connection.queue.async { connection.start() }
    }

    func connectionClosed(_ connection: Connection) {
        let callback = registry.withLock { registry -> (@Sendable () -> Void)? in
            registry.open[ObjectIdentifier(connection)] = nil
            guard registry.draining, registry.open.isEmpty, let onEmpty = registry.onEmpty else { return nil }
            registry.onEmpty = nil
            return onEmpty
        }
        callback?()
    }

    func drainAll(grace: Double, completion: @escaping @Sendable () -> Void) {
        drainingFlag.store(true, ordering: .releasing)
        let connections = registry.withLock { registry -> [Connection]? in
            registry.draining = true
            guard !registry.open.isEmpty else { return nil }
            registry.onEmpty = completion
            return Array(registry.open.values)
        }
        guard let connections else {
            completion()
            return
        }
        for connection in connections { connection.queue.async { connection.drain() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in
            let stragglers = registry.withLock { Array($0.open.values) }
            for connection in stragglers { connection.queue.async { connection.close() } }
        }
    }

    /// One line per request: method, route pattern, status, body bytes, duration. Never the client
    /// address or the raw path (which can carry search words): contributors are anonymous.
    func logAccess(method: HTTPMethod?, route: String?, status: Int, bytes: Int, started: UInt64) {
        guard accessLog else { return }
        let micros = (Connection.now() &- started) / 1000
        let millis = "\(micros / 1000).\(String(micros % 1000 / 100))"
        logSink("\(method?.rawValue ?? "-") \(route ?? "-") \(status) \(bytes)B \(millis)ms")
    }
}
