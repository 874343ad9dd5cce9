// GET /api/campaigns/{slug}/progress: what became of the campaign's ideas, for anyone to read.
import Campaigns
import HTTP
import Storage

enum ProgressRoute {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/api/campaigns/{slug}/progress", on: .pool, progress)
    }

    /// Public, no join needed, for live and archived campaigns. Lists every visible idea with a
    /// status — one staff set, or the shortlist's — by status in the fixed order, then oldest first.
    /// Only staff-written text and the ideas' own public text appear; nothing about who wrote,
    /// voted or commented.
    static func progress(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let (snapshot, ideas, history, updates) = try context.database.read { connection in
            let snapshot = try CampaignSnapshot.load(slug: slug, in: connection)
            let store = OutcomeStore(connection)
            let id = snapshot.campaign.id
            return (snapshot, try store.progressIdeas(campaignID: id), try store.history(campaignID: id),
                    try store.updates(campaignID: id))
        }
        let historyByIdea = Dictionary(grouping: history, by: \.contributionID)
        let updatesByIdea = Dictionary(grouping: updates, by: \.contributionID)
        let rows = ideas.compactMap { idea -> (ProgressIdea, OutcomeStatus)? in
            OutcomeRules.shown(set: historyByIdea[idea.id]?.last?.status, rounds: idea.rounds).map { (idea, $0) }
        }
        let order = Dictionary(uniqueKeysWithValues: OutcomeStatus.allCases.enumerated().map { ($1, $0) })
        let sorted = rows.sorted { a, b in
            a.1 != b.1 ? (order[a.1] ?? 0) < (order[b.1] ?? 0) : a.0.id < b.0.id
        }
        var json = JSONWriter(capacity: 8192)
        json.object { o in
            o.field("campaign", snapshot.campaign.slug)
            o.field("title", snapshot.campaign.title)
            o.field("state", snapshot.campaign.state.rawValue)
            o.key("statuses")
            o.array(OutcomeStatus.allCases) { w, status in
                w.object { s in
                    s.field("status", status.rawValue)
                    s.field("label", status.label)
                    s.field("count", rows.count { $0.1 == status })
                }
            }
            o.key("items")
            o.array(sorted) { w, row in
                let (idea, shown) = row
                w.object { i in
                    i.field("id", idea.id)
                    i.field("title", idea.title)
                    i.field("body", idea.body)
                    i.key("guideId")
                    i.int(idea.guideID)
                    i.key("outcome")
                    i.outcome(shown: shown, history: historyByIdea[idea.id] ?? [], updates: updatesByIdea[idea.id] ?? [])
                }
            }
        }
        return .json(json.bytes)
    }
}
