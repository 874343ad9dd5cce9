// Registers every analysis and Act route (issue 6), and the lookups those handlers share.
import Campaigns
import HTTP
import Storage

/// The analysis routes: codebook, coding, agreement and reconciliation, scoring and shortlists,
/// guides for the act round, and their editors. The app's route builder calls `register` once.
enum AnalysisRoutes {
    static func register(_ router: inout Router<AppContext>) {
        CodebookRoutes.register(&router)
        CodingRoutes.register(&router)
        TeamRoutes.register(&router)
        CodingProgressRoutes.register(&router)
        CandidateRoutes.register(&router)
        MachineCoderRoutes.register(&router)
        AgreementRoutes.register(&router)
        Reconciling.register(&router)
        ShortlistRoutes.register(&router)
        GuideAdminRoutes.register(&router)
        GuideEditorRoutes.register(&router)
        PublishedGuideRoute.register(&router)
    }

    /// The campaign `{slug}` names, drafts and archived ones included (staff routes); else 404.
    /// The `{slug}` campaign (404 when there is none) and the caller, who must hold `permission` on it.
    static func campaign(
        _ request: Request, _ context: AppContext, requiring permission: AnalysisPermission
    ) throws -> (CampaignRecord, StaffCaller) {
        let slug = try request.slugParameter()
        let campaign = try context.database.read { try CampaignStore($0).campaign(slug: slug) }
        guard let campaign else { throw APIError.notFound }
        return (campaign, try AnalysisAccess.require(permission, request, context, campaignID: campaign.id))
    }

    static func contribution(_ id: Int64, _ context: AppContext) throws -> ContributionRecord {
        guard let record = try context.database.read({ try ContributionStore($0).contribution(id: id) }) else {
            throw APIError.notFound
        }
        return record
    }

    /// `{themes: [id], notRelevant: bool}` as a checked decision (422 naming `themes` otherwise).
    static func decision(_ body: JSONBody) throws -> CodeDecision {
        let themes = try body.intArray("themes") ?? []
        let notRelevant = try body.bool("notRelevant") ?? false
        switch CodeDecision.validated(themes: themes, notRelevant: notRelevant) {
        case .success(let decision): return decision
        case .failure(let problem): throw APIError.validation(field: body.fieldName("themes"), message: problem.message)
        }
    }

    /// `?round=understand|answer` (Understand when absent): which coding round a request is about.
    static func round(_ request: Request) throws -> CodingRound {
        guard let raw = request.query("round") else { return .understand }
        guard let round = CodingRound(rawValue: raw) else {
            throw APIError.validation(field: "round", message: "Must be understand or answer.")
        }
        return round
    }

    /// The coding round of a contribution (422 `not_codable` for Prioritise and Act contributions).
    static func round(of contribution: ContributionRecord) throws -> CodingRound {
        guard let round = CodingRound(phase: contribution.phase) else { throw CodingRefusal.notCodable }
        return round
    }

    /// The current version of each theme in `decision`; 422 if one is not an unarchived theme of the campaign.
    static func themeVersions(_ decision: CodeDecision, campaignID: Int64, _ connection: Connection) throws -> [Int64: Int] {
        try themeVersions(decision, of: try codebookVersions(campaignID: campaignID, connection))
    }

    /// Theme id → current version of every unarchived theme of the campaign.
    static func codebookVersions(campaignID: Int64, _ connection: Connection) throws -> [Int64: Int] {
        try ThemeStore(connection).themes(campaignID: campaignID).filter { !$0.archived }.versions
    }

    /// The versions of `decision`'s themes out of `versions`; 422 naming `field` when one is not in it.
    static func themeVersions(_ decision: CodeDecision, of versions: [Int64: Int], field: String = "themes") throws -> [Int64: Int] {
        guard decision.themes.allSatisfy({ versions[$0] != nil }) else {
            throw APIError.validation(field: field, message: "Choose themes from this campaign's codebook.")
        }
        return versions.filter { decision.themes.contains($0.key) }
    }
}
