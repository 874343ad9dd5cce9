// Campaign set-up by staff: list, create, read, edit, launch, archive, invite codes, access code, official statements.
import Campaigns
import HTTP
import Storage

enum CampaignSetupRoutes {
    static func register(_ router: inout Router<AppContext>) {
        AdminRoutes.add(&router, .get, "/admin/campaigns", list)
        AdminRoutes.add(&router, .post, "/admin/campaigns", maxBodySize: 32 * 1024, create)
        AdminRoutes.add(&router, .get, "/admin/campaigns/{slug}", detail)
        AdminRoutes.add(&router, .patch, "/admin/campaigns/{slug}", maxBodySize: 32 * 1024, update)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/launch") { request, context in
            try move(request, context, .launch)
        }
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/archive") { request, context in
            try move(request, context, .archive)
        }
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/invites", maxBodySize: 1024, invites)
        AdminRoutes.add(&router, .put, "/admin/campaigns/{slug}/access-code", maxBodySize: 1024, accessCode)
        AdminRoutes.add(&router, .post, "/admin/campaigns/{slug}/statements", maxBodySize: 64 * 1024, statement)
    }

    /// The campaigns the caller's account covers, every state.
    static func list(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .viewCampaigns)
        let views = try context.database.read { connection in
            try AdminCampaignStore(connection).allCampaigns()
                .filter { caller.staff.covers(campaignID: $0.id) }
                .map { try AdminCampaignView.load($0, in: connection) }
        }
        var json = JSONWriter(capacity: 4096)
        json.object { o in
            o.key("campaigns")
            o.array(views) { w, view in w.object { c in view.write(into: &c) } }
        }
        return .json(json.bytes)
    }

    static func detail(_ request: Request, _ context: AppContext) throws -> Response {
        let (_, campaign) = try context.requireStaff(request, .viewCampaigns, slug: try request.slugParameter())
        return try respond(campaignID: campaign.id, context)
    }

    static func respond(campaignID: Int64, _ context: AppContext, status: HTTPStatus = .ok) throws -> Response {
        let view = try context.database.read { connection in
            guard let campaign = try CampaignStore(connection).campaign(id: campaignID) else { throw APIError.notFound }
            return try AdminCampaignView.load(campaign, in: connection)
        }
        var json = JSONWriter(capacity: 2048)
        json.object { o in view.write(into: &o) }
        return .json(json.bytes, status: status)
    }

    /// `{slug, title, summary?, description?, access?, accessCode?}` → 201, a draft with four pending phases.
    /// A shared access code makes the campaign need a code to join (`invite`); with `access: open` it is refused.
    /// A creator limited to some campaigns gets the new one added to their list.
    static func create(_ request: Request, _ context: AppContext) throws -> Response {
        let caller = try context.requireStaff(request, .setUpCampaigns)
        let body = try JSONBody(request.body)
        let slug = try body.requiredString("slug")
        guard isValidSlug(slug) else {
            throw APIError.validation(field: "slug", message: "Use 1 to 64 lowercase letters, digits and dashes.")
        }
        let title = try requiredText(body, "title", max: 200)
        let summary = try optionalText(body, "summary", max: 500) ?? ""
        let description = try optionalText(body, "description", max: 20_000) ?? ""
        let requested = try accessField(body)
        let accessCode = try accessCodeField(body, "accessCode")
        if accessCode != nil, requested == .open {
            throw APIError.validation(
                field: "accessCode", message: "A campaign open to anyone needs no access code: choose invite to ask for one.")
        }
        let access: AccessMode = accessCode == nil ? requested ?? .open : .invite
        let accessCodeMAC = accessCode.map(context.key.accessCodeMAC)
        let now = context.clock.now
        let threshold = context.configuration.flagThreshold
        let id = try context.database.write { connection -> Int64 in
            let campaigns = CampaignStore(connection)
            guard try campaigns.campaign(slug: slug) == nil else {
                throw CampaignRefusal.slugTaken
            }
            var secret = SystemRandomNumberGenerator()
            let id = try campaigns.create(
                NewCampaign(
                    slug: slug, title: title, summary: summary, description: description, state: .draft, access: access,
                    pseudonymSecret: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &secret) },
                    flagThreshold: threshold),
                now: now)
            if let accessCodeMAC {
                try AdminCampaignStore(connection).setAccessCode(campaignID: id, mac: accessCodeMAC)
            }
            if !caller.staff.campaignIDs.isEmpty {
                try StaffStore(connection).setCampaigns(staffID: caller.staff.id, caller.staff.campaignIDs + [id])
            }
            try AuditStore(connection).append(
                NewAuditEntry(campaignID: id, actor: caller.name, action: .campaignCreate, target: "campaign:\(slug)"),
                now: now)
            if accessCodeMAC != nil {
                try AuditStore(connection).append(
                    NewAuditEntry(campaignID: id, actor: caller.name, action: .accessCodeSet, target: "campaign:\(slug)"),
                    now: now)
            }
            return id
        }
        return try respond(campaignID: id, context, status: .created)
    }

    /// `{title?, summary?, description?, access?, premoderation?, flagThreshold?, joinProofBits?}`.
    static func update(_ request: Request, _ context: AppContext) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        try campaign.requireEditable()
        let body = try JSONBody(request.body)
        var changes = CampaignChanges()
        changes.title = try optionalText(body, "title", max: 200)
        if changes.title?.isEmpty == true { throw APIError.validation(field: "title", message: "Is required.") }
        changes.summary = try optionalText(body, "summary", max: 500)
        changes.description = try optionalText(body, "description", max: 20_000)
        changes.access = try accessField(body)
        changes.premoderation = try body.bool("premoderation")
        if let threshold = try body.int("flagThreshold") {
            guard (1...1000).contains(threshold) else {
                throw APIError.validation(field: "flagThreshold", message: "Must be from 1 to 1000.")
            }
            changes.flagThreshold = Int(threshold)
        }
        if let bits = try body.int("joinProofBits") {
            guard (0...Int64(JoinProof.maxBits)).contains(bits) else {
                throw APIError.validation(field: "joinProofBits", message: "Must be from 0 (none) to \(JoinProof.maxBits).")
            }
            changes.joinProofBits = Int(bits)
        }
        let now = context.clock.now
        let fields = body.keys.sorted().joined(separator: ", ")
        let edits = changes
        try context.database.write { connection in
            try AdminCampaignStore(connection).update(campaignID: campaign.id, edits)
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: .campaignEdit, target: "campaign:\(campaign.slug)",
                    reason: fields), now: now)
        }
        return try respond(campaignID: campaign.id, context)
    }

    /// Launch (draft → live) or archive (draft or live → archived), as `CampaignMove` allows
    /// from the state read inside the write.
    static func move(_ request: Request, _ context: AppContext, _ move: CampaignMove) throws -> Response {
        let (caller, campaign) = try context.requireStaff(request, .setUpCampaigns, slug: try request.slugParameter())
        let now = context.clock.now
        let reason = try JSONBody(request.body).string("reason") ?? ""
        try context.database.write { connection in
            guard let current = try CampaignStore(connection).campaign(id: campaign.id) else { throw APIError.notFound }
            let target = try move.apply(to: current.state).get()
            try AdminCampaignStore(connection).setState(campaignID: campaign.id, target)
            // Archiving deletes every address the campaign holds (PRIVACY.md, "Mail").
            if target == .archived { try MailAddressStore(connection).forgetCampaign(campaignID: campaign.id) }
            try AuditStore(connection).append(
                NewAuditEntry(
                    campaignID: campaign.id, actor: caller.name, action: move.auditAction,
                    target: "campaign:\(campaign.slug)", reason: reason), now: now)
        }
        return try respond(campaignID: campaign.id, context)
    }

    static func isValidSlug(_ slug: String) -> Bool {
        (1...64).contains(slug.utf8.count)
            && slug.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    static func requiredText(_ body: JSONBody, _ key: String, max: Int) throws -> String {
        guard let text = try optionalText(body, key, max: max), !text.isEmpty else {
            throw APIError.validation(field: key, message: "Is required.")
        }
        return text
    }

    /// A text field, normalised like contributions (`TextRules.normalise`) and limited to `max` characters.
    static func optionalText(_ body: JSONBody, _ key: String, max: Int) throws -> String? {
        guard let raw = try body.string(key) else { return nil }
        let text = TextRules.normalise(raw)
        guard text.count <= max else { throw APIError.validation(field: key, message: "At most \(max) characters.") }
        return text
    }

    private static func accessField(_ body: JSONBody) throws -> AccessMode? {
        guard let text = try body.string("access") else { return nil }
        guard let mode = AccessMode(rawValue: text) else {
            throw APIError.validation(field: "access", message: "Must be open or invite.")
        }
        return mode
    }
}
