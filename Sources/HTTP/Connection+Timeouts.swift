// A connection's deadlines: header, body, keep-alive, write stall and linger, kept lazily in its loop's heap.

extension Connection {
    /// The moment the current state times out, and what to do then.
    func currentDeadline() -> (at: UInt64, action: TimeoutAction)? {
        let limits = core.limits
        if !output.isEmpty { return (lastWriteProgress + nanos(limits.writeStallTimeout), .close) }
        switch state {
        case .idle: return (lastActivity + nanos(limits.keepAliveTimeout), .close)
        case .readingHead(let since): return (since + nanos(limits.headerTimeout), .requestTimeout)
        case .readingBody(_, let reader, let started):
            // Idle time alone never ends a body that trickles in: it must also keep up the minimum rate.
            let allowance = limits.bodyTimeout + Double(reader.bytes.count) / limits.bodyMinimumRate
            return (min(lastActivity + nanos(limits.bodyIdleTimeout), started + nanos(allowance)), .requestTimeout)
        case .lingering(let until): return (until, .close)
        // Streams keep themselves alive (heartbeats); a pool handler has no deadline, as before.
        case .streaming, .awaitingResponse, .closed: return nil
        }
    }

    enum TimeoutAction {
        case close
        case requestTimeout
    }

    func nanos(_ seconds: Double) -> UInt64 { UInt64(seconds * 1_000_000_000) }

    /// Arms lazily: a heap entry is added only when the deadline moved earlier than the armed
    /// moment. A later deadline is noticed when the armed one fires and re-arms, so a busy
    /// keep-alive connection touches the heap about once per timeout period, not per request.
    func armTimer() {
        guard !isClosed, let deadline = currentDeadline() else { return }
        if let armed = timerArmedAt, armed <= deadline.at { return }
        timerArmedAt = deadline.at
        loop.schedule(self, at: deadline.at)
    }

    func timerFired() {
        timerArmedAt = nil
        guard !isClosed, let deadline = currentDeadline() else { return }
        guard Connection.now() >= deadline.at else {
            armTimer()
            return
        }
        switch deadline.action {
        case .close:
            close()
        case .requestTimeout:
            // RFC 9110 §15.5.9: 408 then close; the client may repeat the request on a new connection.
            output.clear()
            state = .idle
            var response = Response.error(ServerError.requestTimeout, status: .requestTimeout)
            response.closeConnection = true
            send(response, to: nil, started: Connection.now())
            flush()
            finishIfDone()
        }
    }
}
