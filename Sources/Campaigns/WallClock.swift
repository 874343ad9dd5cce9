// The injected source of "now": the system's clock in production, a hand-set one in tests.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where everything that depends on the time reads it, so schedules are tested without sleeping.
public protocol WallClock: Sendable {
    /// The current time in Unix seconds.
    var now: Int64 { get }
}

/// The operating system's real-time clock.
public struct SystemClock: WallClock {
    public init() {}

    public var now: Int64 {
        Int64(time(nil))
    }
}

/// A clock that moves only when a test moves it.
///
/// `@unchecked Sendable`: `current` is read and written only while holding `mutex`.
public final class ManualClock: WallClock, @unchecked Sendable {
    /// Guarded by `mutex`.
    private var current: Int64
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init(_ t: Int64) {
        current = t
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    public var now: Int64 {
        locked { current }
    }

    /// Moves the clock forward (or back, with a negative number) by `seconds`.
    public func advance(by seconds: Int64) {
        locked { current += seconds }
    }

    /// Sets the clock to `t` Unix seconds.
    public func set(_ t: Int64) {
        locked { current = t }
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
