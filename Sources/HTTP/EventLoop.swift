// One epoll event loop on its own thread: owns its connections, their deadlines and its inbox from other threads.

import Glibc
import Synchronization

/// An event loop thread. Everything it owns — its connections and their state, the deadline heap,
/// the acceptor (loop 0 only), its `Date` cache — is touched only on its thread, so the request
/// path takes no lock. Other threads reach it only through `post`, a locked inbox plus an eventfd
/// write that wakes `epoll_wait`.
///
/// Sockets are registered **edge-triggered**, once, for reading and writing (`EPOLLIN | EPOLLOUT |
/// EPOLLRDHUP | EPOLLET`): no `epoll_ctl` per request or on backpressure. The price is that an edge
/// is reported once, so a connection always reads and writes until `EAGAIN`, and when it stops
/// reading on its own account (input over its cap, a response being answered) it asks
/// `scheduleRead` to try again itself once it resumes. The listener is level-triggered, so the
/// bounded accept batch simply continues on the next turn.
///
/// `@unchecked Sendable`: the only fields touched from other threads are `inbox` (a `Mutex`),
/// `openCount` (atomic) and the immutable ones; the rest is confined to the loop thread.
final class EventLoop: @unchecked Sendable {
    let index: Int
    let core: ServerCore
    let poller: Epoll
    private let wakeFD: Int32
    /// Guarded by its lock: work posted from other threads, run on the loop in posting order.
    private let inbox = Mutex<[@Sendable () -> Void]>([])
    /// Open connections on this loop (read by other threads for statistics and tests).
    let openCount = Atomic<Int>(0)

    // Confined to the loop thread.
    var encoder: ResponseEncoder
    private var connections: [Int32: Connection] = [:]
    private var nextID: UInt32 = 0
    private var deadlines = DeadlineHeap<Connection>()
    private var pendingReads: [Connection] = []
    var acceptor: Acceptor?
    private var drain: Drain?
    private var running = true
    private var thread = pthread_t()

    static let wakeToken = UInt64.max
    static let listenerToken = UInt64.max - 1

    private struct Drain {
        let deadline: UInt64
        let tracker: DrainTracker
        var reported = false
    }

    init(index: Int, core: ServerCore) throws {
        self.index = index
        self.core = core
        poller = try Epoll()
        wakeFD = try Epoll.makeEventFD()
        encoder = ResponseEncoder(date: HTTPDate(), gzipThreshold: core.gzipThreshold)
        try poller.add(wakeFD, events: Epoll.readable | Epoll.edgeTriggered, token: EventLoop.wakeToken)
    }

    deinit {
        Socket.close(wakeFD)
        Socket.close(poller.fd)
    }

    /// Starts the loop's thread. The thread holds the loop until shutdown has drained it.
    func start() {
        final class Body { let run: () -> Void; init(_ run: @escaping () -> Void) { self.run = run } }
        let body = Unmanaged.passRetained(Body { [self] in run() }).toOpaque()
        let status = pthread_create(&thread, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<Body>.fromOpaque(argument).takeRetainedValue().run()
            return nil
        }, body)
        precondition(status == 0, "pthread_create failed (\(status)): cannot start an event loop")
        pthread_detach(thread)
    }

    func assertOnLoop() {
        assert(pthread_equal(pthread_self(), thread) != 0, "event loop state touched off its thread")
    }

    /// Runs `work` on the loop thread soon. Safe from any thread, including the loop's own.
    func post(_ work: @escaping @Sendable () -> Void) {
        let wasEmpty = inbox.withLock { inbox -> Bool in
            inbox.append(work)
            return inbox.count == 1
        }
        guard wasEmpty else { return }  // an earlier post already woke the loop
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, 8)
    }

    // MARK: The loop

    private func run() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * Epoll.eventStride, alignment: 8)
        defer { buffer.deallocate() }
        while running {
            let timeout = waitTimeout()
            if timeout != 0 { core.flushAccessLog() }  // before sleeping: the lines of the answers just sent
            let count = poller.wait(into: buffer, timeout: timeout)
            for index in 0..<count {
                let (events, token) = Epoll.event(at: index, in: buffer)
                dispatch(events: events, token: token)
            }
            runInbox()
            runPendingReads()
            expireDeadlines()
            finishDrainIfDone()
        }
        for connection in Array(connections.values) { connection.close() }
        core.flushAccessLog()
        deadlines.removeAll()
        // Responses posted for connections closed by the grace period are dropped with the inbox.
        inbox.withLock { $0.removeAll() }
    }

    private func dispatch(events: UInt32, token: UInt64) {
        switch token {
        case EventLoop.wakeToken:
            var value: UInt64 = 0
            _ = Glibc.read(wakeFD, &value, 8)
        case EventLoop.listenerToken:
            acceptBatch()
        default:
            let fd = Int32(truncatingIfNeeded: token & 0xFFFF_FFFF)
            guard let connection = connections[fd], connection.id == UInt32(token >> 32) else { return }
            if events & (Epoll.peerClosed | Epoll.hangUp | Epoll.error) != 0 { connection.peerMayHaveClosed = true }
            if events & (Epoll.readable | Epoll.peerClosed | Epoll.hangUp | Epoll.error) != 0 { connection.readable() }
            if events & Epoll.writable != 0 { connection.writable() }
        }
    }

    private func runInbox() {
        let work = inbox.withLock { inbox -> [@Sendable () -> Void] in
            defer { inbox.removeAll(keepingCapacity: true) }
            return inbox
        }
        for item in work { item() }
    }

    private func runPendingReads() {
        guard !pendingReads.isEmpty else { return }
        let due = pendingReads
        pendingReads.removeAll(keepingCapacity: true)
        for connection in due { connection.readable() }
    }

    /// Milliseconds `epoll_wait` may sleep: until the next deadline, 0 when work is already waiting.
    private func waitTimeout() -> Int32 {
        if !pendingReads.isEmpty { return 0 }
        var next = deadlines.earliest
        if let drain, !drain.reported { next = min(next ?? drain.deadline, drain.deadline) }
        if let resume = acceptor?.pausedUntil { next = min(next ?? resume, resume) }
        guard let next else { return -1 }
        let now = Connection.now()
        guard next > now else { return 0 }
        return Int32(min((next - now + 999_999) / 1_000_000, 60_000))
    }

    private func expireDeadlines() {
        let now = Connection.now()
        while let (at, connection) = deadlines.popDue(now: now) {
            guard connection.timerArmedAt == at else { continue }  // stale: re-armed or closed since
            connection.timerFired()
        }
        resumeAcceptingIfDue(now: now)
        if let drain, !drain.reported, now >= drain.deadline {
            for connection in Array(connections.values) { connection.close() }
        }
    }

    // MARK: Connections

    /// Takes ownership of an accepted descriptor; closes it at once when the server is draining.
    func adopt(fd: Int32, peer: IPAddress, addressKey: IPAddress?) {
        assertOnLoop()
        guard drain == nil, !core.isDraining else {
            Socket.close(fd)
            core.connectionReleased(addressKey: addressKey)
            return
        }
        nextID &+= 1
        let connection = Connection(fd: fd, id: nextID, peer: peer, addressKey: addressKey, loop: self)
        do {
            try poller.add(fd, events: Epoll.readable | Epoll.writable | Epoll.peerClosed | Epoll.edgeTriggered,
                           token: UInt64(connection.id) << 32 | UInt64(UInt32(bitPattern: fd)))
        } catch {
            core.log("\(error)")
            Socket.close(fd)
            core.connectionReleased(addressKey: addressKey)
            return
        }
        connections[fd] = connection
        openCount.add(1, ordering: .relaxed)
        connection.start()
    }

    /// Called by a connection as it closes: the descriptor is closed here (which also removes it from epoll).
    func connectionClosed(_ connection: Connection) {
        connections[connection.fd] = nil
        Socket.close(connection.fd)
        openCount.subtract(1, ordering: .relaxed)
        core.connectionReleased(addressKey: connection.addressKey)
    }

    func schedule(_ connection: Connection, at moment: UInt64) {
        deadlines.insert(at: moment, connection)
    }

    /// Asks the loop to call `readable()` on `connection` after the current batch, as a new edge would.
    func scheduleRead(_ connection: Connection) {
        pendingReads.append(connection)
    }

    // MARK: Graceful shutdown

    /// Idle connections close now, busy ones after their current response; after `grace` seconds
    /// the rest are closed. Reports to `tracker` once this loop has no connection left, then stops.
    func beginDrain(grace: Double, tracker: DrainTracker) {
        drain = Drain(deadline: Connection.now() + UInt64(grace * 1e9), tracker: tracker)
        for connection in Array(connections.values) { connection.drain() }
        finishDrainIfDone()
    }

    private func finishDrainIfDone() {
        guard var current = drain, !current.reported, connections.isEmpty else { return }
        current.reported = true
        drain = current
        running = false
        current.tracker.loopFinished()
    }
}

/// Counts the loops still draining; the last one calls the completion.
final class DrainTracker: Sendable {
    private let remaining: Atomic<Int>
    private let completion: @Sendable () -> Void

    init(loops: Int, completion: @escaping @Sendable () -> Void) {
        remaining = Atomic(loops)
        self.completion = completion
    }

    func loopFinished() {
        if remaining.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { completion() }
    }
}
