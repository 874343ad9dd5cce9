// Failed sign-ins counted in memory per account name and per client address; nothing is stored or logged.
import Campaigns
import Synchronization

/// After `perName` failures for one name, or `perAddress` failures from one address, within
/// `window` seconds, further attempts are refused (429) until the window that began with the
/// first failure has passed. A successful sign-in clears the name's count. Names are kept
/// only as SHA-256 hashes so a memory dump shows no account names.
final class SignInThrottle: Sendable {
    struct Limits: Sendable {
        /// Failures per account name per window. Default 5.
        var perName = 5
        /// Failures per client address per window (addresses can be shared). Default 20.
        var perAddress = 20
        /// Window length in seconds. Default 900 (15 minutes).
        var window: Int64 = 900
    }

    private struct Window {
        var start: Int64
        var failures: Int
    }

    private let limits: Limits
    /// Guarded by its mutex: key → failures in the current window.
    private let windows = Mutex<[String: Window]>([:])

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    private func keys(name: String, address: String) -> [(String, Int)] {
        [("n:" + Tokens.base64url(Tokens.hash(name.lowercased())), limits.perName), ("a:" + address, limits.perAddress)]
    }

    /// Throws `rateLimited` when either limit is used up at `now`.
    func check(name: String, address: String, now: Int64) throws {
        let wait: Int64? = windows.withLock { windows in
            for (key, limit) in keys(name: name, address: address) {
                guard let window = windows[key], now - window.start < limits.window else { continue }
                if window.failures >= limit { return window.start + limits.window - now }
            }
            return nil
        }
        if let wait { throw APIError.rateLimited(retryAfter: Int(max(1, wait))) }
    }

    func recordFailure(name: String, address: String, now: Int64) {
        windows.withLock { windows in
            if windows.count > 10_000 { windows = windows.filter { now - $0.value.start < limits.window } }
            for (key, _) in keys(name: name, address: address) {
                var window = windows[key] ?? Window(start: now, failures: 0)
                if now - window.start >= limits.window { window = Window(start: now, failures: 0) }
                window.failures += 1
                windows[key] = window
            }
        }
    }

    func recordSuccess(name: String) {
        _ = windows.withLock { $0.removeValue(forKey: "n:" + Tokens.base64url(Tokens.hash(name.lowercased()))) }
    }
}
