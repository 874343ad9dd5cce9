// GET /admin/campaigns/{slug}/stats: totals, per phase, per question, per theme, per day, and the released k-anonymous
// profile breakdowns.
import Campaigns
import HTTP
import Storage

enum StatsRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}/stats", stats)
    }

    private struct Snapshot {
        var overall: ActivityCounts
        var perPhase: [(PhaseKind, ActivityCounts)]
        var perQuestion: [(Int64, ActivityCounts)]
        var questions: [QuestionRecord]
        var perDay: [(String, ActivityCounts)]
        var profileQuestions: [ProfileQuestionRecord]
        var release: ReleaseRecord?
        /// Ideas per status staff set (issue 23): about ideas, never people, so no k applies.
        var outcomes: [OutcomeStatus: Int]
        /// The codebook's themes in use, each with how many Understand contributions have it in their finding.
        var perTheme: [(CodebookTheme, Int)]
    }

    /// Per theme not archived, the Understand contributions whose finding (agreed by the teams or reconciled) holds
    /// it: the counts findings.csv gives, about contributions, never people.
    private static func perTheme(campaignID: Int64, _ connection: Connection) throws -> [(CodebookTheme, Int)] {
        let state = try CodingState.load(campaignID: campaignID, round: .understand, connection)
        var counts: [Int64: Int] = [:]
        for item in state.items {
            for theme in state.status(item).finding?.themes ?? [] { counts[theme, default: 0] += 1 }
        }
        return try ThemeStore(connection).themes(campaignID: campaignID).filter { !$0.archived }.map { ($0, counts[$0.id] ?? 0) }
    }

    static func stats(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, campaign) = try context.requireStaff(request, .viewStats, slug: try request.slugParameter())
        let k = context.configuration.kAnonymity
        try context.database.foldVotes()  // the totals count stored votes: every acknowledged one
        let s = try context.database.read { connection in
            let store = StatsStore(connection)
            return Snapshot(
                overall: try store.overall(campaignID: campaign.id), perPhase: try store.perPhase(campaignID: campaign.id),
                perQuestion: try store.perQuestion(campaignID: campaign.id),
                questions: try CampaignStore(connection).questions(campaignID: campaign.id),
                perDay: try store.perDay(campaignID: campaign.id),
                profileQuestions: try CampaignStore(connection).profileQuestions(campaignID: campaign.id),
                release: try StatisticsReleaseStore(connection).latest(campaignID: campaign.id),
                outcomes: try OutcomeStore(connection).currentCounts(campaignID: campaign.id),
                perTheme: try perTheme(campaignID: campaign.id, connection))
        }
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.activity(s.overall)
            o.field("kAnonymity", k)
            o.key("perPhase")
            o.array(s.perPhase) { w, item in
                w.object { p in
                    p.field("phase", item.0.rawValue)
                    p.activity(item.1)
                }
            }
            o.key("perQuestion")
            o.array(s.perQuestion) { w, item in
                w.object { q in
                    q.field("questionId", item.0)
                    q.field("text", s.questions.first { $0.id == item.0 }?.text)
                    q.activity(item.1)
                }
            }
            o.key("perTheme")
            o.array(s.perTheme) { w, item in
                w.object { t in
                    t.field("id", item.0.id)
                    t.field("name", item.0.name)
                    t.field("contributions", item.1)
                }
            }
            o.key("outcomes")
            o.object { out in for status in OutcomeStatus.allCases { out.field(status.rawValue, s.outcomes[status] ?? 0) } }
            o.key("perDay")
            o.array(s.perDay) { w, item in
                w.object { d in
                    d.field("day", item.0)
                    d.activity(item.1)
                }
            }
            // Profile figures come from the latest release only (StatisticsRelease), never from live data.
            o.key("release")
            if let release = s.release {
                o.object { r in
                    r.field("releasedAt", ISOTime.string(release.releasedAt))
                    r.field("participants", release.participants)
                }
            } else {
                o.null()
            }
            let breakdown = s.release.map { ProfileBreakdown($0, k: k) }
            o.key("byProfile")
            o.object { b in
                for (index, question) in s.profileQuestions.enumerated() {
                    let entries = breakdown?.breakdown(
                        question: index, of: s.profileQuestions.count, choices: question.choices) ?? []
                    b.key(question.key)
                    b.array(entries) { w, entry in
                        w.object { e in
                            switch entry {
                            case .shown(let choice, let count):
                                e.field("choice", choice)
                                e.field("count", count)
                            case .suppressed:
                                e.field("suppressed", true)
                            }
                        }
                    }
                }
            }
        }
        return .json(json.bytes)
    }
}

extension JSONWriter {
    mutating func activity(_ counts: ActivityCounts) {
        field("participants", counts.participants)
        field("contributions", counts.contributions)
        field("comments", counts.comments)
        field("votes", counts.votes)
    }
}
