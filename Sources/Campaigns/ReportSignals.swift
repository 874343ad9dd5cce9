// A burst of reports is a signal of its own: many reports close together, on one contribution or across a campaign.

/// When reports come in bursts. A real problem draws reports over hours as people read it; a
/// coordinated attack files them within minutes. Moderators see the burst beside the reports.
public enum ReportSignals {
    /// Reports on one contribution within `itemWindow` seconds that make a burst.
    public static let itemReports = 3
    public static let itemWindow: Int64 = 600
    /// Reports across a campaign within `campaignWindow` seconds that make a burst.
    public static let campaignReports = 10
    public static let campaignWindow: Int64 = 3600

    /// Whether some `count` of `times` (Unix seconds, any order) fall within `window` seconds.
    public static func isBurst(_ times: [Int64], count: Int, window: Int64) -> Bool {
        guard count > 0, times.count >= count else { return false }
        let sorted = times.sorted()
        for start in 0...(sorted.count - count) where sorted[start + count - 1] - sorted[start] < window {
            return true
        }
        return false
    }

    /// A burst on one contribution: `itemReports` reports within `itemWindow`.
    public static func itemBurst(_ times: [Int64]) -> Bool {
        isBurst(times, count: itemReports, window: itemWindow)
    }

    /// A burst across the campaign, judged at `now`: `campaignReports` reports in the last `campaignWindow`.
    public static func campaignBurst(_ times: [Int64], now: Int64) -> Bool {
        times.filter { now - $0 < campaignWindow }.count >= campaignReports
    }
}
