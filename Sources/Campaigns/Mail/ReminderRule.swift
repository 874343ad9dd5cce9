// When a campaign may have another reminder: a day apart at least, and someone to remind.

/// When a campaign may have another reminder: pure, so it is tested as a table.
public enum ReminderRule {
    /// Seconds between two reminders of one campaign at least: a day.
    public static let minimumInterval: Int64 = 86_400

    /// Nil when a reminder may go now, else why not.
    public static func check(held: Int, lastReminderAt: Int64?, now: Int64) -> MailRefusal? {
        if let last = lastReminderAt, now - last < minimumInterval { return .reminderTooSoon }
        if held == 0 { return .nobodyToRemind }
        return nil
    }
}
