// Votes, comments and flags on a contribution: the crowd's reactions, each checked against the phase rules.
import Campaigns
import HTTP
import Storage

enum InteractionRoutes {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.put, "/api/contributions/{id}/vote", maxBodySize: 1024, deferred: vote)
        router.add(.post, "/api/contributions/{id}/comments", on: .pool, maxBodySize: 32 * 1024, comment)
        router.add(.post, "/api/contributions/{id}/flags", on: .pool, maxBodySize: 8 * 1024, flag)
        router.add(.post, "/api/comments/{id}/flags", on: .pool, maxBodySize: 8 * 1024, flagComment)
    }

    /// A vote is one short write, so it is answered from its commit: the checks that need no
    /// database run on the event loop, the caller is found inside the write, and no thread waits.
    static func vote(_ request: Request, _ context: AppContext, _ reply: @escaping Router<AppContext>.Reply) {
        let id: Int64, vote: Vote
        do {
            id = try request.idParameter("id")
            guard let value = Vote(try JSONBody(request.body).requiredInt("value")) else {
                throw APIError.validation(field: "value", message: "Use 1, -1 or 0.")
            }
            vote = value
        } catch {
            return reply(.failure(error))
        }
        let now = context.clock.now
        context.database.writeVote({ connection in
            guard let target = try ContributionStore(connection).voteTarget(id: id) else { throw APIError.notFound }
            let caller = try context.caller(request, campaignID: target.campaignID, slug: target.campaignSlug, in: connection)
            try context.rateLimiter.check(.vote, contributorID: caller.id, address: request.addressKey)
            try ContributionLifecycle.react(.vote, state: target.state, held: target.held).require()
            let snapshot = try context.voteSnapshots.snapshot(
                campaignID: target.campaignID, on: connection, of: context.database)
            if let draft = target.draft {
                try snapshot.require(.vote, on: draft)
            } else {
                try snapshot.require(.vote, targetPhase: target.phase, shortlisted: target.shortlisted)
            }
            let tally = try VoteStore(connection).set(contributionID: id, contributorID: caller.id, vote: vote, now: now)
            return (tally, target.campaignID)
        }, completion: { result in
            reply(result.map { tally, campaignID in
                context.publishVotes(campaignID: campaignID, tally)
                var json = JSONWriter()
                json.voteCounts(id: tally.id, up: tally.up, down: tally.down, score: tally.score, myVote: tally.myVote)
                return .json(json.bytes)
            })
        })
    }

    static func comment(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let body = try JSONBody(request.body)
        let text = TextRules.normalise(try body.requiredString("body"))
        if let problem = TextRules.validateComment(text) { throw APIError.text(problem, field: "body") }
        let parentID = try body.int("parentId")
        let caller = try context.caller(request, contributionID: id)
        try context.rateLimiter.check(.comment, contributorID: caller.id, address: request.addressKey)
        let now = context.clock.now
        let (comment, campaignID, count) = try context.database.write { connection in
            let record = try reactable(id, .comment, in: connection)
            let snapshot = try CampaignSnapshot.load(id: record.campaignID, in: connection)
            if let draft = try DraftStore(connection).target(contributionID: id) {
                try snapshot.require(.comment, on: draft)
            } else {
                try snapshot.require(.comment, targetPhase: record.phase, shortlisted: record.shortlisted)
            }
            let comment = try CommentPosting.insert(
                on: id, parentID: parentID, by: caller.id, text: text, now: now, in: connection)
            return (comment, record.campaignID, record.commentCount + 1)
        }
        return CommentPosting.created(comment, campaignID: campaignID, count: count, callerID: caller.id, context)
    }

    static func flag(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let reason = try reportReason(request)
        let caller = try context.caller(request, contributionID: id)
        try context.rateLimiter.check(.flag, contributorID: caller.id, address: request.addressKey)
        let now = context.clock.now
        let held = try context.database.write { connection -> ContributionRecord? in
            let record = try reactable(id, .report, in: connection)
            let snapshot = try CampaignSnapshot.load(id: record.campaignID, in: connection)
            try snapshot.require(.flag, targetPhase: record.phase)
            let weight = try reporterWeight(caller.id, now: now, in: connection)
            let flags = FlagStore(connection)
            switch try flags.flagContribution(id: id, contributorID: caller.id, reason: reason, weight: weight, now: now) {
            case .duplicate:
                throw FlagRefusal.alreadyFlagged
            case .recorded(let established, let fresh):
                let decision = ReportRules.decide(ReportedContribution(
                    official: record.official, reviewed: record.reviewed, held: record.held, establishedWeight: established,
                    freshWeight: fresh, threshold: snapshot.campaign.flagThreshold))
                switch decision {
                case .queue: return nil
                case .hold:
                    guard try flags.hold(contributionID: id, now: now) else { return nil }
                    return try ContributionStore(connection).contribution(id: id)
                }
            }
        }
        context.reportBursts.note(campaignID: caller.campaignID, contributionID: id, now: now)
        // Held, not removed: open pages show it collapsed in place (the event carries its state).
        if let held { context.publishContribution(held) }
        return .json(Array(#"{"flagged":true}"#.utf8), status: .created)
    }

    /// The `reason` of a report, normalised and checked (`FlagRules`).
    private static func reportReason(_ request: Request) throws -> String {
        let reason = TextRules.normalise(try JSONBody(request.body).requiredString("reason"))
        if let problem = FlagRules.validateReason(reason) { throw APIError.text(problem, field: "reason") }
        return reason
    }

    /// A report's weight: what the reporter has done, as it stands now (`ReportWeighing`).
    private static func reporterWeight(_ contributorID: Int64, now: Int64, in connection: Connection) throws -> Double {
        guard let standing = try ContributorStore(connection).standing(contributorID: contributorID) else {
            throw APIError.unauthorized
        }
        return ReportWeighing.weight(
            ReporterStanding(
                days: max(0, CoarseTime.dayNumber(now) - standing.joinedOn), posts: standing.posts, votes: standing.votes))
    }

    /// A report of a comment: once per contributor (`already_flagged`), on a comment the crowd sees
    /// under a contribution it sees, while the phase rules allow reports on that contribution. It
    /// joins the moderation queue with its reason; it never hides the comment by itself.
    static func flagComment(_ request: Request, _ context: AppContext) throws -> Response {
        let id = try request.idParameter("id")
        let reason = try reportReason(request)
        let contributionID = try context.database.read { connection in
            guard let comment = try CommentStore(connection).comment(id: id), CommentRules.crowdSees(comment.state)
            else { throw APIError.notFound }
            return comment.contributionID
        }
        let caller = try context.caller(request, contributionID: contributionID)
        try context.rateLimiter.check(.flag, contributorID: caller.id, address: request.addressKey)
        let now = context.clock.now
        try context.database.write { connection in
            guard let comment = try CommentStore(connection).comment(id: id), CommentRules.crowdSees(comment.state)
            else { throw APIError.notFound }
            let record = try reactable(comment.contributionID, .report, in: connection)
            let snapshot = try CampaignSnapshot.load(id: record.campaignID, in: connection)
            try snapshot.require(.flag, targetPhase: record.phase)
            let weight = try reporterWeight(caller.id, now: now, in: connection)
            guard try FlagStore(connection).flagComment(
                id: id, contributorID: caller.id, reason: reason, weight: weight, now: now)
            else { throw FlagRefusal.alreadyFlagged }
        }
        return .json(Array(#"{"flagged":true}"#.utf8), status: .created)
    }

    /// The contribution if the crowd may `reaction` it (`ContributionLifecycle.react`): 404 when it
    /// does not see it, the lifecycle's refusal when it may not.
    private static func reactable(
        _ id: Int64, _ reaction: CrowdReaction, in connection: Connection
    ) throws -> ContributionRecord {
        guard let record = try ContributionStore(connection).contribution(id: id) else { throw APIError.notFound }
        try ContributionLifecycle.react(reaction, state: record.state, held: record.held).require()
        return record
    }
}

extension ReactionDecision {
    /// Throws what the decision means for the API: 404 for one the crowd does not see, the refusal otherwise.
    func require() throws {
        switch self {
        case .allowed: return
        case .unseen: throw APIError.notFound
        case .refused(let refusal): throw refusal
        }
    }
}
