// The CSV exports a campaign offers, each with its file name and header row.

/// One exported table. `rawValue` is the file name without `.csv`.
public enum ExportTable: String, CaseIterable, Sendable {
    case contributions, comments, votes, codes, agreement, participants, stats, audit

    /// Whether the table belongs in the open-data JSON document. Analysts' codes, their agreement
    /// and the audit log are staff working material, not open data.
    var isOpenData: Bool {
        switch self {
        case .contributions, .comments, .votes, .participants, .stats: true
        case .codes, .agreement, .audit: false
        }
    }

    /// The fixed columns; `participants` adds one column per profile question after these.
    var header: [String] {
        switch self {
        case .contributions:
            ["id", "phase", "question", "contributor", "official", "title", "body", "state", "merged_into", "themes",
             "up", "down", "wilson_score", "comments", "shortlist_rounds", "created_at"]
        case .comments:
            ["id", "contribution", "parent", "contributor", "official", "body", "state", "created_at"]
        case .votes:
            ["contribution", "contributor", "value", "voted_at"]
        case .codes:
            ["contribution", "coder", "themes", "not_relevant", "memo", "coded_at", "reconciled_themes"]
        case .agreement:
            ["theme", "items", "percent_agreement", "mean_kappa", "krippendorff_alpha"]
        case .participants:
            ["participant", "joined_on", "profile"]
        case .stats:
            ["scope", "key", "participants", "contributions", "comments", "votes"]
        case .audit:
            ["id", "at", "actor", "action", "target", "reason", "hash"]
        }
    }
}
