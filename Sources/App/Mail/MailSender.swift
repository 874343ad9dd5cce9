// The background sender: takes due messages from the outbox one at a time, paced, and settles each after the relay answers.
import Campaigns
import Dispatch
import Foundation
import Mail
import Storage
import Synchronization

/// The relay as the sender last found it, for the console and `/metrics`. Names no address.
struct RelayStatus: Sendable, Equatable {
    enum State: Sendable, Equatable {
        /// GROUNDSWELL_SMTP_URL is unset: nothing is sent.
        case notConfigured
        /// The demo's preview: messages are shown in the console instead of sent.
        case preview
        /// Configured, nothing tried since start.
        case untried
        /// The last hand-over worked.
        case up
        /// The relay could not be used; messages wait.
        case down(RelayProblem)
    }

    var state: State
    /// Since when (clock seconds) the state holds.
    var since: Int64?
    /// When the sender next tries an unavailable relay.
    var nextTryAt: Int64?
    /// Messages waiting in the outbox, as the sender last counted them.
    var backlog = 0
}

/// Sends what the outbox holds, one message at a time on a thread of its own.
///
/// Concurrency: the loop runs on one dedicated thread (`run`), which alone talks to the transport
/// and settles messages; anyone may `wake` it (a write that queued mail does, once committed).
/// Each message is settled in its own `Database.write` after the relay answered and before the next
/// is taken, so a crash resends at most the one in flight, with the same Message-ID.
/// `state` is behind a Mutex; everything else is immutable.
final class MailSender: Sendable {
    let database: Database
    let key: ServerKey
    let setup: MailSetup
    /// Nil without a relay (and without the preview): the loop then only counts the backlog.
    let transport: (any MailTransport)?
    let clock: any WallClock
    let metrics: AppMetrics
    let log: @Sendable (String) -> Void
    private let wakeup = DispatchSemaphore(value: 0)

    private struct State {
        var running = false
        /// Signalled by the loop when it has stopped.
        var finished: DispatchSemaphore?
        var relay: RelayStatus
        /// Relay failures in a row, for the back-off.
        var failures = 0
        /// When the last message was handed over (monotonic), for the pace.
        var lastHandOver: DispatchTime?
        /// A settling write that failed; retried before anything else is sent.
        var unsettled: (@Sendable (Connection) throws -> Void)?
        /// Where the server listens, once started: the links' start when GROUNDSWELL_PUBLIC_URL is unset.
        var listening = "http://localhost"
        /// When (clock seconds) addresses past their retention were last looked for.
        var lastUpkeep: Int64?
    }

    /// Guarded by its own lock; never held while SQL or SMTP runs.
    private let state: Mutex<State>

    init(
        database: Database, key: ServerKey, setup: MailSetup, transport: (any MailTransport)?, clock: any WallClock,
        metrics: AppMetrics, log: @escaping @Sendable (String) -> Void
    ) {
        self.database = database
        self.key = key
        self.setup = setup
        self.transport = transport
        self.clock = clock
        self.metrics = metrics
        self.log = log
        let initial: RelayStatus.State = switch setup.delivery {
        case .none: .notConfigured
        case .preview: .preview
        case .relay: .untried
        }
        state = Mutex(State(relay: RelayStatus(state: initial, since: clock.now)))
    }

    var relayStatus: RelayStatus { state.withLock { $0.relay } }

    /// The start of every link: GROUNDSWELL_PUBLIC_URL, else the address the server listens on (a demo).
    var linkBase: String { setup.publicURL ?? state.withLock { $0.listening } }

    /// Tells the sender where the server listens (`Application.start`).
    func listening(at base: String) {
        state.withLock { $0.listening = base }
    }

    /// Starts the loop on its own thread.
    func start() {
        let begin = state.withLock { state -> Bool in
            guard !state.running else { return false }
            state.running = true
            state.finished = DispatchSemaphore(value: 0)
            return true
        }
        guard begin else { return }
        let thread = Thread { [self] in run() }
        thread.name = "groundswell.mail"
        thread.start()
    }

    /// Something was queued or changed: look at the outbox now rather than at the next timeout.
    func wake() {
        wakeup.signal()
    }

    /// Stops the loop after the message in hand (waiting at most `timeoutSeconds` for it).
    func stop(timeoutSeconds: Int = 5) {
        let finished = state.withLock { state -> DispatchSemaphore? in
            guard state.running else { return nil }
            state.running = false
            return state.finished
        }
        wakeup.signal()
        _ = finished?.wait(timeout: .now() + .seconds(timeoutSeconds))
    }

    private var running: Bool { state.withLock { $0.running } }

    /// The loop: count the backlog, send the next due message (paced), or sleep until one is due.
    private func run() {
        defer { _ = state.withLock { $0.finished?.signal() } }
        while running {
            let pause = step()
            if let pause { _ = wakeup.wait(timeout: .now() + .milliseconds(Int(pause * 1000))) }
        }
    }

    /// One turn of the loop; returns how long to sleep (seconds) before the next, or nil to go on at once.
    func step() -> Double? {
        if !retryUnsettled() { return 5 }
        let now = clock.now
        upkeep(now: now)
        let due: OutboxRecord?
        let nextDueAt: Int64?
        do {
            (due, nextDueAt) = try database.read { connection in
                let outbox = OutboxStore(connection)
                let backlog = try outbox.backlog()
                state.withLock { $0.relay.backlog = backlog }
                return (try outbox.nextDue(now: now), try outbox.nextDueAt())
            }
        } catch {
            log("mail: cannot read the outbox: \(String(reflecting: type(of: error)))")
            return 5
        }
        guard let transport else { return 60 }
        if let retry = state.withLock({ $0.relay.nextTryAt }), retry > now { return Double(retry - now) }
        guard let due else {
            guard let nextDueAt else { return 60 }
            return Double(min(60, max(1, nextDueAt - now)))
        }
        pace()
        deliver(due, with: transport)
        return nil
    }

    /// At most once an hour: deletes invitations whose retention ended and any address an archived
    /// campaign still holds (PRIVACY.md, "Mail"). Runs with or without a relay.
    private func upkeep(now: Int64) {
        let due = state.withLock { state -> Bool in
            guard (state.lastUpkeep.map { now - $0 >= 3600 } ?? true) else { return false }
            state.lastUpkeep = now
            return true
        }
        guard due else { return }
        digestReplies(now: now)
        do {
            let today = now / 86_400
            guard try database.read({ try MailUpkeepStore($0).anythingToDelete(today: today) }) else { return }
            let deleted = try database.write { connection -> Int in
                let expired = try InvitationStore(connection).deleteExpired(today: today)
                _ = try MailUpkeepStore(connection).forgetArchivedCampaigns()
                return expired
            }
            if deleted > 0 { log("mail: deleted \(deleted) invitation addresses whose retention ended") }
        } catch {
            log("mail: could not delete expired addresses, will retry: \(String(reflecting: type(of: error)))")
            state.withLock { $0.lastUpkeep = nil }
        }
    }

    func keepUnsettled(_ body: @escaping @Sendable (Connection) throws -> Void) {
        state.withLock { $0.unsettled = body }
    }

    /// Commits a settling write that failed before; false while it still fails.
    private func retryUnsettled() -> Bool {
        guard let body = state.withLock({ $0.unsettled }) else { return true }
        do {
            try database.write(body)
            state.withLock { $0.unsettled = nil }
            return true
        } catch {
            return false
        }
    }

    /// Sleeps until `1 / rate` seconds have passed since the last hand-over (the relay's rate limit).
    private func pace() {
        let interval = UInt64(1_000_000_000 / max(1, setup.rate))
        let last = state.withLock { $0.lastHandOver }
        if let last {
            let elapsed = DispatchTime.now().uptimeNanoseconds - last.uptimeNanoseconds
            if elapsed < interval { usleep(useconds_t((interval - elapsed) / 1000)) }
        }
        state.withLock { $0.lastHandOver = .now() }
    }

    /// Records what the relay said: the relay's state and back-off, and the metrics.
    func noteRelay(_ outcome: SendOutcome) {
        let now = clock.now
        let changed = state.withLock { state -> Bool in
            let next: RelayStatus.State
            switch outcome {
            case .delivered, .refused, .deferred:
                next = state.relay.state == .preview ? .preview : .up
                state.relay.nextTryAt = nil
                state.failures = 0
            case .relayUnavailable(let problem):
                next = .down(problem)
                state.failures += 1
                state.relay.nextTryAt = now + RetryPolicy.relayDelay(afterFailures: state.failures)
            }
            guard state.relay.state != next else { return false }
            state.relay.state = next
            state.relay.since = now
            return true
        }
        if changed, case .up = relayStatus.state { log("mail: relay available") }
        guard case .relayUnavailable(let problem) = outcome else { return }
        metrics.mailRelayFailed()
        if changed { log("mail: relay unavailable, messages wait: \(problem.summary)") }
    }
}
