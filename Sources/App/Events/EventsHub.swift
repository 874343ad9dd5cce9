// Live updates: campaign subscribers, fan-out of server-sent events, heartbeats and a subscriber cap.
import Dispatch
import Synchronization

/// Publishes events to every open `/events` stream of a campaign. Each stream buffers what
/// it has not sent yet; a stream that falls more than `maxBacklog` bytes behind is ended (the
/// browser reconnects). A timer adds a heartbeat comment every `heartbeat` seconds so proxies
/// keep idle streams open.
///
/// Published events wake the streams at most once per `coalescing` interval: with a thousand
/// streams open, waking each one per vote cost a thousand connection wake-ups and sends per vote;
/// now one wake carries every event of the interval (same frames, same order).
///
/// The interval is a quarter of a second, well inside the second in which every open page should
/// see a change (issue 26). Each wake is one `sendmsg` per stream, and on loopback the receiver's
/// TCP work lands on the sender's core too: at 20 ms a busy minute's new contributions woke every
/// stream up to 50 times a second, and those sends were the event loop's largest cost.
final class EventsHub: Sendable {
    /// Bytes a slow stream may fall behind before it is dropped.
    static let maxBacklog = 256 * 1024
    /// How long a published event may wait for others to share its wake-up, in milliseconds.
    static let coalescingMilliseconds = 250

    private struct State {
        var subscribers: [ObjectIdentifier: EventStream] = [:]
        /// Open streams per client address key; an entry goes when its count returns to zero.
        var perAddress: [String: Int] = [:]
        var closed = false
        /// A flush is scheduled on `flushQueue`.
        var flushScheduled = false
    }

    private let maxSubscribers: Int
    /// Streams one client address may hold; nil when per-address limits are off (load tests).
    private let maxPerAddress: Int?
    private let heartbeat: Int
    /// Guarded by its mutex: every open stream, and whether the hub has shut down.
    private let state = Mutex(State())
    private let timer = RepeatingTimer(label: "groundswell.events.heartbeat")
    private let flushQueue = DispatchQueue(label: "groundswell.events.flush")

    init(maxSubscribers: Int, maxPerAddress: Int?, heartbeatSeconds: Int) {
        self.maxSubscribers = maxSubscribers
        self.maxPerAddress = maxPerAddress
        self.heartbeat = heartbeatSeconds
    }

    func start() {
        timer.start(every: heartbeat, firstAfter: heartbeat) { [weak self] in self?.sendHeartbeat() }
    }

    /// What asking for a stream came to.
    enum Subscription {
        case subscribed(EventStream)
        /// Every stream is taken, or the hub has shut down: 503.
        case full
        /// This client address holds its share already: 429.
        case addressFull
    }

    /// A new stream for `campaignID` from the client address key `address`. The per-address share
    /// is checked first, so one client holding its share cannot see whether the server is full.
    func subscribe(campaignID: Int64, address: String) -> Subscription {
        let stream = EventStream(campaignID: campaignID, address: address, hub: self)
        return state.withLock { state -> Subscription in
            guard !state.closed else { return .full }
            let held = state.perAddress[address, default: 0]
            if let maxPerAddress, held >= maxPerAddress { return .addressFull }
            guard state.subscribers.count < maxSubscribers else { return .full }
            state.subscribers[ObjectIdentifier(stream)] = stream
            state.perAddress[address] = held + 1
            return .subscribed(stream)
        }
    }

    func unsubscribe(_ stream: EventStream) {
        state.withLock { state in
            guard state.subscribers.removeValue(forKey: ObjectIdentifier(stream)) != nil else { return }
            let held = state.perAddress[stream.address, default: 1] - 1
            state.perAddress[stream.address] = held > 0 ? held : nil
        }
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Sends `event` with the JSON `data` to every stream of the campaign, within `coalescing`.
    func publish(campaignID: Int64, event: String, data: [UInt8]) {
        var frame: [UInt8] = []
        Self.appendFrame(event: event, data: data, to: &frame)
        publish(campaignID: campaignID, frames: frame)
    }

    /// Appends one event's frame (`event: …`, `data: …`, a blank line) to `frames`.
    static func appendFrame(event: String, data: [UInt8], to frames: inout [UInt8]) {
        frames += "event: ".utf8
        frames += event.utf8
        frames += "\ndata: ".utf8
        frames += data
        frames += "\n\n".utf8
    }

    /// Sends `frames`, one or more whole events (`appendFrame`), to every stream of the campaign,
    /// within `coalescing`: one buffer every stream holds until it has sent it, one enqueue each.
    func publish(campaignID: Int64, frames: [UInt8]) {
        guard !frames.isEmpty else { return }
        let targets = state.withLock { $0.subscribers.values.filter { $0.campaignID == campaignID } }
        guard !targets.isEmpty else { return }  // every vote publishes; most campaigns have no stream open
        for stream in targets where !stream.enqueue(frames, wake: false) { unsubscribe(stream) }
        // After the frames are in: a flush that has already cleared the flag wakes after this point.
        let schedule = state.withLock { state -> Bool in
            guard !state.flushScheduled, !state.closed else { return false }
            state.flushScheduled = true
            return true
        }
        if schedule {
            flushQueue.asyncAfter(deadline: .now() + .milliseconds(Self.coalescingMilliseconds)) { [weak self] in
                self?.flush()
            }
        }
    }

    /// Wakes every stream with pending frames. The flag is cleared first, so a publish that finds
    /// it set has its frames in place before this pass starts.
    private func flush() {
        let targets = state.withLock { state in
            state.flushScheduled = false
            return Array(state.subscribers.values)
        }
        for stream in targets { stream.wakeIfPending() }
    }

    private func sendHeartbeat() {
        let frame = Array(": heartbeat\n\n".utf8)
        let targets = state.withLock { Array($0.subscribers.values) }
        for stream in targets where !stream.enqueue(frame) { unsubscribe(stream) }
    }

    /// Ends every stream (graceful shutdown) and refuses new ones.
    func close() {
        timer.cancel()
        let targets = state.withLock { state in
            state.closed = true
            defer {
                state.subscribers.removeAll()
                state.perAddress.removeAll()
            }
            return Array(state.subscribers.values)
        }
        for stream in targets { stream.finish() }
    }
}
