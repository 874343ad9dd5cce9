// One client connection: reads, parses, answers in order, writes with backpressure, times out, closes.

import Dispatch
import Glibc

/// A client connection and its lifecycle.
///
/// `@unchecked Sendable`: every mutable field is read and written only on `loop`'s thread; work
/// finished elsewhere (a pool handler, a stream's wake-up) is posted to the loop first.
/// Fields are module-internal only so that the `Connection+…` extensions can reach them; nothing
/// outside those extensions touches them.
final class Connection: @unchecked Sendable {
    /// Where the connection is in its request/response cycle.
    enum State {
        /// Waiting for the first byte of the next request (keep-alive).
        case idle
        /// Some of a head has arrived, starting at `since` (the header timeout counts from here).
        case readingHead(since: UInt64)
        /// The head is complete and the body is arriving.
        case readingBody(RequestHead, BodyReader, started: UInt64)
        /// The request went to the handler pool; its response will be posted back. Later requests
        /// stay buffered (pipelining keeps its order).
        case awaitingResponse
        /// A streamed response is being sent; no further request is parsed until it ends.
        case streaming(StreamState)
        /// The last response is written and our side is shut down; unread input is drained until
        /// the peer closes or `until`, so a close never resets the connection under a response
        /// the client has not read yet (RFC 9112 §9.6).
        case lingering(until: UInt64)
        case closed
    }

    struct BodyReader {
        enum Framing {
            case length(remaining: Int)
            case chunked(ChunkedDecoder)
        }

        var framing: Framing
        var bytes: [UInt8] = []
    }

    struct StreamState {
        let stream: any ResponseStream
        let chunked: Bool
        let gzip: GzipStream?
        let head: RequestHead
        /// Close once the stream has ended (the request asked for it); never before, or the
        /// client would get the head and no body.
        let closeAtEnd: Bool
        /// The stream answered `.wait` and has not woken us yet.
        var waiting = false
        /// A batch of pulls is running on the handler queue (streams that may block).
        var pulling = false
    }

    let fd: Int32
    /// Tells this connection's epoll events from those of an earlier one with the same descriptor.
    let id: UInt32
    let loop: EventLoop
    let core: ServerCore
    /// The peer's address; the client's when no trusted proxy stands between (`ForwardedFor`).
    let peer: IPAddress
    /// What this connection is counted under per address (nil for a trusted proxy).
    let addressKey: IPAddress?
    var state = State.idle
    let input = InputBuffer()
    /// Bytes of `input` already known to hold no end of head (the parser's hint).
    var scanned = 0
    var output = OutputQueue()
    var closeAfterFlush = false
    var peerFinishedSending = false
    /// epoll reported EPOLLRDHUP, EPOLLHUP or EPOLLERR at least once: read on to EOF or EAGAIN.
    var peerMayHaveClosed = false
    var draining = false
    var lastActivity: UInt64
    var lastWriteProgress: UInt64
    /// We stopped reading (input over its cap, or the peer finished); a resume reads again itself,
    /// since the edge that reported the bytes will not come twice.
    var readPaused = false
    /// The deadline this connection has in its loop's heap, if any (older heap entries are stale).
    var timerArmedAt: UInt64?
    /// Where blocking handlers and stream pulls of this connection run, one at a time; made on first need.
    var handlerQueue: DispatchQueue?

    init(fd: Int32, id: UInt32, peer: IPAddress, addressKey: IPAddress?, loop: EventLoop) {
        self.fd = fd
        self.id = id
        self.peer = peer
        self.addressKey = addressKey
        self.loop = loop
        core = loop.core
        lastActivity = Connection.now()
        lastWriteProgress = lastActivity
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// Arms the first deadline. Registration with epoll reports bytes already waiting, so reading
    /// starts with the first event. Called once, on the loop.
    func start() {
        loop.assertOnLoop()
        armTimer()
    }

    // MARK: The request cycle

    /// Runs the state machine over buffered input until it needs more bytes or output must drain.
    func process() {
        loop.assertOnLoop()
        var outputWasFull: Bool
        repeat {
            outputWasFull = false
            loop: while true {
                if output.byteCount > core.limits.outputBuffer || output.responseCount > core.limits.pipelineDepth {
                    outputWasFull = true
                    break loop  // the client is not reading: stop producing until the output drains
                }
                switch state {
                case .closed, .lingering:
                    return
                case .awaitingResponse:
                    break loop
                case .streaming:
                    if !pumpStream() {
                        // Stopped because the output is full, not to wait: go on once it drains.
                        outputWasFull = output.byteCount >= core.limits.outputBuffer
                        break loop
                    }
                case .idle, .readingHead:
                    if input.readableCount == 0 {
                        break loop
                    }
                    if case .idle = state { state = .readingHead(since: Connection.now()) }
                    if !parseHead() { break loop }
                case .readingBody(let head, var reader, let started):
                    if !readBody(head: head, reader: &reader, started: started) { break loop }
                }
            }
            flush()
            // A flush that emptied the output frees the loop to go on with buffered requests;
            // no write event will come to do it.
        } while outputWasFull && output.isEmpty && !isClosed
        if isClosed { return }
        if !closeAfterFlush, !draining, input.readableCount < core.limits.inputBuffer { resumeReading() }
        finishIfDone()
        armTimer()
    }

    /// Returns true when the loop should continue.
    func parseHead() -> Bool {
        let limits = core.limits
        let result = input.withReadable { bytes -> (consumed: Int, result: HeadParseResult) in
            let result = RequestParser.parseHead(bytes, scanned: scanned, limits: limits)
            switch result {
            case .complete(_, let consumed): return (consumed, result)
            case .needMore, .invalid: return (0, result)
            }
        }
        switch result {
        case .needMore(let scannedNow):
            scanned = scannedNow
            if peerFinishedSending { close() }  // an incomplete request will never complete
            return false
        case .invalid(let error):
            refuse(error, head: nil)
            return false
        case .complete(let head, _):
            scanned = 0
            let started = Connection.now()
            switch head.framing {
            case .none:
                respond(to: head, body: [], started: started)
                return !closeAfterFlush
            case .length(let length):
                guard length <= core.responder.maxBodySize(for: head) else {
                    refuse(.contentTooLarge, head: head)
                    return false
                }
                sendContinueIfExpected(head)
                state = .readingBody(head, BodyReader(framing: .length(remaining: length)), started: started)
                return true
            case .chunked:
                let decoder = ChunkedDecoder(maxBody: core.responder.maxBodySize(for: head), maxLine: limits.chunkLine)
                sendContinueIfExpected(head)
                state = .readingBody(head, BodyReader(framing: .chunked(decoder)), started: started)
                return true
            }
        }
    }

    /// RFC 9110 §10.1.1: tell a waiting client to send the body we are willing to read.
    func sendContinueIfExpected(_ head: RequestHead) {
        guard head.expectsContinue, input.readableCount == 0 else { return }
        output.append(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), endsResponse: false)
    }

    func readBody(head: RequestHead, reader: inout BodyReader, started: UInt64) -> Bool {
        switch reader.framing {
        case .length(let remaining):
            let take = min(remaining, input.readableCount)
            input.withReadable { bytes in
                reader.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<take]))
                return (take, ())
            }
            if remaining - take > 0 {
                reader.framing = .length(remaining: remaining - take)
                state = .readingBody(head, reader, started: started)
                if peerFinishedSending { close() }
                return false
            }
        case .chunked(var decoder):
            let outcome = input.withReadable { bytes in
                let (consumed, outcome) = decoder.decode(bytes, into: &reader.bytes)
                return (consumed, outcome)
            }
            switch outcome {
            case .needMore:
                reader.framing = .chunked(decoder)
                state = .readingBody(head, reader, started: started)
                if peerFinishedSending { close() }
                return false
            case .invalid(let error):
                refuse(error, head: head)
                return false
            case .done:
                break
            }
        }
        respond(to: head, body: reader.bytes, started: started)
        return !closeAfterFlush
    }

    /// Answers in place when the responder says it cannot block; starts a deferred answer that
    /// posts itself back; otherwise hands the request to the handler pool.
    func respond(to head: RequestHead, body: [UInt8], started: UInt64) {
        let client = ForwardedFor.client(peer: peer, headers: head.headers, trusted: core.trustedProxies)
        let request = Request(head: head, body: body, client: client, id: core.nextRequestID())
        switch core.responder.answering(head) {
        case .inPlace:
            state = .idle
            answer(core.responder.respond(to: request), to: head, started: started)
        case .deferred:
            state = .awaitingResponse
            respondLater(request, started: started)
        case .onPool:
            state = .awaitingResponse
            respondOnPool(request, started: started)
        }
    }

    func answer(_ response: Response, to head: RequestHead, started: UInt64) {
        var response = response
        if draining || core.isDraining { response.closeConnection = true }
        send(response, to: head, started: started)
    }

    /// Answers a request the parser refused, then closes: after a framing error nothing that
    /// follows on the connection can be trusted (RFC 9112 §11.2).
    func refuse(_ error: ParseError, head: RequestHead?) {
        var response = Response.error(error.status, code: error.code, message: error.message)
        response.closeConnection = true
        send(response, to: head, started: Connection.now())
    }

    func send(_ response: Response, to head: RequestHead?, started: UInt64) {
        let (headBytes, body, close) = loop.encoder.encode(response, for: head)
        var bodyCount = 0
        switch body {
        case .none:
            output.append(headBytes, endsResponse: true)
        case .bytes(let bytes):
            bodyCount = bytes.count
            output.append(headBytes, endsResponse: false)
            output.append(bytes, endsResponse: true)
        case .stream(let stream, let chunked, let gzip):
            output.append(headBytes, endsResponse: false)
            // Safe: a stream response is only produced for a parsed request.
            if let head {
                state = .streaming(StreamState(stream: stream, chunked: chunked, gzip: gzip, head: head, closeAtEnd: close))
            }
        }
        if close, !isStreaming { closeAfterFlush = true }
        core.logAccess(method: head?.method, route: response.route, status: response.status.code,
                       bytes: bodyCount, started: started)
    }

    var isBetweenRequests: Bool {
        if case .idle = state { return true }
        return false
    }

    var isStreaming: Bool {
        if case .streaming = state { return true }
        return false
    }

    var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    // MARK: Shutdown and close

    /// Graceful shutdown: idle connections close now, busy ones after their current response.
    func drain() {
        draining = true
        if case .streaming(let streaming) = state {
            cancelStream(streaming.stream)
            state = .idle
            closeAfterFlush = true
            output.append(streaming.chunked ? Array("0\r\n\r\n".utf8) : [], endsResponse: true)
            flush()
        }
        finishIfDone()
    }

    /// Closes at once: the loop closes the descriptor (removing it from epoll). A response or
    /// stream pull still running on the pool finds the connection closed and is dropped.
    func close() {
        guard !isClosed else { return }
        if case .streaming(let streaming) = state { cancelStream(streaming.stream) }
        state = .closed
        output.clear()
        timerArmedAt = nil
        loop.connectionClosed(self)
    }
}
