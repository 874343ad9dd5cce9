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
        guard case .streaming(var streaming) = state else { return true }
        if streaming.waiting || streaming.pulling { return false }
        guard streaming.stream.pullsWithoutBlocking else {
            if output.byteCount < core.limits.outputBuffer { pullOnPool(&streaming) }
            state = .streaming(streaming)
            return false
        }
        let wake = streamWake()
        while output.byteCount < core.limits.outputBuffer {
            switch apply(streaming.stream.next(wake: wake), to: &streaming) {
            case .more: continue
            case .waiting: return false
            case .ended: return !closeAfterFlush
            }
        }
        state = .streaming(streaming)
        return false
    }

    /// Applies one step: queues its bytes, or records the wait, or ends the response.
    /// Leaves `state` updated in every case.
    func apply(_ step: StreamStep, to streaming: inout StreamState) -> PullOutcome {
        switch step {
        case .chunk(let bytes):
            if !bytes.isEmpty { appendStreamPiece(streaming.gzip.map { $0.compress(bytes) } ?? bytes, chunked: streaming.chunked) }
            state = .streaming(streaming)
            return .more
        case .wait:
            streaming.waiting = true
            state = .streaming(streaming)
            return .waiting
        case .end:
            if let gzip = streaming.gzip { appendStreamPiece(gzip.finish(), chunked: streaming.chunked) }
            output.append(streaming.chunked ? Array("0\r\n\r\n".utf8) : [], endsResponse: true)
            state = .idle
            if !streaming.chunked || draining || streaming.closeAtEnd { closeAfterFlush = true }
            return .ended
        }
    }

    /// Sends one batch of pulls, up to the room left in the output, to the handler queue; the
    /// steps come back to `pulled` on the loop.
    private func pullOnPool(_ streaming: inout StreamState) {
        streaming.pulling = true
        let stream = streaming.stream
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
        guard case .streaming(var streaming) = state, streaming.pulling else { return }
        streaming.pulling = false
        state = .streaming(streaming)
        for step in steps {
            guard case .more = apply(step, to: &streaming) else { break }
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
        guard case .streaming(var streaming) = state, streaming.waiting else { return }
        streaming.waiting = false
        state = .streaming(streaming)
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
