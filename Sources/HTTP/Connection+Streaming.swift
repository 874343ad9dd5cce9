// How a connection pulls a streamed body: on its own queue, only while the output has room.

import Dispatch

extension Connection {
    /// Pulls from the stream while there is room; returns true when the stream ended and the
    /// loop may go on to the next request.
    func pumpStream() -> Bool {
        guard case .streaming(var state) = phase else { return true }
        if state.waiting { return false }
        while output.byteCount < core.limits.outputBuffer {
            let step = state.stream.next(wake: { [weak self] in
                guard let self else { return }
                self.queue.async { self.streamWoke() }
            })
            switch step {
            case .chunk(let bytes):
                guard !bytes.isEmpty else { continue }
                appendStreamPiece(state.gzip.map { $0.compress(bytes) } ?? bytes, chunked: state.chunked)
            case .wait:
                state.waiting = true
                phase = .streaming(state)
                return false
            case .end:
                if let gzip = state.gzip { appendStreamPiece(gzip.finish(), chunked: state.chunked) }
                output.append(state.chunked ? Array("0\r\n\r\n".utf8) : [], endsResponse: true)
                phase = .idle
                if !state.chunked || draining || state.closeAtEnd { closeAfterFlush = true }
                return !closeAfterFlush
            }
        }
        phase = .streaming(state)
        return false
    }

    func appendStreamPiece(_ bytes: [UInt8], chunked: Bool) {
        guard !bytes.isEmpty else { return }
        if chunked {
            output.append(Array((String(bytes.count, radix: 16) + "\r\n").utf8), endsResponse: false)
            output.append(bytes, endsResponse: false)
            output.append([13, 10], endsResponse: false)
        } else {
            output.append(bytes, endsResponse: false)
        }
    }

    func streamWoke() {
        guard case .streaming(var state) = phase, state.waiting else { return }
        state.waiting = false
        phase = .streaming(state)
        process()
    }
}
