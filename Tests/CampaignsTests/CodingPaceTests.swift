// Coding pace and finishing estimates, on timelines worked by hand.

import Testing
@testable import Campaigns

private let now: Int64 = 1_800_000_000
private let hour: Int64 = 3600
private let day: Int64 = 86_400

struct PaceCase: CustomTestStringConvertible, Sendable {
    let name: String
    let codedAt: [Int64]
    let remaining: Int
    let perHour: Double?
    let perDay: Double?
    let finishesIn: Int64?
    var testDescription: String { name }
}

private let paceCases: [PaceCase] = [
    PaceCase(name: "nothing coded, work left", codedAt: [], remaining: 10, perHour: nil, perDay: nil, finishesIn: nil),
    PaceCase(name: "nothing left", codedAt: [], remaining: 0, perHour: nil, perDay: nil, finishesIn: 0),
    PaceCase(name: "one save: no hourly pace", codedAt: [now - 60], remaining: 2, perHour: nil, perDay: 1,
             finishesIn: 2 * day),
    // 11 saves 6 minutes apart in the last hour: 10 items in 3600 s; 11 in one day.
    PaceCase(name: "one session", codedAt: (0...10).map { now - hour + $0 * 360 }, remaining: 22, perHour: 10,
             perDay: 11, finishesIn: 2 * day),
    // Two sessions two days apart: 4 items in 40 min, 2 in 10 min → 6 in 50 min; 8 saves over 3 days.
    PaceCase(name: "two sessions", codedAt: (0...4).map { now - 3 * day + $0 * 600 } + (0...2).map { now - day + $0 * 300 },
             remaining: 8, perHour: 7.2, perDay: 8.0 / 3, finishesIn: 3 * day),
    PaceCase(name: "older codes are not the current pace", codedAt: [now - 30 * day, now - 30 * day + 60],
             remaining: 5, perHour: nil, perDay: nil, finishesIn: nil),
]

@Test(arguments: paceCases)
func estimatesPace(_ example: PaceCase) {
    let estimate = CodingPace.estimate(codedAt: example.codedAt, remaining: example.remaining, now: now)
    #expect(estimate.coded == example.codedAt.count)
    #expect(estimate.remaining == example.remaining)
    #expect(close(estimate.itemsPerHour, example.perHour))
    #expect(close(estimate.itemsPerDay, example.perDay))
    #expect(estimate.finishesAt == example.finishesIn.map { now + $0 })
}

@Test func everyoneFinishesWithTheSlowestTeam() {
    let fast = CodingPace.estimate(codedAt: [now - 100], remaining: 1, now: now)
    let slow = CodingPace.estimate(codedAt: [now - 100], remaining: 5, now: now)
    let idle = CodingPace.estimate(codedAt: [], remaining: 5, now: now)
    let done = CodingPace.estimate(codedAt: [], remaining: 0, now: now)
    #expect(CodingPace.allFinish([fast, slow, done]) == now + 5 * day)
    #expect(CodingPace.allFinish([fast, idle]) == nil)
    #expect(CodingPace.allFinish([]) == nil)
}

private func close(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let a?, let b?): abs(a - b) < 1e-9
    default: false
    }
}
