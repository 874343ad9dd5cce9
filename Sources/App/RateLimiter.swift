// In-memory request limits per contributor, per client address and per campaign; nothing is stored or logged.
import Campaigns
import Synchronization

/// Fixed-window counters: at most `limit` requests per `window` seconds for each key. Keys are
/// built from the action and a contributor id, client address or campaign id; they live only in
/// memory and are dropped once their window has passed.
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
        /// Asking to be invited to an invite-only campaign (per address; nobody has joined yet).
        case requestInvitation
        /// Leaving or changing one's own e-mail address (each change seals and writes a row).
        case mailAddress

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
            case .requestInvitation: (Rule(limit: 5, window: 600), Rule(limit: 20, window: 600))
            case .mailAddress: (Rule(limit: 20, window: 600), Rule(limit: 200, window: 600))
            }
        }
    }

    /// Joins from one address in a day, beside the ten-minute window: a steady script stops here.
    static let joinsPerAddressPerDay = Rule(limit: 300, window: 86_400)

    /// One counted limit: the key it counts under, its rule, and what a caller over it is told.
    struct Limit: Sendable {
        var key: String
        var rule: Rule
        /// The refusal, given the seconds until the window resets.
        var refusal: @Sendable (Int) -> APIError = { .rateLimited(retryAfter: $0) }
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
        var limits = [Limit(key: "a:\(action.rawValue):\(address)", rule: action.rules.address)]
        if let contributorID { limits.append(Limit(key: "c:\(action.rawValue):\(contributorID)", rule: action.rules.contributor)) }
        try check(limits)
    }

    /// Codes tried for personal invitations from one address in ten minutes that turned out wrong:
    /// a bound on guessing (a 50-bit code is not guessed at this rate) that real invitees, who
    /// mistype now and then, stay far below.
    static let invitationGuessesPerAddress = Rule(limit: 300, window: 600)

    /// The limits on one join from `address`. A join with a personal invitation is bounded by
    /// the invitations themselves, so it counts only as a guess (`invitationGuessesPerAddress`),
    /// given back once the code proves good (`JoinRoute`): a whole trust behind one NAT joins on
    /// the launch morning. Any other join counts ten minutes and a day per address and the
    /// campaign's `ceiling` per hour.
    func joinLimits(address: String, personalInvitation: Bool, campaignID: Int64, ceiling: Int) -> [Limit] {
        if personalInvitation { return [Limit(key: "a:join-guess:\(address)", rule: Self.invitationGuessesPerAddress)] }
        return [
            Limit(key: "a:join:\(address)", rule: Action.join.rules.address),
            Limit(key: "a:join-day:\(address)", rule: Self.joinsPerAddressPerDay),
            Limit(key: "k:join:\(campaignID)", rule: Rule(limit: ceiling, window: 3600)) { .joinCeiling(retryAfter: $0) },
        ]
    }

    /// Counts one request against every limit, or none: throws the first used-up limit's refusal.
    func check(_ limits: [Limit]) throws {
        guard enabled else { return }
        let now = clock.now
        let refusal: APIError? = windows.withLock { windows in
            if windows.count > sweepThreshold { windows = windows.filter { now - $0.value.start < 86_400 } }
            for limit in limits {
                var window = windows[limit.key] ?? Window(start: now, count: 0)
                if now - window.start >= limit.rule.window { window = Window(start: now, count: 0) }
                if window.count >= limit.rule.limit { return limit.refusal(Int(max(1, window.start + limit.rule.window - now))) }
            }
            for limit in limits {
                var window = windows[limit.key] ?? Window(start: now, count: 0)
                if now - window.start >= limit.rule.window { window = Window(start: now, count: 0) }
                window.count += 1
                windows[limit.key] = window
            }
            return nil
        }
        if let refusal { throw refusal }
    }

    /// Gives back what `check` counted, for a request that then failed for a reason of its own
    /// (a wrong invitation code must not use up the campaign's ceiling).
    func refund(_ limits: [Limit]) {
        guard enabled else { return }
        windows.withLock { windows in
            for limit in limits {
                guard var window = windows[limit.key], window.count > 0 else { continue }
                window.count -= 1
                windows[limit.key] = window
            }
        }
    }
}
