// How a connection reads: to a short read or EAGAIN (the socket is edge-triggered), under its input cap, lingering at the end.

import Glibc

extension Connection {
    func readable() {
        switch state {
        case .closed:
            return
        case .lingering:
            discardInput()
        case .idle, .readingHead, .readingBody, .awaitingResponse, .streaming:
            guard !readPaused else { return }  // resumeReading reads what arrived meanwhile
            readAvailable()
            process()
        }
    }

    func discardInput() {
        while true {
            let space = input.writableSpace(minimum: 4096)
            switch Socket.read(fd, into: space.pointer, count: space.count) {
            case .bytes(let count):
                input.commitWritten(count)
                input.consume(input.readableCount)
            case .wouldBlock:
                return
            case .endOfFile, .failed:
                close()
                return
            }
        }
    }

    func readAvailable() {
        let limits = core.limits
        while input.readableCount < limits.inputBuffer {
            let space = input.writableSpace(minimum: 4096)
            let asked = min(space.count, 64 * 1024)
            switch Socket.read(fd, into: space.pointer, count: asked) {
            case .bytes(let count):
                input.commitWritten(count)
                lastActivity = Connection.now()
                if case .idle = state { state = .readingHead(since: lastActivity) }
                // A short read drained the socket: bytes arriving later raise a new edge, so the
                // read that would only say EAGAIN is skipped (one syscall in three per request).
                // Not once epoll has said the peer closed (EPOLLRDHUP): that FIN is reported once,
                // so then we read on to end of file.
                if count < asked, !peerMayHaveClosed { return }
            case .wouldBlock:
                return
            case .endOfFile:
                // Half-close: answer what was fully received, then close (RFC 9112 §9.6).
                peerFinishedSending = true
                pauseReading()
                return
            case .failed:
                close()
                return
            }
        }
        pauseReading()  // input over its cap: stop reading until the parser has caught up
    }

    func pauseReading() {
        readPaused = true
    }

    func resumeReading() {
        guard readPaused, !peerFinishedSending else { return }
        readPaused = false
        loop.scheduleRead(self)
    }
}
