// Routes that answer without blocking: they start their work and reply later, from any thread.

import Dispatch

extension Router {
    /// Called once with the handler's outcome; a thrown error is mapped to a response by the
    /// responder, as for blocking handlers.
    public typealias Reply = @Sendable (Result<Response, any Error>) -> Void
    /// Starts answering and returns at once; calls `reply` exactly once, now or later, from any
    /// thread. It must not block: it may run on an event loop.
    public typealias DeferredHandler = @Sendable (Request, Context, @escaping Reply) -> Void

    /// Adds a route whose handler never blocks — typically a database write handed to the writer
    /// with a completion — so the server can call it on the event loop and no thread waits for the
    /// commit. The route still answers when called the blocking way (`Route.handler`).
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, maxBodySize: Int? = nil, deferred: @escaping DeferredHandler
    ) {
        add(method, pattern, maxBodySize: maxBodySize, handler: Router.waiting(for: deferred), deferred: deferred,
            answering: .deferred)
    }

    /// A blocking handler that runs `deferred` and waits for its reply.
    static func waiting(for deferred: @escaping DeferredHandler) -> Handler {
        { request, context in
            let awaited = AwaitedReply()
            deferred(request, context) { result in awaited.deliver(result) }
            return try awaited.wait()
        }
    }
}

/// One reply, handed from whichever thread replies to the one waiting.
///
/// `@unchecked Sendable`: `result` is written once before `signal()` and read after `wait()`,
/// which orders the two.
private final class AwaitedReply: @unchecked Sendable {
    private var result: Result<Response, any Error>?
    private let replied = DispatchSemaphore(value: 0)

    func deliver(_ result: Result<Response, any Error>) {
        self.result = result
        replied.signal()
    }

    func wait() throws -> Response {
        replied.wait()
        guard let result else { preconditionFailure("signalled without a reply") }
        return try result.get()
    }
}
