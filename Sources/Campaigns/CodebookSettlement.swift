// Where one contribution stands in the coding: waiting for teams, agreed, disputed or reconciled.

/// The state of one item's coding, decided from the teams' codes alone (pure).
///
/// Grounded-theory practice as the method uses it: each item is coded independently ("blind")
/// by `required` teams; when their decisions match exactly the item is settled by consensus,
/// otherwise a facilitator reconciles it. The reconciled or agreed decision is the finding.
public enum CodingStatus: Sendable, Equatable {
    /// Fewer than `required` teams have coded it; `coded` is how many have.
    case awaiting(coded: Int)
    /// Every required team chose the same decision.
    case agreed(CodeDecision)
    /// The teams' decisions differ: a facilitator must reconcile.
    case disputed
    /// A facilitator settled it; this is the finding.
    case reconciled(CodeDecision)

    /// The finding, once there is one.
    public var finding: CodeDecision? {
        switch self {
        case .agreed(let decision), .reconciled(let decision): decision
        case .awaiting, .disputed: nil
        }
    }

    /// Whether others' codes may now be shown to an analyst (blind coding ends here).
    public var isSettled: Bool {
        switch self {
        case .reconciled: true
        case .agreed, .awaiting, .disputed: false
        }
    }

    public var name: String {
        switch self {
        case .awaiting: "awaiting"
        case .agreed: "agreed"
        case .disputed: "disputed"
        case .reconciled: "reconciled"
        }
    }
}

public enum CodebookSettlement {
    /// The status of one item. `codes` maps team → decision; `reconciled` is the facilitator's
    /// decision if one was recorded (it wins over everything). `required` is clamped to ≥ 1.
    /// Extra teams beyond `required` still count: any difference among them is a dispute.
    public static func status(
        codes: [String: CodeDecision], required: Int, reconciled: CodeDecision?
    ) -> CodingStatus {
        if let reconciled { return .reconciled(reconciled) }
        let required = max(1, required)
        guard codes.count >= required else {
            if codes.count >= 2, Set(codes.values).count > 1 { return .disputed }
            return .awaiting(coded: codes.count)
        }
        let distinct = Set(codes.values)
        guard distinct.count == 1, let decision = distinct.first else { return .disputed }
        return .agreed(decision)
    }

    /// Orders a team's coding queue: items nobody has coded first, then items other teams have
    /// coded (fewest codes first), oldest first within each group. Items the team has already
    /// coded, or that need no more codes, are left out.
    public static func queue(
        items: [(id: Int64, codedBy: Set<String>)], team: String, required: Int
    ) -> [Int64] {
        let required = max(1, required)
        return items
            .filter { !$0.codedBy.contains(team) && $0.codedBy.count < required }
            .sorted { a, b in a.codedBy.count != b.codedBy.count ? a.codedBy.count < b.codedBy.count : a.id < b.id }
            .map(\.id)
    }
}
