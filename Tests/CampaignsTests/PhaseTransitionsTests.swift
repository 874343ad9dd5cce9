// Facilitator and scheduled phase transitions: order, one open phase, re-opening with a reason.

import Testing
@testable import Campaigns

private func states(_ phases: [Phase]) -> [PhaseState] { phases.map(\.state) }

private func phases(_ states: PhaseState...) -> [Phase] {
    zip(PhaseKind.allCases, states).map { Phase(kind: $0, state: $1) }
}

private func refusal(_ result: Result<[Phase], TransitionRefusal>) -> TransitionRefusal? {
    if case .failure(let refusal) = result { return refusal }
    return nil
}

@Test func phasesOpenAndCloseInOrder() throws {
    var current = Phase.initial
    for kind in PhaseKind.allCases {
        current = try PhaseTransitions.open(kind, in: current, reason: nil).get()
        #expect(current.openPhase?.kind == kind)
        current = try PhaseTransitions.close(kind, in: current).get()
        #expect(current.openPhase == nil)
    }
    #expect(states(current) == [.closed, .closed, .closed, .closed])
}

@Test func refusals() {
    #expect(refusal(PhaseTransitions.open(.answer, in: Phase.initial, reason: nil)) == .outOfOrder)
    #expect(refusal(PhaseTransitions.open(.answer, in: phases(.open, .pending, .pending, .pending), reason: nil)) == .anotherPhaseOpen)
    #expect(refusal(PhaseTransitions.open(.understand, in: phases(.open, .pending, .pending, .pending), reason: nil)) == .alreadyOpen)
    #expect(refusal(PhaseTransitions.open(.act, in: phases(.closed, .pending, .pending, .pending), reason: nil)) == .outOfOrder)
    #expect(refusal(PhaseTransitions.close(.understand, in: Phase.initial)) == .notOpen)
    #expect(refusal(PhaseTransitions.close(.understand, in: phases(.closed, .open, .pending, .pending))) == .notOpen)
}

@Test func reopeningTheLatestClosedPhaseNeedsAReason() throws {
    let closed = phases(.closed, .closed, .pending, .pending)
    #expect(refusal(PhaseTransitions.open(.answer, in: closed, reason: nil)) == .reasonRequired)
    #expect(refusal(PhaseTransitions.open(.answer, in: closed, reason: " \n\t ")) == .reasonRequired)
    let reopened = try PhaseTransitions.open(.answer, in: closed, reason: "More time for ideas").get()
    #expect(states(reopened) == [.closed, .open, .pending, .pending])
}

@Test func onlyTheLatestClosedPhaseReopens() {
    let closed = phases(.closed, .closed, .pending, .pending)
    #expect(refusal(PhaseTransitions.open(.understand, in: closed, reason: "why not")) == .outOfOrder)
    let laterOpen = phases(.closed, .open, .pending, .pending)
    #expect(refusal(PhaseTransitions.open(.understand, in: laterOpen, reason: "why not")) == .anotherPhaseOpen)
}

@Test func reopeningClearsThePastClosingTime() throws {
    var closed = phases(.closed, .pending, .pending, .pending)
    closed[0].closesAt = 1_000
    closed[0].opensAt = 500
    let reopened = try PhaseTransitions.open(.understand, in: closed, reason: "one more week").get()
    #expect(reopened[0].closesAt == nil)
    #expect(reopened[0].opensAt == 500)
    #expect(PhaseTransitions.applySchedule(reopened, now: 2_000).changes.isEmpty)
}

@Test func transitionsNormaliseMissingAndUnorderedPhases() throws {
    let partial = [Phase(kind: .answer), Phase(kind: .understand, state: .closed)]
    let result = try PhaseTransitions.open(.answer, in: partial, reason: nil).get()
    #expect(result.map(\.kind) == PhaseKind.allCases)
    #expect(states(result) == [.closed, .open, .pending, .pending])
}

/// Every state reachable by any sequence of opens (with a reason) and closes keeps the invariant:
/// closed phases, then at most one open, then pending ones.
@Test func everyReachableStateKeepsTheInvariant() {
    var seen: Set<[PhaseState]> = []
    var queue = [Phase.initial]
    while let current = queue.popLast() {
        let key = states(current)
        guard seen.insert(key).inserted else { continue }
        let opens = key.filter { $0 == .open }.count
        #expect(opens <= 1, "\(key)")
        let firstNotClosed = key.firstIndex { $0 != .closed } ?? key.count
        #expect(key[firstNotClosed...].dropFirst().allSatisfy { $0 == .pending }, "\(key)")
        for kind in PhaseKind.allCases {
            if case .success(let next) = PhaseTransitions.open(kind, in: current, reason: "r") { queue.append(next) }
            if case .success(let next) = PhaseTransitions.close(kind, in: current) { queue.append(next) }
        }
    }
    // pending×4; one open + its prefix closed (4); the prefixes of closed phases (4).
    #expect(seen.count == 9)
}

@Test func scheduleOpensAndClosesWhenDue() {
    let clock = ManualClock(1_000)
    var scheduled = Phase.initial
    scheduled[0].opensAt = 1_100
    scheduled[0].closesAt = 1_200
    #expect(PhaseTransitions.applySchedule(scheduled, now: clock.now).changes.isEmpty)

    clock.advance(by: 100)
    let opened = PhaseTransitions.applySchedule(scheduled, now: clock.now)
    #expect(states(opened.phases) == [.open, .pending, .pending, .pending])
    #expect(opened.changes.map { "\($0.0):\($0.1)" } == ["understand:open"])

    clock.set(1_200)
    let closed = PhaseTransitions.applySchedule(opened.phases, now: clock.now)
    #expect(states(closed.phases) == [.closed, .pending, .pending, .pending])
    #expect(closed.changes.map { "\($0.0):\($0.1)" } == ["understand:closed"])
}

@Test func scheduleCatchesUpInOrderAfterDowntime() {
    var scheduled = phases(.open, .pending, .pending, .pending)
    scheduled[0].closesAt = 100
    scheduled[1].opensAt = 100
    scheduled[1].closesAt = 200
    scheduled[2].opensAt = 200
    let result = PhaseTransitions.applySchedule(scheduled, now: 250)
    #expect(states(result.phases) == [.closed, .closed, .open, .pending])
    #expect(result.changes.map { "\($0.0):\($0.1)" } == ["understand:closed", "answer:open", "answer:closed", "prioritise:open"])
}

@Test func scheduleNeverBreaksTheOrder() {
    var scheduled = Phase.initial
    scheduled[1].opensAt = 10  // answer due, but understand never ran
    #expect(PhaseTransitions.applySchedule(scheduled, now: 50).changes.isEmpty)

    var blocked = phases(.open, .pending, .pending, .pending)
    blocked[1].opensAt = 10  // answer due, but understand is still open with no closing time
    #expect(PhaseTransitions.applySchedule(blocked, now: 50).changes.isEmpty)

    var finished = phases(.closed, .pending, .pending, .pending)
    finished[0].opensAt = 10  // a closed phase is not re-opened by its old schedule
    #expect(PhaseTransitions.applySchedule(finished, now: 50).changes.isEmpty)
}

@Test func transitionRefusalsHaveStableCodes() {
    #expect(TransitionRefusal.allCases.map(\.rawValue) == [
        "another_phase_open", "out_of_order", "already_open", "not_open", "reason_required", "phase_already_run",
        "closes_before_opening",
    ])
}

/// A facilitator's change, with the campaign's state: (change, phase, phases, campaign) → refusal code.
@Test(arguments: [
    (PhaseChange.close(reason: nil), PhaseKind.understand, "open", CampaignState.live, nil as String?),
    (.close(reason: "done"), .understand, "open", .draft, nil),
    (.close(reason: nil), .understand, "open", .archived, "campaign_archived"),
    (.open(reason: "again"), .understand, "closed", .archived, "campaign_archived"),
    (.schedule(opensAt: nil, closesAt: 100), .understand, "open", .archived, "campaign_archived"),
    (.open(reason: nil), .answer, "open", .live, "another_phase_open"),
    (.schedule(opensAt: 100, closesAt: 200), .answer, "open", .live, nil),
    (.schedule(opensAt: 100, closesAt: 200), .understand, "open", .live, "phase_already_run"),
    (.schedule(opensAt: 100, closesAt: nil), .understand, "closed", .live, "phase_already_run"),
    (.schedule(opensAt: nil, closesAt: 200), .understand, "open", .live, nil),
    (.schedule(opensAt: 200, closesAt: 200), .answer, "open", .live, "closes_before_opening"),
    (.schedule(opensAt: 300, closesAt: 200), .understand, "open", .live, "closes_before_opening"),
])
func facilitatorChanges(change: PhaseChange, kind: PhaseKind, understand: String, campaign: CampaignState, expected: String?) {
    let before = phases(understand == "open" ? .open : .closed, .pending, .pending, .pending)
    do {
        let after = try PhaseTransitions.apply(change, to: kind, in: before, campaign: campaign)
        #expect(expected == nil, "allowed, expected \(expected ?? "")")
        if case .schedule(let opensAt, let closesAt) = change {
            #expect(after[kind.position].opensAt == opensAt && after[kind.position].closesAt == closesAt)
            #expect(states(after) == states(before))
        }
    } catch let refusal as any Refusal {
        #expect(refusal.code == expected)
    } catch {
        Issue.record("unexpected \(error)")
    }
}
