// The CSV exports a campaign offers, each with its file name and header row.

/// One exported table. `rawValue` is the file name without `.csv`. No table has a contributor
/// column, so no two rows of any tables can be joined on a person; `linked` is the one, deliberate
/// exception (PRIVACY.md).
public enum ExportTable: String, CaseIterable, Sendable {
    case contributions, comments, votes, codes, agreement, participants, stats, audit, linked
    /// The items the machine coder coded, marked as such and kept apart from the teams' codes.
    case machineCodes = "machine_codes"
    /// Each status an idea was given and its official response (issue 23).
    case outcomes
    /// Implementation updates on adopted ideas.
    case progressUpdates = "progress_updates"
    /// Every settled item of each coding round: its agreed or reconciled themes, as the console's findings count them.
    case findings
    /// The coding teams and their members: staff names, never a contributor (PRIVACY.md).
    case teams
    /// Stories' bylines and links (their text is in `contributions`, as official contributions).
    case stories
    /// Amendments to drafts: the section and version each answers and what facilitators decided
    /// (their text is in `contributions`, like an idea's; no author).
    case amendments
    /// Every version of every draft, section by section, with the change-log line that made it.
    case draftVersions = "draft_versions"

    /// Whether the table belongs in the open-data JSON document. Analysts' codes, their agreement,
    /// the machine coder's codes and the audit log are staff working material, not open data; the
    /// linked export is neither.
    var isOpenData: Bool {
        switch self {
        case .contributions, .comments, .votes, .participants, .stats, .outcomes, .progressUpdates, .stories, .amendments,
             .draftVersions:
            true
        case .codes, .agreement, .audit, .linked, .machineCodes, .findings, .teams: false
        }
    }

    /// The linked export: contributions with their authors' k-anonymous profile groups, for admins
    /// who ask for it on purpose; never part of an export of every table.
    var isLinked: Bool {
        switch self {
        case .linked: true
        case .contributions, .comments, .votes, .codes, .agreement, .participants, .stats, .audit, .machineCodes,
             .outcomes, .progressUpdates, .findings, .teams, .stories, .amendments, .draftVersions:
            false
        }
    }

    /// Every table an export of "all tables" writes (the command line's directory export).
    static var everyUnlinked: [ExportTable] { allCases.filter { !$0.isLinked } }

    /// What a role needs besides `export` to read this table (`ExportAccess`).
    var alsoRequires: AdminPermission? {
        switch self {
        case .audit: .viewAudit
        case .contributions, .comments, .votes, .codes, .agreement, .participants, .stats, .linked, .machineCodes,
             .outcomes, .progressUpdates, .findings, .teams, .stories, .amendments, .draftVersions:
            nil
        }
    }

    /// The fixed columns; `participants` and `linked` add one column per profile question after these.
    var header: [String] {
        switch self {
        case .contributions:
            ["id", "phase", "question", "official", "title", "body", "state", "merged_into", "themes",
             "up", "down", "wilson_score", "comments", "shortlist_rounds", "created_at", "held"]
        case .comments:
            ["id", "contribution", "parent", "official", "body", "state", "created_at"]
        case .votes:
            ["contribution", "value", "voted_on"]
        case .codes:
            ["contribution", "round", "team", "coder", "themes", "not_relevant", "memo", "coded_at", "reconciled_themes",
             "reconciled_not_relevant"]
        case .agreement:
            ["round", "theme", "items", "percent_agreement", "mean_kappa", "krippendorff_alpha"]
        case .findings:
            ["contribution", "round", "status", "themes", "not_relevant"]
        case .teams:
            ["team", "member", "role"]
        case .participants:
            ["profile"]
        case .stats:
            ["scope", "key", "participants", "contributions", "comments", "votes"]
        case .audit:
            ["id", "at", "actor", "action", "target", "reason", "hash"]
        case .linked:
            ["contribution", "phase", "question", "state", "author", "profile"]
        case .machineCodes:
            ["contribution", "coder", "themes", "not_relevant", "confidence", "run", "run_at", "run_kappa", "run_held_out"]
        case .outcomes:
            ["id", "contribution", "status", "response", "changed_on"]
        case .progressUpdates:
            ["id", "contribution", "role", "site", "noted_on", "percent", "note"]
        case .stories:
            ["contribution", "byline", "link", "link_label"]
        case .amendments:
            ["contribution", "draft", "section", "base_version", "state", "reason", "decided_version"]
        case .draftVersions:
            ["draft", "version", "section", "number", "heading", "body", "amendment", "change", "made_on"]
        }
    }
}
