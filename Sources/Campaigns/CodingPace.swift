// Coding effort: how fast each team codes, what remains, and when the teams finish at their current pace.

/// Pure estimates from the times a team saved its codes (seconds since 1970) and what it has left.
///
/// Two paces, both over the last `window`: *items per hour* while coding — codes are cut into
/// sessions wherever two saves are more than `sessionGap` apart, and a session of m saves over d
/// seconds counts m − 1 items in d seconds (the first save of a session starts its clock) — and
/// *items per day* on the calendar, the codes of the window over the days it spans (at least one),
/// which is what a finishing date needs because nobody codes around the clock.
public enum CodingPace {
    /// Saves further apart than this (30 minutes) are in different sessions.
    public static let sessionGap: Int64 = 30 * 60
    /// How far back the pace looks (7 days).
    public static let window: Int64 = 7 * 86_400

    public struct Estimate: Sendable, Equatable {
        /// Items coded (all time).
        public var coded: Int
        public var remaining: Int
        /// Items per hour of coding in the window; nil without a session of two or more saves.
        public var itemsPerHour: Double?
        /// Items per calendar day in the window; nil when nothing was coded in it.
        public var itemsPerDay: Double?
        /// When `remaining` is done at `itemsPerDay`: now if nothing remains, nil without a pace.
        public var finishesAt: Int64?
    }

    public static func estimate(codedAt: [Int64], remaining: Int, now: Int64) -> Estimate {
        let recent = codedAt.filter { $0 > now - window && $0 <= now }.sorted()
        var itemsInSessions = 0
        var seconds: Int64 = 0
        var sessionStart = recent.first ?? 0
        var previous = sessionStart
        for time in recent.dropFirst() {
            if time - previous > sessionGap {
                seconds += previous - sessionStart
                sessionStart = time
            } else {
                itemsInSessions += 1
            }
            previous = time
        }
        seconds += previous - sessionStart
        let perHour = seconds > 0 ? Double(itemsInSessions) * 3600 / Double(seconds) : nil
        let perDay: Double? = recent.first.map { first in
            let days = max(1, Double(now - first) / 86_400)
            return Double(recent.count) / days
        }
        let finishes: Int64?
        if remaining == 0 {
            finishes = now
        } else if let perDay, perDay > 0 {
            finishes = now + Int64((Double(remaining) / perDay * 86_400).rounded(.up))
        } else {
            finishes = nil
        }
        return Estimate(coded: codedAt.count, remaining: remaining, itemsPerHour: perHour, itemsPerDay: perDay,
                        finishesAt: finishes)
    }

    /// When every team is done: the latest finish, or nil while any team with work left has no pace.
    public static func allFinish(_ estimates: [Estimate]) -> Int64? {
        var latest: Int64?
        for estimate in estimates {
            guard let finish = estimate.finishesAt else { return nil }
            latest = max(latest ?? finish, finish)
        }
        return latest
    }
}
