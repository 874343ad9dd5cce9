// The acceptor on loop 0: accepts in bounded batches and hands connections to the loops in turn.

import Glibc

/// The listening socket and the round-robin over the loops. Lives on loop 0 only.
///
/// One acceptor handing out in turn, rather than one `SO_REUSEPORT` listener per loop: the
/// spread is exactly even whatever the kernel's hash does with few client ports, no other process
/// of the same user can bind into our port, and closing the one listener at shutdown loses no
/// connection queued on another listener's backlog. The hand-off costs one post per connection,
/// not per request.
struct Acceptor {
    let fd: Int32
    let loops: [EventLoop]
    var next = 0
    /// Set after EMFILE/ENFILE: accepting resumes at this moment instead of spinning.
    var pausedUntil: UInt64?
    /// When the last "out of descriptors" line was logged, and pauses since: one line per 10 s at most.
    var exhaustionLoggedAt: UInt64?
    var pausesSinceLog = 0

    /// What a connection over the cap is told before it is closed: a complete 503 with the JSON
    /// error envelope, small enough to fit any socket buffer, so one non-blocking send delivers it.
    static let overCapacity = refusal("503 Service Unavailable", .overCapacity)

    /// What a connection over its address's share is told (RFC 6585 §4), likewise.
    static let overAddressShare = refusal("429 Too Many Requests", .tooManyConnections)

    private static func refusal(_ status: String, _ error: ServerError) -> [UInt8] {
        let body = error.body
        var head = "HTTP/1.1 \(status)\r\nContent-Type: application/json; charset=utf-8\r\n"
        head += "Content-Length: \(body.utf8.count)\r\nRetry-After: 1\r\nCache-Control: no-store\r\n"
        for (name, value) in SecurityHeaders.defaults { head += "\(name): \(value)\r\n" }
        head += "Connection: close\r\n\r\n"
        return Array((head + body).utf8)
    }

    /// Tells a refused connection why (best effort, never blocking) and closes it.
    static func refuse(_ client: Int32, with answer: [UInt8]) {
        _ = answer.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)) }
        Socket.close(client)
    }
}

extension EventLoop {
    /// Registers the listener (level-triggered) on this loop. Called on the loop thread.
    func installAcceptor(fd: Int32, loops: [EventLoop]) {
        acceptor = Acceptor(fd: fd, loops: loops)
        do {
            try poller.add(fd, events: Epoll.readable, token: EventLoop.listenerToken)
        } catch {
            core.log("\(error)")
        }
    }

    /// Accepts up to 256 connections, so one busy listener cannot starve this loop's connections.
    func acceptBatch() {
        guard var current = acceptor, current.pausedUntil == nil else { return }
        defer { acceptor = current }
        for _ in 0..<256 {
            switch Socket.accept(current.fd) {
            case .accepted(let client, let peer):
                let addressKey: IPAddress?
                switch core.reserveConnection(peer: peer) {
                case .accepted(let key): addressKey = key
                case .serverFull:
                    Acceptor.refuse(client, with: Acceptor.overCapacity)
                    continue
                case .addressFull:
                    Acceptor.refuse(client, with: Acceptor.overAddressShare)
                    continue
                }
                let target = current.loops[current.next]
                current.next = (current.next + 1) % current.loops.count
                if target === self {
                    target.adopt(fd: client, peer: peer, addressKey: addressKey)
                } else {
                    target.post { target.adopt(fd: client, peer: peer, addressKey: addressKey) }
                }
            case .wouldBlock:
                return
            case .exhausted:
                // Out of descriptors: stop accepting for 100 ms instead of spinning on EMFILE.
                let now = Connection.now()
                current.pausedUntil = now + 100_000_000
                do {
                    try poller.modify(current.fd, events: 0, token: EventLoop.listenerToken)
                } catch {
                    core.log("\(error)")
                }
                current.pausesSinceLog += 1
                if current.exhaustionLoggedAt.map({ now - $0 >= 10_000_000_000 }) ?? true {
                    let repeats = current.pausesSinceLog > 1 ? " (\(current.pausesSinceLog) pauses since the last line)" : ""
                    core.log("accept paused for 100 ms: out of file descriptors\(repeats)")
                    current.exhaustionLoggedAt = now
                    current.pausesSinceLog = 0
                }
                return
            case .failed(let error):
                core.log("\(error)")
                return
            }
        }
    }

    func resumeAcceptingIfDue(now: UInt64) {
        guard var current = acceptor, let until = current.pausedUntil, now >= until else { return }
        current.pausedUntil = nil
        acceptor = current
        do {
            try poller.modify(current.fd, events: Epoll.readable, token: EventLoop.listenerToken)
        } catch {
            core.log("\(error)")
        }
    }

    /// Closes the listener: no new connection after this. Called on the loop thread at shutdown.
    func stopAccepting() {
        guard let current = acceptor else { return }
        acceptor = nil
        Socket.close(current.fd)  // also removes it from epoll
    }
}
