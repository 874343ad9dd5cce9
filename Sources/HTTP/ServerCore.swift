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
    /// Guarded by its mutex: access-log lines not yet written, each ended by `\n`. Connections
    /// append as they answer; the lines go out once they pass `accessLogBatchBytes` or when a loop
    /// is about to sleep (`flushAccessLog`), so a busy loop writes ~16 KB at a time instead of
    /// making a `write(2)` per request (issue 26: ~5 µs of a `/healthz` request's ~15).
    private let pendingAccessLines = Mutex<[UInt8]>([])
    /// Bytes of access-log lines held before they are written without waiting for a loop to sleep.
    static let accessLogBatchBytes = 16 * 1024

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
    /// observer, if any, hears the same, less the bytes. The line is held until `flushAccessLog`
    /// or until enough are held; each call of the log sink then gets every line held so far.
    func logAccess(method: HTTPMethod?, route: String?, status: Int, bytes: Int, started: UInt64) {
        guard accessLog || observer != nil else { return }
        let nanoseconds = Connection.now() &- started
        observer?.responded(method: method, route: route, status: status, nanoseconds: nanoseconds)
        guard accessLog else { return }
        let micros = nanoseconds / 1000
        let full = pendingAccessLines.withLock { lines -> [UInt8]? in
            lines += (method?.rawValue ?? "-").utf8
            lines.append(UInt8(ascii: " "))
            lines += (route ?? "-").utf8
            lines.append(UInt8(ascii: " "))
            Self.appendDecimal(status, to: &lines)
            lines.append(UInt8(ascii: " "))
            Self.appendDecimal(bytes, to: &lines)
            lines += "B ".utf8
            Self.appendDecimal(Int(micros / 1000), to: &lines)
            lines.append(UInt8(ascii: "."))
            Self.appendDecimal(Int(micros % 1000 / 100), to: &lines)
            lines += "ms\n".utf8
            guard lines.count >= Self.accessLogBatchBytes else { return nil }
            defer { lines.removeAll(keepingCapacity: true) }
            return lines
        }
        if let full { writeAccessLines(full) }
    }

    /// Writes the access-log lines held so far (a loop calls it before it sleeps, and at shutdown).
    func flushAccessLog() {
        guard accessLog else { return }
        let held = pendingAccessLines.withLock { lines -> [UInt8]? in
            guard !lines.isEmpty else { return nil }
            defer { lines.removeAll(keepingCapacity: true) }
            return lines
        }
        if let held { writeAccessLines(held) }
    }

    /// Hands `lines` to the log sink as one text, less its last `\n` (the sink ends each text with one).
    private func writeAccessLines(_ lines: [UInt8]) {
        logSink(String(decoding: lines.dropLast(), as: UTF8.self))
    }

    /// `value` in decimal ASCII, without a `String` in between.
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        guard value != 0 else { return bytes.append(UInt8(ascii: "0")) }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        while magnitude > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        bytes[start...].reverse()
    }
}
