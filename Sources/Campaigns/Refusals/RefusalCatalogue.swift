// Every refusal the domain can make, in one list: what `/openapi.json` publishes and the tests check.

/// The refusal areas of the domain. A new `Refusal` type is added here (a test scans the sources
/// for conformances, so one left out fails it).
public enum RefusalCatalogue {
    public static let areas: [any Refusal.Type] = [
        PhaseRefusal.self, TransitionRefusal.self, CampaignRefusal.self, ContributionRefusal.self,
        CommentRefusal.self, FlagRefusal.self, JoinRefusal.self, ShortlistRefusal.self, GuideRefusal.self,
        CodingRefusal.self, StaffRefusal.self, AssistRefusal.self, MailRefusal.self, OutcomeRefusal.self,
        DraftRefusal.self, DraftTextProblem.self,
    ]

    /// Every refusal of every area, in declaration order.
    public static var all: [any Refusal] { areas.flatMap { $0.everyCase } }
}

extension Refusal {
    /// `allCases` as existentials, so the catalogue can list areas of different types.
    static var everyCase: [any Refusal] { allCases.map { $0 } }
}
