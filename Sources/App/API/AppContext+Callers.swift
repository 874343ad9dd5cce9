// Helpers handlers share: the authenticated caller, own-contribution writes, event publishing.
import Campaigns
import HTTP
import Storage

extension AppContext {
    /// The contributor behind the request for campaign `slug`, or 401.
    func requireCaller(_ request: Request, slug: String) throws -> ContributorRecord {
        let token = request.contributorToken(slug: slug)
        let found = try database.read { connection -> ContributorRecord? in
            guard let campaign = try CampaignStore(connection).campaign(slug: slug) else { throw APIError.notFound }
            return try contributor(token: token, campaignID: campaign.id, in: connection)
        }
        guard let found else { throw APIError.unauthorized }
        return found
    }

    /// The contributor of `campaignID` holding `token`, or nil. A device still known by the unkeyed
    /// hash of before the server key is re-keyed in a write of its own, now that its token is here.
    func contributor(token: String?, campaignID: Int64, in connection: Connection) throws -> ContributorRecord? {
        guard let token, let found = try ContributorStore(connection).contributor(token: token, campaignID: campaignID, key: key)
        else { return nil }
        if !found.device.keyed {
            let legacy = found.device.tokenMAC, mac = key.deviceMAC(token)
            database.write({ try ContributorStore($0).rekeyDevice(legacyHash: legacy, tokenMAC: mac) }, completion: { _ in })
        }
        return found
    }

    /// Resolves the caller of a request on contribution `id` (whose campaign decides the cookie name).
    /// Reads only the contribution's campaign: the write that follows re-reads what it checks.
    func caller(_ request: Request, contributionID id: Int64) throws -> ContributorRecord {
        try database.read { connection in try caller(request, contributionID: id, in: connection) }
    }

    /// The same, read on `connection` (the writer's, for a write that starts by finding its caller).
    func caller(_ request: Request, contributionID id: Int64, in connection: Connection) throws -> ContributorRecord {
        guard let campaign = try ContributionStore(connection).campaign(ofContribution: id) else { throw APIError.notFound }
        return try caller(request, campaignID: campaign.id, slug: campaign.slug, in: connection)
    }

    /// The contributor whose token for campaign `slug` the request carries; 401 without one.
    func caller(_ request: Request, campaignID: Int64, slug: String, in connection: Connection) throws -> ContributorRecord {
        guard let found = try contributor(token: request.contributorToken(slug: slug), campaignID: campaignID, in: connection)
        else { throw APIError.unauthorized }
        return found
    }

    /// Runs `body` in a write on contribution `id` as the caller sees it: 401 without a token, 404
    /// when it does not exist; `body` gets the caller's id and asks `ContributionLifecycle`.
    func authorWrite<T: Sendable>(
        _ request: Request, contributionID id: Int64,
        _ body: @escaping @Sendable (Connection, CampaignSnapshot, ContributionRecord, _ callerID: Int64) throws -> T
    ) throws -> T {
        let caller = try caller(request, contributionID: id)
        return try database.write { connection in
            guard let record = try ContributionStore(connection).contribution(id: id) else { throw APIError.notFound }
            let snapshot = try CampaignSnapshot.load(id: record.campaignID, in: connection)
            return try body(connection, snapshot, record, caller.id)
        }
    }

    /// Sends a contribution to open pages — only a visible one: whatever a staff action did, the text
    /// of a hidden, pending, withdrawn or merged contribution never goes out (PRIVACY.md, adversary 5).
    func publishContribution(_ record: ContributionRecord) {
        switch record.state {
        case .visible: break
        case .hidden, .pending, .withdrawn, .merged: return
        }
        var json = JSONWriter()
        json.contribution(record, viewer: nil)
        events.publish(campaignID: record.campaignID, event: "contribution", data: json.bytes)
    }

    /// Tells open pages to drop a contribution the crowd may no longer see (hidden, auto-hidden by
    /// reports, withdrawn, merged). The event carries the id alone, never the text.
    func publishRemoval(campaignID: Int64, contributionID: Int64) {
        var json = JSONWriter()
        json.object { o in o.field("id", contributionID) }
        events.publish(campaignID: campaignID, event: "removed", data: json.bytes)
    }

    func publishVotes(campaignID: Int64, _ tally: VoteTally) {
        publishCounts(campaignID: campaignID, id: tally.id, up: tally.up, down: tally.down, score: tally.score)
    }

    /// The `votes` event for a contribution whose counts changed without a vote (merge, undo).
    func publishCounts(_ record: ContributionRecord) {
        publishCounts(campaignID: record.campaignID, id: record.id, up: record.up, down: record.down, score: record.score)
    }

    /// Vote totals reach open pages batched per interval (`VoteTotals`), never one event per vote.
    private func publishCounts(campaignID: Int64, id: Int64, up: Int, down: Int, score: Double) {
        voteTotals.note(campaignID: campaignID, contributionID: id, .init(up: up, down: down, score: score))
    }

    func publishCommentCount(campaignID: Int64, contributionID: Int64, comments: Int) {
        var json = JSONWriter()
        json.object { o in
            o.field("contributionId", contributionID)
            o.field("comments", comments)
        }
        events.publish(campaignID: campaignID, event: "comment", data: json.bytes)
    }

    func publishPhase(campaignID: Int64, kind: PhaseKind, state: PhaseState) {
        var json = JSONWriter()
        json.object { o in
            o.field("phase", kind.rawValue)
            o.field("state", state.rawValue)
        }
        events.publish(campaignID: campaignID, event: "phase", data: json.bytes)
    }
}

extension Request {
    /// A whole-number query parameter within `range`; 422 naming it otherwise.
    func integerQuery(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = query(name), !text.isEmpty else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.validation(field: name, message: "Must be a whole number from \(range.lowerBound).")
        }
        return value
    }
}
