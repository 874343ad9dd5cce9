// Shortlisting many ideas at once: selecting into a round, taking out of one, and saving a table of scores in one request.
import Campaigns
import HTTP
import Storage

extension ShortlistRoutes {
    /// Most ideas one request selects, removes or scores (the method shortlists 47 of 291).
    static let maxBulk = 300

    /// POST …/shortlist/{round} {ids, reason}: selects each idea into `{round}` with the one reason, in one transaction;
    /// an idea the rules refuse (not in the previous round, not an idea, …) is skipped with its code.
    /// → `{round, done, skipped: [{id, code, message}]}`.
    static func selectMany(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let round = try roundParameter(request)
        let body = try JSONBody(request.body)
        let ids = try body.bulkIDs(max: maxBulk, noun: "ideas")
        let reason = TextRules.normalise(try body.requiredString("reason"))
        guard ShortlistRules.isValidReason(reason) else {
            throw APIError.validation(field: "reason", message: "Say in under 1000 characters why these ideas are selected.")
        }
        let now = context.clock.now
        let (done, skipped) = try context.database.write { connection -> ([Int64], [Skipped]) in
            var done: [Int64] = []
            var skipped: [Skipped] = []
            for id in ids {
                do {
                    try add(id, to: round, reason: reason, campaign: campaign, staff: staff, connection, now: now, key: context.key)
                    done.append(id)
                } catch let refusal as any Refusal {
                    skipped.append(Skipped(id: id, code: refusal.code, message: refusal.message))
                } catch APIError.validation(_, let message) {
                    skipped.append(Skipped(id: id, code: "validation", message: message))
                }
            }
            return (done, skipped)
        }
        for id in done { publishShortlisted(id, context) }
        context.mail.wake()
        return bulkAnswer(round, done.count, skipped)
    }

    /// POST …/unshortlist/{round} {ids}: takes each idea out of `{round}` and the later rounds; one not in it is skipped (not_found).
    static func deselectMany(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let round = try roundParameter(request)
        let ids = try JSONBody(request.body).bulkIDs(max: maxBulk, noun: "ideas")
        let now = context.clock.now
        let (done, skipped) = try context.database.write { connection -> ([Int64], [Skipped]) in
            var done: [Int64] = []
            var skipped: [Skipped] = []
            for id in ids {
                if try remove(id, from: round, campaign: campaign, staff: staff, connection, now: now) {
                    done.append(id)
                } else {
                    skipped.append(Skipped(id: id, code: APIError.notFound.code, message: "This idea is not in that round."))
                }
            }
            return (done, skipped)
        }
        for id in done { publishShortlisted(id, context) }
        return bulkAnswer(round, done.count, skipped)
    }

    /// PUT {items: [{contributionId, scores: {criterion: 0…3}}]}: the caller's scores for many ideas in
    /// one transaction; a bad criterion or score anywhere is 422 and nothing is saved.
    static func scoreMany(_ request: Request, _ context: AppContext) throws -> Response {
        let (campaign, staff) = try AnalysisRoutes.campaign(request, context, requiring: .facilitate)
        let items = try JSONBody(request.body).objects("items") ?? []
        guard !items.isEmpty, items.count <= maxBulk else {
            throw APIError.validation(field: "items", message: "List between 1 and \(maxBulk) ideas' scores.")
        }
        let asked = try items.map { item -> (Int64, [String: Int], String) in
            (try item.requiredInt("contributionId"), try item.intMap("scores") ?? [:], item.fieldName("scores"))
        }
        try context.database.write { connection in
            let store = ScoreStore(connection)
            let keys = Set(try store.criteria(campaignID: campaign.id).map(\.key))
            let contributions = ContributionStore(connection)
            for (id, scores, field) in asked {
                guard let idea = try contributions.contribution(id: id), idea.campaignID == campaign.id else {
                    throw APIError.validation(field: field, message: "Choose an idea of this campaign.")
                }
                for (key, value) in scores {
                    guard keys.contains(key) else { throw APIError.validation(field: "\(field).\(key)", message: "Not a criterion of this campaign.") }
                    guard Criterion.scoreRange.contains(value) else {
                        throw APIError.validation(field: "\(field).\(key)", message: "Scores run from 0 to 3.")
                    }
                }
                if !scores.isEmpty { try store.setScores(contributionID: id, staffID: staff.id, scores) }
            }
        }
        var json = JSONWriter()
        json.object { $0.field("done", asked.filter { !$0.1.isEmpty }.count) }
        return .json(json.bytes)
    }

    private static func bulkAnswer(_ round: ShortlistRound, _ done: Int, _ skipped: [Skipped]) -> Response {
        .bulk(done: done, skipped: skipped) { $0.field("round", round.rawValue) }
    }
}
