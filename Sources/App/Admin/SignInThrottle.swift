// Sign-in attempts counted in memory before each password check, per name and address, so no stranger can lock an account.
import Campaigns
import Synchronization

/// Every sign-in attempt is counted *before* its password is checked, so a burst of concurrent
/// guesses gets no more checks than the limit (counting failures afterwards let 64 concurrent
/// guesses have 24 checked). A successful sign-in gives its attempt back.
///
/// The counts are per account name *and* client address, plus per address over all names: a
/// stranger guessing at an account from their address uses up only their own attempts, and the
/// owner signing in from anywhere else is not refused. Passwords are generated with 144 bits
/// (`PasswordHasher.generatePassword`), so guessing spread over many addresses is hopeless, and no
/// per-name count over all addresses — the lever a lock-out needs — is kept.
///
/// A stranger behind the owner's own address (a hospital NAT) could still use up that address,
/// so a browser that has signed in to an account carries a device cookie for it (OWASP's "device
/// cookie" defence): its attempts for that account count against the device alone.
///
/// Names are kept only as SHA-256 hashes and addresses only here, in memory: nothing is stored or logged.
final class SignInThrottle: Sendable {
    struct Limits: Sendable {
        /// Attempts for one account name from one client address per window. Default 5.
        var perNameAndAddress = 5
        /// Attempts from one client address per window, over all names. Default 20.
        var perAddress = 20
        /// Attempts for an account from a browser that signed in to it before, per window. Default 5.
        var perDevice = 5
        /// Window length in seconds, from an attempt that found no open window. Default 900 (15 minutes).
        var window: Int64 = 900
        /// Device cookies remembered; the oldest is forgotten beyond it. Default 10,000.
        var devices = 10_000
    }

    /// An attempt that was counted and may go on to the password check.
    struct Attempt: Sendable {
        fileprivate let keys: [String]
        fileprivate let nameKey: String
        /// The device token the attempt came with, when it is known for this account.
        let device: String?
    }

    private struct Window {
        var start: Int64
        var attempts: Int
    }

    private struct State {
        var windows: [String: Window] = [:]
        /// Device token hash → the name hash it signed in to, and when.
        var devices: [String: (name: String, at: Int64)] = [:]
    }

    static let deviceCookie = "gs_staff_device"

    private let limits: Limits
    /// Guarded by its mutex: attempt windows by key, and the devices that signed in.
    private let state = Mutex(State())

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    private static func nameKey(_ name: String) -> String { Tokens.base64url(Tokens.hash(name.lowercased())) }

    /// Counts an attempt for `name` from `address` (or from the browser holding `device`), or
    /// throws `rateLimited` with the seconds until the fullest window ends.
    func begin(name: String, address: String, device: String?, now: Int64) throws -> Attempt {
        let nameKey = Self.nameKey(name)
        let result = state.withLock { state -> Result<Attempt, APIError> in
            let keys: [(String, Int)]
            var knownDevice: String?
            if let device, let known = state.devices[Tokens.base64url(Tokens.hash(device))], known.name == nameKey {
                keys = [("d:" + Tokens.base64url(Tokens.hash(device)), limits.perDevice)]
                knownDevice = device
            } else {
                keys = [("n:\(nameKey):\(address)", limits.perNameAndAddress), ("a:" + address, limits.perAddress)]
            }
            if state.windows.count > 10_000 { state.windows = state.windows.filter { now - $0.value.start < limits.window } }
            for (key, limit) in keys {
                guard let window = state.windows[key], now - window.start < limits.window else { continue }
                if window.attempts >= limit { return .failure(.rateLimited(retryAfter: Int(max(1, window.start + limits.window - now)))) }
            }
            for (key, _) in keys {
                var window = state.windows[key] ?? Window(start: now, attempts: 0)
                if now - window.start >= limits.window { window = Window(start: now, attempts: 0) }
                window.attempts += 1
                state.windows[key] = window
            }
            return .success(Attempt(keys: keys.map(\.0), nameKey: nameKey, device: knownDevice))
        }
        return try result.get()
    }

    /// The attempt signed in: it is given back, and `device` (the token of the device cookie to
    /// set) is remembered for the account.
    func succeeded(_ attempt: Attempt, device: String, now: Int64) {
        state.withLock { state in
            for key in attempt.keys {
                guard var window = state.windows[key] else { continue }
                window.attempts = max(0, window.attempts - 1)
                state.windows[key] = window
            }
            if state.devices.count >= limits.devices,
               let oldest = state.devices.min(by: { $0.value.at < $1.value.at })?.key {
                state.devices[oldest] = nil
            }
            state.devices[Tokens.base64url(Tokens.hash(device))] = (attempt.nameKey, now)
        }
    }
}
