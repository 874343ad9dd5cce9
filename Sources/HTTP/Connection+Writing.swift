// How a connection writes: gathered sends until EAGAIN, then the next EPOLLOUT edge; closing after the last byte.

import Glibc

extension Connection {
    func flush() {
        guard !output.isEmpty else { return }
        switch output.write(to: fd) {
        case .progress:
            // Output left over means the socket said EAGAIN: its next EPOLLOUT edge calls `writable`.
            lastWriteProgress = Connection.now()
        case .failed:
            close()
        }
    }

    /// Edge-triggered epoll reports EPOLLOUT alongside most read events too: return at once when
    /// nothing waits to be written.
    func writable() {
        guard !isClosed, !output.isEmpty else { return }
        flush()
        if output.isEmpty {
            finishIfDone()
            process()
        }
    }

    func finishIfDone() {
        guard output.isEmpty, !isClosed else { return }
        if case .lingering = state { return }
        if closeAfterFlush {
            lingerThenClose()
        } else if isBetweenRequests, (peerFinishedSending && input.readableCount == 0) || draining {
            close()
        }
    }

    func lingerThenClose() {
        guard !peerFinishedSending else {
            close()
            return
        }
        _ = shutdown(fd, Int32(SHUT_WR))
        state = .lingering(until: Connection.now() + nanos(2))
        input.consume(input.readableCount)
        if readPaused {
            readPaused = false
            loop.scheduleRead(self)
        }
        armTimer()
    }
}
