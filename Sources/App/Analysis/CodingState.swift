// The state of every coded item of a campaign: the teams' codes, reconciliations and the findings.
import Campaigns
import Storage

/// Everything the agreement report, reconciliation and publishing read about a campaign's coding.
struct CodingState {
    var teamsPerItem: Int
    /// contribution → its codes.
    var codes: [Int64: [CodeRecord]]
    var reconciliations: [Int64: ReconciliationRecord]

    /// The state of one coding round (Understand unless said): the other round's codes are not in it.
    static func load(campaignID: Int64, round: CodingRound = .understand, _ connection: Connection) throws -> CodingState {
        let store = CodeStore(connection)
        return CodingState(
            teamsPerItem: try store.teamsPerItem(campaignID: campaignID),
            codes: Dictionary(grouping: try store.codes(campaignID: campaignID, phase: round.phase), by: \.contributionID),
            reconciliations: Dictionary(
                try store.reconciliations(campaignID: campaignID, phase: round.phase).map { ($0.contributionID, $0) },
                uniquingKeysWith: { a, _ in a }))
    }

    /// coder → decision for one item (a coder has one code per item).
    func decisions(_ contributionID: Int64) -> [String: CodeDecision] {
        Dictionary((codes[contributionID] ?? []).map { ($0.coder, $0.decision) }, uniquingKeysWith: { a, _ in a })
    }

    func status(_ contributionID: Int64) -> CodingStatus {
        CodebookSettlement.status(
            codes: decisions(contributionID), required: teamsPerItem,
            reconciled: reconciliations[contributionID]?.decision)
    }

    /// Every item with codes or a reconciliation, in id order.
    var items: [Int64] { Set(codes.keys).union(reconciliations.keys).sorted() }

    /// The findings: item → its agreed or reconciled decision.
    var findings: [Int64: CodeDecision] {
        var result: [Int64: CodeDecision] = [:]
        for item in items { if let finding = status(item).finding { result[item] = finding } }
        return result
    }

    /// The input `AgreementReport.build` expects: item → coder → theme set ("not relevant" = empty).
    var agreementInput: [Int64: [String: Set<Int64>]] {
        codes.mapValues { records in
            Dictionary(records.map { ($0.coder, $0.decision.agreementLabel) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
