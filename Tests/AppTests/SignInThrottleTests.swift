// Sign-in attempts are counted before the check, per account name and address, per address, and per known device, in memory only.
import Testing
@testable import App

@Suite struct SignInThrottleTests {
    /// Begins an attempt: nil when it may go on to the password check, else its Retry-After.
    private func retryAfter(
        _ throttle: SignInThrottle, name: String, address: String, device: String? = nil, now: Int64
    ) -> Int? {
        do {
            _ = try throttle.begin(name: name, address: address, device: device, now: now)
            return nil
        } catch APIError.rateLimited(let seconds) {
            return seconds
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    private func attempt(_ throttle: SignInThrottle, _ times: Int, name: String, address: String, now: Int64) {
        for _ in 0..<times { _ = retryAfter(throttle, name: name, address: address, now: now) }
    }

    /// (attempts for the name from the address, attempts from the address for other names, seconds
    /// later) → the next attempt refused with Retry-After, or let through.
    @Test(arguments: [
        (4, 0, Int64(0), nil as Int?), (5, 0, 0, 900), (5, 0, 300, 600), (5, 0, 899, 1), (5, 0, 900, nil),
        (9, 0, 100, 800), (0, 19, 0, nil), (0, 20, 0, 900), (0, 20, 899, 1), (0, 20, 900, nil), (4, 16, 0, 900),
    ])
    func limits(nameAttempts: Int, otherAttempts: Int, later: Int64, expected: Int?) {
        let throttle = SignInThrottle()
        attempt(throttle, nameAttempts, name: "ada", address: "10.0.0.1", now: 1_000)
        for index in 0..<otherAttempts { attempt(throttle, 1, name: "someone-\(index)", address: "10.0.0.1", now: 1_000) }
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", now: 1_000 + later) == expected)
    }

    /// The lock-out the old throttle allowed: a stranger's guesses use up only their own address.
    @Test func aStrangersGuessesNeverLockTheOwnerOutElsewhere() {
        let throttle = SignInThrottle()
        attempt(throttle, 50, name: "ada", address: "203.0.113.9", now: 0)
        #expect(retryAfter(throttle, name: "ada", address: "203.0.113.9", now: 1) == 899)
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.2", now: 1) == nil)
    }

    @Test func namesAreCaseInsensitive() {
        let throttle = SignInThrottle()
        attempt(throttle, 5, name: "Ada", address: "10.0.0.1", now: 0)
        #expect(retryAfter(throttle, name: "ADA", address: "10.0.0.1", now: 1) == 899)
        #expect(retryAfter(throttle, name: "bob", address: "10.0.0.1", now: 1) == nil)
    }

    @Test func aSuccessGivesItsAttemptBack() throws {
        let throttle = SignInThrottle()
        attempt(throttle, 4, name: "ada", address: "10.0.0.1", now: 0)
        let signedIn = try throttle.begin(name: "ada", address: "10.0.0.1", device: nil, now: 1)
        throttle.succeeded(signedIn, device: "device-token", now: 1)
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", now: 2) == nil, "four counted, then the fifth")
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", now: 3) == 897)
    }

    /// Behind the owner's own address (a NAT) a stranger can fill the address's share; the
    /// browser that signed in before counts against its device alone, for that account only.
    @Test func aKnownDeviceCountsApartFromItsAddress() throws {
        let throttle = SignInThrottle()
        throttle.succeeded(try throttle.begin(name: "ada", address: "10.0.0.1", device: nil, now: 0), device: "ada-device", now: 0)
        for index in 0..<20 { attempt(throttle, 1, name: "guess-\(index)", address: "10.0.0.1", now: 1) }
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", now: 2) == 898)
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", device: "ada-device", now: 2) == nil)
        #expect(retryAfter(throttle, name: "bob", address: "10.0.0.1", device: "ada-device", now: 2) == 898,
                "the device is known for ada's account only")
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", device: "forged", now: 2) == 898)
    }

    /// A window starts with the attempt that found none open; after it, counting starts again.
    @Test func aNewWindowStartsAfterTheOld() {
        let throttle = SignInThrottle()
        attempt(throttle, 4, name: "ada", address: "10.0.0.1", now: 0)
        attempt(throttle, 1, name: "ada", address: "10.0.0.1", now: 901)
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", now: 902) == nil)
        attempt(throttle, 3, name: "ada", address: "10.0.0.1", now: 902)
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", now: 903) == 898)
    }
}
