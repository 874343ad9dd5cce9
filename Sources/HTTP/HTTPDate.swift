// The `Date` header value (IMF-fixdate, RFC 9110 §5.6.7), formatted at most once per second.

import Glibc

/// Caches the formatted date: every response needs it, and the text changes once a second.
/// One per event loop, confined to its thread, so reading it takes no lock.
final class HTTPDate {
    private var second: Int = -1
    private var text = ""

    func current() -> String {
        let now = time(nil)
        if second != now {
            second = now
            text = HTTPDate.format(now)
        }
        return text
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
