// Every action × phase configuration × target × shortlist × campaign state, against an independent oracle.

import Testing
@testable import Campaigns

/// A set of four phase states, named for the test output.
struct PhaseConfiguration: CustomTestStringConvertible, Sendable {
    let name: String
    let phases: [Phase]
    var testDescription: String { name }

    /// Every open phase (earlier phases closed, later pending), plus configurations with none open.
    static let all: [PhaseConfiguration] = {
        var configurations = PhaseKind.allCases.map { open in
            PhaseConfiguration(name: "\(open) open", phases: PhaseKind.allCases.map { kind in
                Phase(kind: kind, state: kind == open ? .open : kind.position < open.position ? .closed : .pending)
            })
        }
        for closedCount in [0, 1, 2, 4] {
            configurations.append(PhaseConfiguration(name: "none open, \(closedCount) closed", phases: PhaseKind.allCases.map {
                Phase(kind: $0, state: $0.position < closedCount ? .closed : .pending)
            }))
        }
        return configurations
    }()
}

/// The brief's rules restated as a table of what is allowed, written without looking at phase states:
/// "open/action/target" for every allowed combination of a live campaign ("-" = no target).
private let allowedWhenLive: Set<String> = [
    "understand/contribute/understand", "understand/contribute/-",
    "understand/vote/understand", "understand/vote/-",
    "understand/comment/understand", "understand/comment/-",
    "understand/edit/understand", "understand/edit/-",
    "answer/contribute/answer", "answer/contribute/-",
    "answer/vote/answer", "answer/vote/-",
    "answer/comment/answer", "answer/comment/-",
    "answer/edit/answer", "answer/edit/-",
    "prioritise/edit/prioritise", "prioritise/edit/-",
    // prioritise vote/comment: any target, when shortlisted (below).
]

/// The oracle: the reason a live-campaign table miss is refused, from the order of phases alone.
private func expectedRefusal(
    campaign: CampaignState, open: PhaseKind?, action: ContributorAction, target: PhaseKind?, shortlisted: Bool
) -> PhaseRefusal? {
    if campaign != .live { return .campaignNotLive }
    if action == .flag || action == .withdraw { return nil }
    guard let open else { return .phaseClosed }
    if open == .act { return .readOnly }
    if open == .prioritise {
        if action == .contribute { return .noNewIdeas }
        if action == .vote || action == .comment { return shortlisted ? nil : .notShortlisted }
    }
    let key = "\(open)/\(action)/\(target.map(\.rawValue) ?? "-")"
    if allowedWhenLive.contains(key) { return nil }
    guard let target else { return .phaseClosed }
    return target.position < open.position ? .readOnly : .phaseClosed
}

@Test(arguments: ContributorAction.allCases, PhaseConfiguration.all)
func phaseRulesMatchTheOracle(action: ContributorAction, configuration: PhaseConfiguration) {
    let open = configuration.phases.first { $0.state == .open }?.kind
    let targets: [PhaseKind?] = [nil] + PhaseKind.allCases
    for campaign in [CampaignState.draft, .live, .archived] {
        for target in targets {
            for shortlisted in [false, true] {
                let context = ActionContext(
                    campaignState: campaign, phases: configuration.phases, action: action,
                    targetPhase: target, targetShortlisted: shortlisted
                )
                let expected = expectedRefusal(
                    campaign: campaign, open: open, action: action, target: target, shortlisted: shortlisted
                )
                #expect(
                    PhaseRules.check(context) == expected,
                    "\(campaign) campaign, target \(target.map(\.rawValue) ?? "none"), shortlisted \(shortlisted)"
                )
            }
        }
    }
}

private func check(_ open: PhaseKind?, _ action: ContributorAction, target: PhaseKind?, shortlisted: Bool = false,
                   campaign: CampaignState = .live) -> PhaseRefusal? {
    let phases = PhaseKind.allCases.map { kind in
        Phase(kind: kind, state: kind == open ? .open : kind.position < (open?.position ?? 4) ? .closed : .pending)
    }
    return PhaseRules.check(ActionContext(
        campaignState: campaign, phases: phases, action: action, targetPhase: target, targetShortlisted: shortlisted
    ))
}

@Test func namedScenariosFromTheIssue() {
    #expect(check(.understand, .contribute, target: .understand) == nil)
    #expect(check(.understand, .contribute, target: .answer) == .phaseClosed)
    #expect(check(.answer, .contribute, target: .answer) == nil)
    #expect(check(.answer, .vote, target: .understand) == .readOnly)
    #expect(check(.answer, .comment, target: .understand) == .readOnly)
    #expect(check(.prioritise, .contribute, target: .answer, shortlisted: true) == .noNewIdeas)
    #expect(check(.prioritise, .vote, target: .answer, shortlisted: true) == nil)
    #expect(check(.prioritise, .vote, target: .answer) == .notShortlisted)
    #expect(check(.prioritise, .edit, target: .answer, shortlisted: true) == .readOnly)
    #expect(check(.act, .vote, target: .answer, shortlisted: true) == .readOnly)
    #expect(check(.act, .withdraw, target: .understand) == nil)
    #expect(check(nil, .flag, target: .answer) == nil)
    #expect(check(nil, .vote, target: .answer) == .phaseClosed)
    #expect(check(.understand, .flag, target: .understand, campaign: .archived) == .campaignNotLive)
    #expect(check(.understand, .withdraw, target: .understand, campaign: .draft) == .campaignNotLive)
}

@Test func refusalsHaveStableCodesAndMessages() {
    #expect(PhaseRefusal.allCases.map(\.rawValue) == [
        "campaign_not_live", "phase_closed", "not_shortlisted", "read_only", "no_new_ideas",
    ])
    for refusal in PhaseRefusal.allCases {
        #expect(refusal.message.hasSuffix("."))
    }
}
