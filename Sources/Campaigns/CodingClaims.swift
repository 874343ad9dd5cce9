// Claiming work: the items a queue hands an analyst are theirs for a while, so two analysts of one team never code the same item.

/// Who holds an item of a team's queue. An analyst's queue claims the items it returns for
/// `lease` seconds (asking again renews them); a teammate's claim keeps the item out of everyone
/// else's queue in that team and refuses their saves until it lapses or the item is coded.
public enum CodingClaims {
    /// How long a claim lasts, in seconds: long enough to code a page of items, short enough that
    /// an analyst who walks away gives the work back within the quarter hour.
    public static let lease: Int64 = 15 * 60

    /// The refusal for saving a code on an item: a live claim by another analyst of the same team,
    /// or a code the team already has from another analyst (unless the save says it revises it).
    public static func saveRefusal(
        claimedByTeammateUntil: Int64?, now: Int64, codedByTeammate: Bool, revising: Bool
    ) -> CodingRefusal? {
        if let until = claimedByTeammateUntil, until > now { return .claimedByTeammate }
        if codedByTeammate, !revising { return .codedByTeammate }
        return nil
    }
}
