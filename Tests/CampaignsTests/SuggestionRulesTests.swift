// The blindness rules as an oracle table: who may see the machine's suggestion for an item, and who may code it.

import Testing
@testable import Campaigns

struct SuggestionCase: CustomTestStringConvertible, Sendable {
    let name: String
    let viewer: SuggestionViewer
    let codedBy: Set<String>
    let expected: AssistRefusal?
    var testDescription: String { name }
}

private let cases: [SuggestionCase] = [
    SuggestionCase(name: "analyst, item uncoded", viewer: .init(facilitates: false, coder: "t1"), codedBy: [],
                   expected: .facilitatorsOnly),
    SuggestionCase(name: "analyst, other team coded", viewer: .init(facilitates: false, coder: "t1"), codedBy: ["t2"],
                   expected: .facilitatorsOnly),
    SuggestionCase(name: "analyst, own team coded", viewer: .init(facilitates: false, coder: "t1"), codedBy: ["t1"],
                   expected: .facilitatorsOnly),
    SuggestionCase(name: "analyst in no team", viewer: .init(facilitates: false, coder: nil), codedBy: ["t1", "t2"],
                   expected: .facilitatorsOnly),
    SuggestionCase(name: "facilitator who codes nothing", viewer: .init(facilitates: true, coder: nil), codedBy: [],
                   expected: nil),
    SuggestionCase(name: "facilitator who codes nothing, disputed item", viewer: .init(facilitates: true, coder: nil),
                   codedBy: ["t1", "t2"], expected: nil),
    SuggestionCase(name: "facilitator in a team, item uncoded", viewer: .init(facilitates: true, coder: "t1"), codedBy: [],
                   expected: .blindUntilCoded),
    SuggestionCase(name: "facilitator in a team, only the other team coded", viewer: .init(facilitates: true, coder: "t1"),
                   codedBy: ["t2"], expected: .blindUntilCoded),
    SuggestionCase(name: "facilitator in a team, own team coded", viewer: .init(facilitates: true, coder: "t1"),
                   codedBy: ["t1"], expected: nil),
    SuggestionCase(name: "facilitator coding alone, not yet", viewer: .init(facilitates: true, coder: "s7"), codedBy: ["t1"],
                   expected: .blindUntilCoded),
    SuggestionCase(name: "facilitator coding alone, coded", viewer: .init(facilitates: true, coder: "s7"), codedBy: ["s7"],
                   expected: nil),
]

@Test(arguments: cases)
func suggestionVisibility(_ example: SuggestionCase) {
    #expect(SuggestionRules.check(example.viewer, itemCodedBy: example.codedBy) == example.expected)
}

@Test func teamsDoNotCodeMachineCodedItems() {
    #expect(SuggestionRules.checkCoding(machineCoded: true) == .machineCoded)
    #expect(SuggestionRules.checkCoding(machineCoded: false) == nil)
}

@Test func everyRefusalHasAMessage() {
    for refusal in AssistRefusal.allCases {
        #expect(!refusal.message.isEmpty)
        #expect(refusal.rawValue.allSatisfy { $0.isLowercase || $0 == "_" })
    }
}
