// Oracle tables for mail's pure rules: the retry schedule, the reminder rule, how outcomes are counted, event names.
import Testing

@testable import Campaigns

@Suite struct MailRulesTests {
    @Test(arguments: [
        (1, 30 as Int64?), (2, 60), (3, 120), (9, 7680), (10, 15360), (11, 21600), (15, 21600), (16, nil), (17, nil),
    ] as [(Int, Int64?)])
    func aDeferredMessageBacksOffThenGivesUp(attempt: Int, delay: Int64?) {
        #expect(RetryPolicy.messageDelay(afterAttempt: attempt) == delay)
    }

    @Test func sixteenTriesSpanAboutTwoDays() {
        let total = (1..<RetryPolicy.maxAttempts).compactMap(RetryPolicy.messageDelay(afterAttempt:)).reduce(0, +)
        #expect((36 * 3600...60 * 3600).contains(total))
    }

    @Test(arguments: [(1, 1 as Int64), (2, 2), (5, 16), (7, 60), (30, 60)])
    func anUnavailableRelayIsTriedAgainSoonerThanAMinute(failures: Int, delay: Int64) {
        #expect(RetryPolicy.relayDelay(afterFailures: failures) == delay)
    }

    @Test(arguments: [
        ("first reminder", 10, nil as Int64?, 1_000_000 as Int64, nil as MailRefusal?),
        ("a day later", 10, 1_000_000, 1_086_400, nil),
        ("an hour later", 10, 1_000_000, 1_003_600, .reminderTooSoon),
        ("nobody left", 0, nil, 1_000_000, .nobodyToRemind),
        ("too soon wins", 0, 1_000_000, 1_000_001, .reminderTooSoon),
    ])
    func reminders(name: String, held: Int, last: Int64?, now: Int64, expected: MailRefusal?) {
        #expect(ReminderRule.check(held: held, lastReminderAt: last, now: now) == expected, "\(name)")
    }

    @Test(arguments: MailOutcome.allCases)
    func personalMessagesAreOnlyEverHandled(outcome: MailOutcome) {
        #expect(MailOutcome.counted(outcome, kind: .personal) == .handled)
        for kind in [MailKind.invitation, .reminder, .announcement] {
            #expect(MailOutcome.counted(outcome, kind: kind) == outcome)
        }
    }

    @Test func announcementEventsHaveStableNames() {
        #expect(AnnouncementEvent.all.map(\.key) == [
            "phase:understand", "phase:answer", "phase:prioritise", "phase:act", "shortlist", "guide",
        ])
        for event in AnnouncementEvent.all { #expect(AnnouncementEvent(key: event.key) == event) }
        #expect(AnnouncementEvent(key: "phase:party") == nil && AnnouncementEvent(key: "") == nil)
    }

    private static let answerOpen: [Phase] = [
        Phase(kind: .understand, state: .closed), Phase(kind: .answer, state: .open),
        Phase(kind: .prioritise), Phase(kind: .act),
    ]

    @Test(arguments: [
        ("the open phase", .phaseOpened(.answer), [], false, nil),
        ("a closed phase", .phaseOpened(.understand), [], false, .notYetHappened),
        ("a pending phase", .phaseOpened(.act), [], false, .notYetHappened),
        ("announced before", .phaseOpened(.answer), [], true, .alreadyAnnounced),
        ("no shortlist yet", .shortlistPublished, [], false, .notYetHappened),
        ("a shortlist", .shortlistPublished, [.prioritise], false, nil),
        ("guides chosen, none published", .guidePublished, [.prioritise, .act], false, .notYetHappened),
        ("a published guide", .guidePublished, [.prioritise, .act, .published], false, nil),
        ("announced before wins", .guidePublished, [], true, .alreadyAnnounced),
    ] as [(String, AnnouncementEvent, Set<ShortlistRound>, Bool, MailRefusal?)])
    func announcements(name: String, event: AnnouncementEvent, rounds: Set<ShortlistRound>, announced: Bool, expected: MailRefusal?) {
        #expect(AnnouncementRule.check(event, phases: Self.answerOpen, rounds: rounds, announced: announced) == expected, "\(name)")
    }
}
