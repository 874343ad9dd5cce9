// When the outbox tries a deferred message again, and when it waits for the relay itself.

/// The outbox's back-off, in seconds. Pure, so the schedule is tested as a table.
public enum RetryPolicy {
    /// A message the relay deferred (4xx) is tried this many times in all, then counted as given up.
    public static let maxAttempts = 16
    /// First wait after a deferral, doubled each time up to `maxMessageDelay`.
    public static let firstMessageDelay: Int64 = 30
    /// Longest wait between two tries of one message: 6 hours (so 16 tries span about two days).
    public static let maxMessageDelay: Int64 = 6 * 3600
    /// First wait after the relay could not be used at all, doubled up to `maxRelayDelay`.
    public static let firstRelayDelay: Int64 = 1
    /// Longest wait before trying an unavailable relay again: a minute (one probe a minute costs nothing,
    /// and the queue moves within a minute of the relay's return).
    public static let maxRelayDelay: Int64 = 60

    /// Seconds until a message deferred for the `attempt`-th time (1-based) is tried again, or nil
    /// when that was its last try.
    public static func messageDelay(afterAttempt attempt: Int) -> Int64? {
        guard attempt < maxAttempts else { return nil }
        return doubling(firstMessageDelay, times: attempt - 1, cap: maxMessageDelay)
    }

    /// Seconds to wait after the relay failed `failures` times in a row (1-based).
    public static func relayDelay(afterFailures failures: Int) -> Int64 {
        doubling(firstRelayDelay, times: failures - 1, cap: maxRelayDelay)
    }

    private static func doubling(_ first: Int64, times: Int, cap: Int64) -> Int64 {
        var delay = first
        for _ in 0..<max(0, times) {
            delay *= 2
            if delay >= cap { return cap }
        }
        return min(delay, cap)
    }
}
