// One client's server-sent event stream: a byte backlog the connection pulls from, woken on publish.
import HTTP
import Synchronization

/// The body of one `GET /api/campaigns/{slug}/events` response (text/event-stream, WHATWG HTML
/// §9.2). The connection calls `next`; when nothing is pending the stream keeps `wake` and
/// returns `.wait`, and `enqueue` calls it once more bytes arrive.
///
/// Pending bytes are kept as the chunks they were enqueued as, so a batch the hub hands to every
/// stream of a campaign (`EventsHub.publish(campaignID:frames:)`) is one buffer they all share
/// until each sends it, not one copy per stream: with 10,000 streams open, a five-second batch of
/// vote totals copied into each backlog was ~1 GB (issue 26).
final class EventStream: ResponseStream {
    private struct State {
        /// Unsent chunks in order, `pendingBytes` bytes in all.
        var pending: [[UInt8]]
        var pendingBytes: Int
        var wake: (@Sendable () -> Void)?
        var finished = false
    }

    let campaignID: Int64
    /// The client address key the stream counts against (`EventsHub.subscribe`).
    let address: String
    /// Strong on purpose: the hub outlives every stream, and `cancel` removes the stream from it.
    private let hub: EventsHub
    /// Guarded by its mutex: unsent bytes, the connection's wake callback, whether to end.
    private let state: Mutex<State>

    init(campaignID: Int64, address: String, hub: EventsHub) {
        self.campaignID = campaignID
        self.address = address
        self.hub = hub
        // The first frame tells the browser how long to wait before reconnecting, and tells
        // a client the subscription is live.
        let first = Array("retry: 5000\n: connected\n\n".utf8)
        state = Mutex(State(pending: [first], pendingBytes: first.count))
    }

    /// `next` only hands over bytes already queued under the mutex: the event loop pulls it in place.
    var pullsWithoutBlocking: Bool { true }

    func next(wake: @escaping @Sendable () -> Void) -> StreamStep {
        state.withLock { state in
            if !state.pending.isEmpty {
                defer {
                    state.pending.removeAll(keepingCapacity: true)
                    state.pendingBytes = 0
                }
                // One chunk (the usual case) goes as it is, still shared with the other streams.
                guard state.pending.count > 1 else { return .chunk(state.pending[0]) }
                var joined: [UInt8] = []
                joined.reserveCapacity(state.pendingBytes)
                for chunk in state.pending { joined += chunk }
                return .chunk(joined)
            }
            if state.finished { return .end }
            state.wake = wake
            return .wait
        }
    }

    func cancel() {
        state.withLock { state in
            state.finished = true
            state.wake = nil
        }
        hub.unsubscribe(self)
    }

    /// Appends `frames` (one or more whole events) and, when `wake` is true, wakes the connection
    /// (else `wakeIfPending` will). False when the stream is over or too far behind (it is then
    /// finished, so the client reconnects and catches up).
    func enqueue(_ frames: [UInt8], wake: Bool = true) -> Bool {
        let (accepted, waker) = state.withLock { state -> (Bool, (@Sendable () -> Void)?) in
            guard !state.finished else { return (false, nil) }
            if state.pendingBytes + frames.count > EventsHub.maxBacklog {
                state.finished = true
            } else {
                state.pending.append(frames)
                state.pendingBytes += frames.count
                guard wake else { return (true, nil) }
            }
            defer { state.wake = nil }
            return (!state.finished, state.wake)
        }
        waker?()
        return accepted
    }

    /// Wakes the connection if it waits and bytes are pending.
    func wakeIfPending() {
        let waker = state.withLock { state -> (@Sendable () -> Void)? in
            guard !state.pending.isEmpty else { return nil }
            defer { state.wake = nil }
            return state.wake
        }
        waker?()
    }

    func finish() {
        let wake = state.withLock { state -> (@Sendable () -> Void)? in
            state.finished = true
            defer { state.wake = nil }
            return state.wake
        }
        wake?()
    }
}
