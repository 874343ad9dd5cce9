// What every event loop shares: the responder, limits, access log and observer, the connection cap, the draining flag.

import Dispatch
import Synchronization

/// Immutable settings, atomics, and one lock taken only at accept and close (the per-address
/// connection counts). Shared by all loops and the handler pool.
final class ServerCore: Sendable {
    let responder: any Responder
    let limits: Limits
    let gzipThreshold: Int
    let trustedProxies: [AddressRange]
    private let accessLog: Bool
    private let observer: (any ServerObserver)?
    private let logSink: @Sendable (String) -> Void
    private let requestCounter = Atomic<UInt64>(0)
    /// Set once shutdown begins; read by connections as they answer, so an in-flight response
    /// already says `Connection: close`.
    private let drainingFlag = Atomic<Bool>(false)
    /// Open connections over all loops, counted from accept to close (the cap applies to it).
    private let openConnections = Atomic<Int>(0)
    /// The connection cap after `ulimit -n` was raised; set once by `Server.start` before accepting.
    private let connectionLimit = Atomic<Int>(1024)
    /// Guarded by its mutex: open connections per client address key (`IPAddress.limitKey`),
    /// trusted proxies left out. An entry is removed when its count returns to zero.
    private let perAddress = Mutex<[IPAddress: Int]>([:])

    init(configuration: ServerConfiguration, responder: any Responder, log: @escaping @Sendable (String) -> Void) {
        self.responder = responder
        limits = configuration.limits
        gzipThreshold = configuration.gzipThreshold
        trustedProxies = configuration.trustedProxies
        accessLog = configuration.accessLog
        observer = configuration.observer
        logSink = log
    }

    func log(_ line: String) { logSink(line) }

    func nextRequestID() -> UInt64 { requestCounter.add(1, ordering: .relaxed).newValue }

    var isDraining: Bool { drainingFlag.load(ordering: .acquiring) }

    func beginDraining() { drainingFlag.store(true, ordering: .releasing) }

    var connectionCount: Int { openConnections.load(ordering: .relaxed) }

    func setConnectionLimit(_ limit: Int) { connectionLimit.store(limit, ordering: .relaxed) }

    /// What accepting a connection from one peer came to.
    enum Reservation {
        /// Counted; `addressKey` is what to release it under (nil for a trusted proxy).
        case accepted(addressKey: IPAddress?)
        /// The server is at its connection cap or draining.
        case serverFull
        /// This peer's address holds `Limits.maxConnectionsPerAddress` already.
        case addressFull
    }

    /// Counts a newly accepted connection from `peer`, or says why not.
    func reserveConnection(peer: IPAddress) -> Reservation {
        guard !isDraining else { return .serverFull }
        var key: IPAddress?
        if !trustedProxies.contains(peer) {
            let limitKey = peer.limitKey
            let admitted = perAddress.withLock { counts -> Bool in
                let open = counts[limitKey, default: 0]
                guard open < limits.maxConnectionsPerAddress else { return false }
                counts[limitKey] = open + 1
                return true
            }
            guard admitted else { return .addressFull }
            key = limitKey
        }
        let limit = connectionLimit.load(ordering: .relaxed)
        if openConnections.add(1, ordering: .relaxed).newValue > limit {
            connectionReleased(addressKey: key)
            return .serverFull
        }
        return .accepted(addressKey: key)
    }

    func connectionReleased(addressKey: IPAddress?) {
        openConnections.subtract(1, ordering: .relaxed)
        guard let addressKey else { return }
        perAddress.withLock { counts in
            let open = counts[addressKey, default: 1] - 1
            counts[addressKey] = open > 0 ? open : nil
        }
    }

    /// One line per request: method, route pattern, status, body bytes, duration. Never the client
    /// address or the raw path (which can carry search words): contributors are anonymous. The
    /// observer, if any, hears the same, less the bytes.
    func logAccess(method: HTTPMethod?, route: String?, status: Int, bytes: Int, started: UInt64) {
        guard accessLog || observer != nil else { return }
        let nanoseconds = Connection.now() &- started
        observer?.responded(method: method, route: route, status: status, nanoseconds: nanoseconds)
        guard accessLog else { return }
        let micros = nanoseconds / 1000
        let millis = "\(micros / 1000).\(String(micros % 1000 / 100))"
        logSink("\(method?.rawValue ?? "-") \(route ?? "-") \(status) \(bytes)B \(millis)ms")
    }
}
