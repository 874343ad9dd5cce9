// One contributor on any device, without an account: pairing codes, recovery keys, signing out of a device.
import Campaigns
import HTTP
import Storage

/// A contributor continues on another device with a pairing code shown on a signed-in one (and its QR
/// code), or with a recovery key they saved; they sign a device out when they leave it. Every way in
/// ends in `ContributorSignIn`, so each device gets its own token. Codes and keys are stored only as
/// keyed hashes, pairing codes for `pairingLifetime` and once; nothing here is tied to an invite or a
/// person (PRIVACY.md, "Devices").
enum DeviceRoutes {
    /// How long a pairing code can be used, in seconds.
    static let pairingLifetime: Int64 = 600

    static func register(_ router: inout Router<AppContext>) {
        router.add(.get, "/api/campaigns/{slug}/device", on: .pool, device)
        router.add(.delete, "/api/campaigns/{slug}/device", on: .pool, signOut)
        router.add(.post, "/api/campaigns/{slug}/pairing", on: .pool, maxBodySize: 1024, pairing)
        router.add(.post, "/api/campaigns/{slug}/pair", on: .pool, maxBodySize: 4096, pair)
        router.add(.post, "/api/campaigns/{slug}/recovery-key", on: .pool, maxBodySize: 1024, recoveryKey)
        router.add(.post, "/api/campaigns/{slug}/recover", on: .pool, maxBodySize: 4096, recover)
    }

    /// `{shared, devices, recoveryKey}`: how this device is signed in, how many are, whether a recovery
    /// key exists (the person sees whether signing out would lock them out).
    static func device(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireCaller(request, slug: try request.slugParameter())
        let summary = try context.database.read { try ContributorStore($0).deviceSummary(contributorID: caller.id) }
        var json = JSONWriter()
        json.object { o in
            o.field("shared", !caller.device.persistent)
            o.field("devices", summary.devices)
            o.field("recoveryKey", summary.hasRecoveryKey)
        }
        return .json(json.bytes)
    }

    /// Forgets this device's token on the server and in the browser (the cookie is cleared).
    static func signOut(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let caller = try context.requireCaller(request, slug: slug)
        let mac = caller.device.tokenMAC
        _ = try context.database.write { try ContributorStore($0).removeDevice(tokenMAC: mac) }
        var response = Response.json(Array(#"{"signedOut":true}"#.utf8))
        response.headers.add("Set-Cookie", ContributorSignIn.clearCookie(slug: slug, context: context))
        return response
    }

    /// 201 `{code, expiresAt, link, qr}`: a one-use code for another device, valid for ten minutes.
    /// `link` opens the campaign with the code in the fragment (never sent to a server, so never in a
    /// log); `qr` is that link as a QR code, `{size, rows}` with a `"0"`/`"1"` string per row, or null.
    static func pairing(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let caller = try context.requireCaller(request, slug: slug)
        try context.rateLimiter.check(.pairing, contributorID: caller.id, address: request.addressKey)
        let code = Tokens.pairingCode()
        let mac = context.key.pairingMAC(code)
        let now = context.clock.now
        let expiresAt = now + pairingLifetime
        try context.database.write { connection in
            try ContributorStore(connection).addPairingCode(contributorID: caller.id, mac: mac, expiresAt: expiresAt, now: now)
        }
        let path = "/c/\(ExportRoutes.safe(slug))#pair=\(code)"
        let link = request.headers["Host"].map { (context.configuration.secureCookies ? "https://" : "http://") + $0 + path }
        var json = JSONWriter()
        json.object { o in
            o.field("code", code)
            o.field("expiresAt", ISOTime.string(expiresAt))
            o.field("link", link ?? path)
            o.key("qr")
            if let link, let qr = QRCode(link) {
                o.object { q in
                    q.field("size", qr.size)
                    q.key("rows")
                    q.array(qr.modules) { w, row in w.string(String(row.map { $0 ? "1" : "0" })) }
                }
            } else {
                o.null()
            }
        }
        return .json(json.bytes, status: .created)
    }

    /// `{code, shared?}` → 201 `{token, campaign, shared}` with the new device's cookie.
    static func pair(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let body = try JSONBody(request.body)
        let code = try body.requiredString("code")
        let shared = try body.bool("shared") ?? false
        let mac = context.key.pairingMAC(code)
        return try signIn(request, context, slug: slug, shared: shared, refusal: JoinRefusal.invalidPairingCode) { connection, campaignID, now in
            try ContributorStore(connection).takePairingCode(mac: mac, campaignID: campaignID, now: now)
        }
    }

    /// 201 `{recoveryKey}`: a new recovery key for the caller, shown once; it replaces any earlier one.
    static func recoveryKey(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireCaller(request, slug: try request.slugParameter())
        try context.rateLimiter.check(.pairing, contributorID: caller.id, address: request.addressKey)
        let key = Tokens.recoveryKey()
        let mac = context.key.recoveryMAC(key)
        try context.database.write { try ContributorStore($0).setRecoveryKey(contributorID: caller.id, mac: mac) }
        var json = JSONWriter()
        json.object { o in o.field("recoveryKey", key) }
        return .json(json.bytes, status: .created)
    }

    /// `{recoveryKey, shared?}` → 201 `{token, campaign, shared}` with the new device's cookie.
    static func recover(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let body = try JSONBody(request.body)
        let key = try body.requiredString("recoveryKey")
        let shared = try body.bool("shared") ?? false
        let mac = context.key.recoveryMAC(key)
        return try signIn(request, context, slug: slug, shared: shared, refusal: JoinRefusal.invalidRecoveryKey) { connection, campaignID, _ in
            guard let found = try ContributorStore(connection).contributor(recoveryMAC: mac, campaignID: campaignID),
                  Tokens.constantTimeEqual(found.mac, mac) else { return nil }
            return found.id
        }
    }

    /// Signs a new device in as the contributor `identify` finds, in one write with the new device's
    /// row; `refusal` when it finds nobody (the write still commits: a spent or expired pairing code is
    /// deleted either way). Every try counts against the address's sign-in limit: each is a guess.
    private static func signIn(
        _ request: Request, _ context: AppContext, slug: String, shared: Bool, refusal: JoinRefusal,
        identify: @escaping @Sendable (Connection, Int64, Int64) throws -> Int64?
    ) throws -> Response {
        let campaignID = try context.database.read { try CampaignSnapshot.load(slug: slug, in: $0).campaign.id }
        try context.rateLimiter.check(.signIn, contributorID: nil, address: request.addressKey)
        let device = ContributorSignIn.newDevice(shared: shared, key: context.key)
        let now = context.clock.now
        let previous = request.contributorToken(slug: slug).map(context.key.deviceMAC)
        let signedIn = try context.database.write { connection -> Bool in
            guard let id = try identify(connection, campaignID, now) else { return false }
            let store = ContributorStore(connection)
            // A browser signed in as someone else on this campaign is signed out of that first.
            if let previous { _ = try store.removeDevice(tokenMAC: previous) }
            try store.addDevice(contributorID: id, tokenMAC: device.mac, persistent: device.persistent)
            return true
        }
        guard signedIn else { throw refusal }
        return ContributorSignIn.response(device, slug: slug, status: .created, context: context)
    }
}
