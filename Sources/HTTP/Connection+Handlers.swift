// How a connection hands a request to the handler pool or a deferred handler and takes its response back on the loop.

import Dispatch

extension Connection {
    /// This connection's handler queue: serial, so its handler, stream pulls and stream cancel
    /// never overlap; with no explicit target it runs on libdispatch's overcommitting pool, which
    /// adds a thread when its threads block. Blocking handlers need that: on the plain global
    /// queue (one thread per CPU) a few handlers waiting for a group commit would starve the rest.
    func handlerQueueOnDemand() -> DispatchQueue {
        if let handlerQueue { return handlerQueue }
        let queue = DispatchQueue(label: "groundswell.handler")
        handlerQueue = queue
        return queue
    }

    /// Runs the responder on the pool and posts the response back to this connection's loop.
    func respondOnPool(_ request: Request, started: UInt64) {
        let responder = core.responder
        let loop = loop
        handlerQueueOnDemand().async { [self] in
            let response = responder.respond(to: request)
            loop.post { self.responded(response, to: request.head, started: started) }
        }
    }

    /// Starts a deferred answer here on the loop; the reply, from whatever thread gives it (the
    /// database writer after its commit), is posted back like a pool response.
    func respondLater(_ request: Request, started: UInt64) {
        let loop = loop
        let head = request.head
        core.responder.respond(to: request) { [self] response in
            loop.post { self.responded(response, to: head, started: started) }
        }
    }

    /// The pool's (or a deferred) response, back on the loop. A connection that closed meanwhile (the client left,
    /// a timeout, the shutdown grace ran out) drops it — it never reaches another client, since
    /// it is addressed to this object, not to a descriptor number that may have been reused.
    func responded(_ response: Response, to head: RequestHead, started: UInt64) {
        guard case .awaitingResponse = state else {
            if case .stream(let stream) = response.body { cancelStream(stream) }
            return
        }
        state = .idle
        answer(response, to: head, started: started)
        process()
    }
}
