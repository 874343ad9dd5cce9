// Failed sign-ins are throttled per account name and per address within a window, in memory only.
import Testing
@testable import App

@Suite struct SignInThrottleTests {
    private func retryAfter(_ throttle: SignInThrottle, name: String, address: String, now: Int64) -> Int? {
        do {
            try throttle.check(name: name, address: address, now: now)
            return nil
        } catch APIError.rateLimited(let seconds) {
            return seconds
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    private func fail(_ throttle: SignInThrottle, _ times: Int, name: String, address: String, now: Int64) {
        for _ in 0..<times { throttle.recordFailure(name: name, address: address, now: now) }
    }

    /// (failures for the name, failures from the address, seconds later) → refused with Retry-After.
    @Test(arguments: [
        (4, 0, Int64(0), nil as Int?), (5, 0, 0, 900), (5, 0, 300, 600), (5, 0, 899, 1), (5, 0, 900, nil),
        (9, 0, 100, 800), (0, 19, 0, nil), (0, 20, 0, 900), (0, 20, 899, 1), (0, 20, 900, nil),
    ])
    func limits(nameFailures: Int, addressFailures: Int, later: Int64, expected: Int?) {
        let throttle = SignInThrottle()
        fail(throttle, nameFailures, name: "ada", address: "10.0.0.1", now: 1_000)
        for index in 0..<addressFailures {
            throttle.recordFailure(name: "someone-\(index)", address: "10.0.0.2", now: 1_000)
        }
        let address = addressFailures > 0 ? "10.0.0.2" : "10.0.0.3"
        let name = nameFailures > 0 ? "ada" : "bob"
        #expect(retryAfter(throttle, name: name, address: address, now: 1_000 + later) == expected)
    }

    @Test func namesAreCaseInsensitiveAndOthersUnaffected() {
        let throttle = SignInThrottle()
        fail(throttle, 5, name: "Ada", address: "10.0.0.1", now: 0)
        #expect(retryAfter(throttle, name: "ADA", address: "10.0.0.9", now: 1) == 899)
        #expect(retryAfter(throttle, name: "bob", address: "10.0.0.9", now: 1) == nil)
    }

    @Test func aSuccessClearsTheNameButNotTheAddress() {
        let throttle = SignInThrottle()
        fail(throttle, 5, name: "ada", address: "10.0.0.1", now: 0)
        throttle.recordSuccess(name: "ada")
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.2", now: 1) == nil)
        fail(throttle, 15, name: "ada", address: "10.0.0.1", now: 2)
        throttle.recordSuccess(name: "ada")
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", now: 3) == 897, "20 failures from the address, its window begun at 0")
    }

    /// A window starts with its first failure; after it, counting starts again from one.
    @Test func aNewWindowStartsAfterTheOld() {
        let throttle = SignInThrottle()
        fail(throttle, 4, name: "ada", address: "10.0.0.1", now: 0)
        fail(throttle, 1, name: "ada", address: "10.0.0.1", now: 901)
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", now: 902) == nil)
        fail(throttle, 4, name: "ada", address: "10.0.0.1", now: 902)
        #expect(retryAfter(throttle, name: "ada", address: "10.0.0.1", now: 903) == 898)
    }
}
