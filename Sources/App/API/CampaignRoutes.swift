// GET /api/campaigns and GET /api/campaigns/{slug}: what a visitor sees before and after joining.
import Campaigns
import HTTP
import Storage

enum CampaignRoutes {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/api/campaigns", on: .pool, list)
        router.add(.get, "/api/campaigns/{slug}", on: .pool, detail)
    }

    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let now = context.clock.now
        let summaries = try context.database.read { connection in
            let store = CampaignStore(connection)
            return try store.liveCampaigns().map { campaign in
                CampaignSummary(
                    campaign: campaign, phases: try store.phases(campaignID: campaign.id),
                    questions: try store.questions(campaignID: campaign.id))
            }
        }
        var json = JSONWriter()
        json.object { o in
            o.key("campaigns")
            o.array(summaries) { w, summary in w.object { s in summary.write(into: &s, now: now) } }
        }
        return .json(json.bytes)
    }

    static func detail(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let token = request.contributorToken(slug: slug)
        let now = context.clock.now
        let (summary, detail) = try context.database.read { connection in
            let snapshot = try CampaignSnapshot.load(slug: slug, in: connection)
            let store = CampaignStore(connection)
            let id = snapshot.campaign.id
            let summary = CampaignSummary(
                campaign: snapshot.campaign, phases: snapshot.phases, questions: try store.questions(campaignID: id))
            let viewer = try context.contributor(token: token, campaignID: id, in: connection)
            let detail = CampaignDetail(
                joined: viewer != nil, shared: viewer.map { !$0.device.persistent } ?? false,
                profileQuestions: try store.profileQuestions(campaignID: id),
                themes: try store.publishedThemes(campaignID: id),
                counts: try store.counts(campaignID: id),
                permissions: CampaignDetail.permissions(snapshot))
            return (summary, detail)
        }
        var json = JSONWriter(capacity: 2048)
        json.object { o in
            summary.write(into: &o, now: now)
            detail.write(into: &o, summary: summary)
        }
        return .json(json.bytes)
    }
}

/// The fields of `CampaignSummary` in the API contract.
struct CampaignSummary {
    var campaign: CampaignRecord
    var phases: [Phase]
    var questions: [QuestionRecord]

    func write(into o: inout JSONWriter, now: Int64) {
        let open = phases.openPhase
        o.field("slug", campaign.slug)
        o.field("title", campaign.title)
        o.field("summary", campaign.summary)
        o.field("state", campaign.state.rawValue)
        o.field("access", campaign.access.rawValue)
        o.field("openPhase", open?.kind.rawValue)
        o.field("question", open.flatMap { phase in questions.first { $0.phase == phase.kind }?.text })
        o.key("closesAt")
        if let closes = open?.closesAt { o.string(ISOTime.string(closes)) } else { o.null() }
        o.key("daysLeft")
        if let days = Phase.daysLeft(closesAt: open?.closesAt, now: now) { o.int(days) } else { o.null() }
    }
}

/// The fields a full `Campaign` adds to its summary.
struct CampaignDetail {
    var joined: Bool
    /// Joined on a shared computer: the page keeps nothing in the browser's storage.
    var shared: Bool
    var profileQuestions: [ProfileQuestionRecord]
    var themes: [ThemeRecord]
    var counts: CampaignCounts
    /// action → nil when allowed, else the refusal code.
    var permissions: [(String, PhaseRefusal?)]

    static func permissions(_ snapshot: CampaignSnapshot) -> [(String, PhaseRefusal?)] {
        let open = snapshot.phases.openPhase?.kind
        return [ContributorAction.contribute, .vote, .comment].map { action in
            // Votes and comments in Prioritise depend on the idea; the campaign-level answer assumes a shortlisted one.
            let context = ActionContext(
                campaignState: snapshot.campaign.state, phases: snapshot.phases, action: action, targetPhase: open,
                targetShortlisted: true)
            return (action.rawValue, PhaseRules.check(context))
        }
    }

    func write(into o: inout JSONWriter, summary: CampaignSummary) {
        o.field("description", summary.campaign.description)
        o.field("joined", joined)
        o.field("shared", shared)
        o.phasesField(summary.phases)
        o.questionsField(summary.questions)
        o.profileQuestionsField(profileQuestions)
        o.themesField(themes)
        o.countsField(counts)
        switch summary.campaign.access {
        case .open: o.field("joinProofBits", summary.campaign.joinProofBits)
        case .invite: o.field("joinProofBits", 0)
        }
        o.key("permissions")
        o.object { p in
            for (action, refusal) in permissions {
                p.key(action)
                if let refusal { p.string(refusal.rawValue) } else { p.bool(true) }
            }
        }
    }
}
