// Times stored beside a contributor, cut to the precision their features need (PRIVACY.md).

/// A vote's or a report's time is kept as the start of its UTC day: statistics count per day, and a
/// finer time beside a contributor id would let the database holder line it up with what they saw
/// happen (who sat at the ward computer at 14:03).
public enum CoarseTime {
    public static let day: Int64 = 86_400

    /// The Unix time of 00:00 UTC on the day of `seconds`.
    public static func dayStart(_ seconds: Int64) -> Int64 {
        seconds - ((seconds % day) + day) % day
    }

    /// Whole days since 1970-01-01 (UTC) at `seconds`.
    public static func dayNumber(_ seconds: Int64) -> Int64 { dayStart(seconds) / day }
}
