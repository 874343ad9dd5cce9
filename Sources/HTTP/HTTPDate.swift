// The `Date` header value (IMF-fixdate, RFC 9110 §5.6.7), formatted at most once per second.

import Glibc
import Synchronization

/// Caches the formatted date: every response needs it, and the text changes once a second.
final class HTTPDate: Sendable {
    private struct Cached {
        var second: Int = -1
        var text: String = ""
    }

    /// Guarded by its own lock; readers copy the string out.
    private let cached = Mutex(Cached())

    func current() -> String {
        let now = time(nil)
        return cached.withLock { cache in
            if cache.second != now {
                cache.second = now
                cache.text = HTTPDate.format(now)
            }
            return cache.text
        }
    }

    static func format(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
