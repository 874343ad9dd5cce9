// How a connection pulls a streamed body: in place when the stream cannot block, else in batches on its handler queue.

import Dispatch

extension Connection {
    /// What one pulled step did to the stream.
    enum PullOutcome {
        case more
        case waiting
        case ended
    }

    /// Pulls from the stream while there is room; returns true when the stream ended and the
    /// loop may go on to the next request.
    func pumpStream() -> Bool {
        guard case .streaming(var state) = phase else { return true }
        if state.waiting || state.pulling { return false }
        guard state.stream.pullsWithoutBlocking else {
            if output.byteCount < core.limits.outputBuffer { pullOnPool(&state) }
            phase = .streaming(state)
            return false
        }
        let wake = streamWake()
        while output.byteCount < core.limits.outputBuffer {
            switch apply(state.stream.next(wake: wake), to: &state) {
            case .more: continue
            case .waiting: return false
            case .ended: return !closeAfterFlush
            }
        }
        phase = .streaming(state)
        return false
    }

    /// Applies one step: queues its bytes, or records the wait, or ends the response.
    /// Leaves `phase` updated in every case.
    func apply(_ step: StreamStep, to state: inout StreamState) -> PullOutcome {
        switch step {
        case .chunk(let bytes):
            if !bytes.isEmpty { appendStreamPiece(state.gzip.map { $0.compress(bytes) } ?? bytes, chunked: state.chunked) }
            phase = .streaming(state)
            return .more
        case .wait:
            state.waiting = true
            phase = .streaming(state)
            return .waiting
        case .end:
            if let gzip = state.gzip { appendStreamPiece(gzip.finish(), chunked: state.chunked) }
            output.append(state.chunked ? Array("0\r\n\r\n".utf8) : [], endsResponse: true)
            phase = .idle
            if !state.chunked || draining || state.closeAtEnd { closeAfterFlush = true }
            return .ended
        }
    }

    /// Sends one batch of pulls, up to the room left in the output, to the handler queue; the
    /// steps come back to `pulled` on the loop.
    private func pullOnPool(_ state: inout StreamState) {
        state.pulling = true
        let stream = state.stream
        let budget = core.limits.outputBuffer - output.byteCount
        let wake = streamWake()
        handlerQueueOnDemand().async { [self] in
            var steps: [StreamStep] = []
            var bytes = 0
            batch: while bytes < budget {
                let step = stream.next(wake: wake)
                steps.append(step)
                switch step {
                case .chunk(let chunk): bytes += chunk.count
                case .wait, .end: break batch
                }
            }
            let batch = steps
            loop.post { self.pulled(batch) }
        }
    }

    func pulled(_ steps: [StreamStep]) {
        // A connection that closed or drained meanwhile has cancelled the stream: drop the bytes.
        guard case .streaming(var state) = phase, state.pulling else { return }
        state.pulling = false
        phase = .streaming(state)
        for step in steps {
            guard case .more = apply(step, to: &state) else { break }
        }
        process()
    }

    private func streamWake() -> @Sendable () -> Void {
        let loop = loop
        return { [weak self] in
            guard let connection = self else { return }
            loop.post { connection.streamWoke() }
        }
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

    /// Cancels on the thread that pulls, so `cancel` never runs beside a `next`.
    func cancelStream(_ stream: any ResponseStream) {
        if stream.pullsWithoutBlocking {
            stream.cancel()
        } else {
            handlerQueueOnDemand().async { stream.cancel() }
        }
    }
}
