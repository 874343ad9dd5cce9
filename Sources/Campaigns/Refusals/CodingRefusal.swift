// Why an analyst's code, or a facilitator's reconciliation, may not be saved.

/// The reason blind coding refuses a code or a settlement.
public enum CodingRefusal: String, Refusal {
    /// The contribution's codes were reconciled and are closed.
    case reconciled = "reconciled"
    /// Another analyst of the caller's team holds a live claim on the item.
    case claimedByTeammate = "claimed_by_teammate"
    /// The caller's team already coded the item through another analyst; saving again must say `revise`.
    case codedByTeammate = "coded_by_teammate"
    /// Only Understand contributions and Answer ideas are coded.
    case notCodable = "not_codable"
    /// A bulk settlement took a team's codes for an item that team has not coded.
    case noCodeFromTeam = "no_code_from_team"
    /// Some rows of an uploaded codebook are not valid themes (the answer lists them by line); nothing was imported.
    case badCodebook = "bad_codebook"

    public var message: String {
        switch self {
        case .reconciled: "This contribution has been reconciled; its codes are closed."
        case .claimedByTeammate: "Another analyst of your team is coding this item."
        case .codedByTeammate: "Your team has already coded this item; say you are revising the team's code to change it."
        case .notCodable: "Only Understand contributions and Answer ideas are coded."
        case .noCodeFromTeam: "That team has not coded this item."
        case .badCodebook: "Nothing was imported: some themes are not valid. Fix the lines listed and import the codebook again."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .reconciled, .claimedByTeammate, .codedByTeammate, .noCodeFromTeam: .conflict
        case .notCodable, .badCodebook: .unprocessable
        }
    }
}
