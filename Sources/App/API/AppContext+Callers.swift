// How handlers find the contributor behind a request, and write as them.
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
}
