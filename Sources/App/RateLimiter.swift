// In-memory request limits per contributor and per client address; nothing is stored or logged.
import Campaigns
import Synchronization

/// Fixed-window counters: at most `limit` requests per `window` seconds for each key. Keys are
/// built from the action and a contributor id or client address; they live only in memory and
/// are dropped once their window has passed.
final class RateLimiter: Sendable {
    struct Rule: Sendable {
        var limit: Int
        var window: Int64
    }

    enum Action: String, Sendable, CaseIterable {
        case join, post, comment, vote, flag
        /// Making pairing codes and recovery keys (per contributor).
        case pairing
        /// Signing a device in with a pairing code or a recovery key: each try is a guess (per address).
        case signIn

        /// (per contributor, per address). Addresses are shared (a hospital's NAT), so looser.
        var rules: (contributor: Rule, address: Rule) {
            switch self {
            case .join: (Rule(limit: 10, window: 600), Rule(limit: 60, window: 600))
            case .post: (Rule(limit: 10, window: 600), Rule(limit: 60, window: 600))
            case .comment: (Rule(limit: 30, window: 600), Rule(limit: 200, window: 600))
            case .vote: (Rule(limit: 300, window: 600), Rule(limit: 2000, window: 600))
            case .flag: (Rule(limit: 20, window: 600), Rule(limit: 200, window: 600))
            case .pairing: (Rule(limit: 20, window: 600), Rule(limit: 200, window: 600))
            case .signIn: (Rule(limit: 20, window: 600), Rule(limit: 30, window: 600))
            }
        }
    }

    private struct Window {
        var start: Int64
        var count: Int
    }

    private let enabled: Bool
    private let clock: any WallClock
    /// Guarded by its mutex: key → current window.
    private let windows = Mutex<[String: Window]>([:])
    /// Above this many keys, expired windows are swept on the next check.
    private let sweepThreshold = 50_000

    init(enabled: Bool, clock: any WallClock) {
        self.enabled = enabled
        self.clock = clock
    }

    /// Counts one request; throws `rateLimited` with the seconds until the window resets when
    /// either the contributor's or the address's limit is used up.
    func check(_ action: Action, contributorID: Int64?, address: String) throws {
        guard enabled else { return }
        let now = clock.now
        let rules = action.rules
        var keys = [("a:\(action.rawValue):\(address)", rules.address)]
        if let contributorID { keys.append(("c:\(action.rawValue):\(contributorID)", rules.contributor)) }
        let wait: Int64? = windows.withLock { windows in
            if windows.count > sweepThreshold { windows = windows.filter { now - $0.value.start < 3600 } }
            for (key, rule) in keys {
                var window = windows[key] ?? Window(start: now, count: 0)
                if now - window.start >= rule.window { window = Window(start: now, count: 0) }
                if window.count >= rule.limit { return window.start + rule.window - now }
            }
            for (key, rule) in keys {
                var window = windows[key] ?? Window(start: now, count: 0)
                if now - window.start >= rule.window { window = Window(start: now, count: 0) }
                window.count += 1
                windows[key] = window
            }
            return nil
        }
        if let wait { throw APIError.rateLimited(retryAfter: Int(max(1, wait))) }
    }
}
