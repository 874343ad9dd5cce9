// Phase kinds, days left, and the clocks that schedules read.

import Testing
@testable import Campaigns

@Test func phaseKindsRunInOrder() {
    #expect(PhaseKind.allCases.map(\.next) == [.answer, .prioritise, .act, nil])
    #expect(PhaseKind.allCases.map(\.previous) == [nil, .understand, .answer, .prioritise])
    #expect(PhaseKind.allCases.map(\.position) == [0, 1, 2, 3])
    #expect(PhaseKind.allCases.map(\.title) == ["Understand", "Answer", "Prioritise", "Act"])
    #expect(PhaseKind.allCases.map(\.rawValue) == ["understand", "answer", "prioritise", "act"])
}

@Test func initialPhasesArePendingInOrder() {
    #expect(Phase.initial.map(\.kind) == PhaseKind.allCases)
    #expect(Phase.initial.allSatisfy { $0.state == .pending && $0.opensAt == nil && $0.closesAt == nil })
    #expect(Phase.initial.openPhase == nil)
}

@Test(arguments: [
    (nil, 1_000, nil),
    (1_000, 1_000, 0),
    (500, 1_000, 0),
    (1_001, 1_000, 1),
    (1_000 + 86_400, 1_000, 1),
    (1_000 + 86_401, 1_000, 2),
    (1_000 + 7 * 86_400, 1_000, 7),
] as [(Int64?, Int64, Int?)])
func daysLeft(closesAt: Int64?, now: Int64, expected: Int?) {
    #expect(Phase.daysLeft(closesAt: closesAt, now: now) == expected)
}

@Test func manualClockMovesOnlyWhenTold() {
    let clock = ManualClock(1_700_000_000)
    #expect(clock.now == 1_700_000_000)
    clock.advance(by: 60)
    #expect(clock.now == 1_700_000_060)
    clock.set(5)
    #expect(clock.now == 5)
}

@Test func systemClockReadsUnixSeconds() {
    let clock: any WallClock = SystemClock()
    // 2023-11-14: any machine running this is later; milliseconds would be a thousand times larger.
    #expect(clock.now > 1_700_000_000)
    #expect(clock.now < 100_000_000_000)
}
