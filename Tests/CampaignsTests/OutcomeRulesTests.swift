// Reporting back on ideas against oracle tables: who gets a status, when updates may be added, what shows.
import Testing
@testable import Campaigns

private func idea(
    phase: PhaseKind = .answer, state: ContributionState = .visible, current: OutcomeStatus? = nil
) -> OutcomeSubject {
    OutcomeSubject(phase: phase, state: state, current: current)
}

/// (status asked for, idea) → refusal.
@Test(arguments: [
    (OutcomeStatus.adopted, idea(), OutcomeRefusal?.none),
    (.underReview, idea(), nil),
    (.notTakenForward, idea(current: .shortlisted), nil),
    (.implemented, idea(current: .inProgress), nil),
    (.inProgress, idea(current: .implemented), nil),  // work can reopen: staff say why in the response
    (.adopted, idea(current: .adopted), .unchanged),
    (.notTakenForward, idea(current: .notTakenForward), .unchanged),
    (.adopted, idea(phase: .understand), .notReportable),
    (.adopted, idea(phase: .prioritise), .notReportable),
    (.adopted, idea(state: .hidden), .notReportable),
    (.adopted, idea(state: .pending), .notReportable),
    (.adopted, idea(state: .withdrawn, current: .shortlisted), .notReportable),
    (.adopted, idea(state: .merged), .notReportable),
])
func settingAStatus(status: OutcomeStatus, subject: OutcomeSubject, expected: OutcomeRefusal?) {
    #expect(OutcomeRules.setStatus(status, on: subject) == expected)
}

/// (idea) → refusal of an implementation update.
@Test(arguments: [
    (idea(current: .adopted), OutcomeRefusal?.none),
    (idea(current: .inProgress), nil),
    (idea(current: .implemented), nil),
    (idea(), .notAdopted),
    (idea(current: .underReview), .notAdopted),
    (idea(current: .shortlisted), .notAdopted),
    (idea(current: .inGuide), .notAdopted),
    (idea(current: .notTakenForward), .notAdopted),
    (idea(state: .hidden, current: .adopted), .notReportable),
    (idea(phase: .understand, current: .adopted), .notReportable),
])
func addingAnUpdate(subject: OutcomeSubject, expected: OutcomeRefusal?) {
    #expect(OutcomeRules.addUpdate(on: subject) == expected)
}

/// (status set, shortlist rounds) → the status shown.
@Test(arguments: [
    (OutcomeStatus?.none, [ShortlistRound](), OutcomeStatus?.none),
    (nil, [.prioritise], .shortlisted),
    (nil, [.prioritise, .act], .shortlisted),
    (nil, [.prioritise, .act, .published], .inGuide),
    (.notTakenForward, [.prioritise], .notTakenForward),
    (.implemented, [.prioritise, .act, .published], .implemented),
    (.underReview, [], .underReview),
])
func theStatusShown(set: OutcomeStatus?, rounds: [ShortlistRound], expected: OutcomeStatus?) {
    #expect(OutcomeRules.shown(set: set, rounds: Set(rounds)) == expected)
}

@Test func theFixedListKeepsItsNamesAndOnlyTheAdoptedTakeUpdates() {
    #expect(OutcomeStatus.allCases.map(\.rawValue) == [
        "under_review", "shortlisted", "in_guide", "adopted", "in_progress", "implemented", "not_taken_forward",
    ])
    #expect(OutcomeStatus.allCases.filter(\.isAdopted) == [.adopted, .inProgress, .implemented])
}
