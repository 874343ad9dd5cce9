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

    /// Orders a team's coding queue: items other teams have coded first (those with the most codes,
    /// the nearest to being settled, first), then items nobody has coded, oldest first within each
    /// group. Items the team has already coded, or that need no more codes, are left out.
    ///
    /// So a team that starts later follows the one ahead, item for item, instead of coding other
    /// items: every item it codes completes a pair, the agreement can be measured and disputes
    /// reconciled from the first page on, and a sample both teams coded is a settled sample (the
    /// machine coder learns only from settled codes). Only that another team has coded an item
    /// shows, by its place in the queue; never what it chose.
    public static func queue(
        items: [(id: Int64, codedBy: Set<String>)], team: String, required: Int
    ) -> [Int64] {
        queue(items.map { QueueEntry(id: $0.id, codes: $0.codedBy.count, codedByTeam: $0.codedBy.contains(team)) },
              required: required)
    }

    /// One analyst's queue: the items they hold a claim on first (a page they were handed and have
    /// not finished), then the team's queue as above; items a teammate holds a live claim on are left out.
    public static func queue(_ entries: [QueueEntry], required: Int) -> [Int64] {
        let required = max(1, required)
        return entries
            .filter { !$0.codedByTeam && $0.codes < required && $0.claim != .teammate }
            .sorted { a, b in
                let mineA = a.claim == .mine, mineB = b.claim == .mine
                if mineA != mineB { return mineA }
                return a.codes != b.codes ? a.codes > b.codes : a.id < b.id
            }
            .map(\.id)
    }
}

/// What a team's queue knows of one item: how many codes it has, whether the team's is one of
/// them, and who of the team holds a live claim on it.
public struct QueueEntry: Sendable, Equatable {
    public enum Claim: Sendable, Equatable {
        case none, mine, teammate
    }

    public var id: Int64
    public var codes: Int
    public var codedByTeam: Bool
    public var claim: Claim

    public init(id: Int64, codes: Int, codedByTeam: Bool, claim: Claim = .none) {
        self.id = id
        self.codes = codes
        self.codedByTeam = codedByTeam
        self.claim = claim
    }
}
