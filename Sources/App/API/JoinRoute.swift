// POST /api/campaigns/{slug}/join: anonymous joining with an optional invite or access code and profile.
import Campaigns
import HTTP
import Storage

enum JoinRoute {
    static func register(_ router: inout Router<AppContext>) {
        router.add(.post, "/api/campaigns/{slug}/join", on: .pool, maxBodySize: 16 * 1024, join)
        router.add(.get, "/api/campaigns/{slug}/join/challenge", on: .pool, challenge)
    }

    /// How the caller may join an invite-only campaign, checked before the write.
    private enum Admission: Sendable {
        case open
        /// The campaign's shared access code; `rekey` when it was stored unkeyed and must be re-keyed.
        case accessCode(rekey: [UInt8]?)
        /// An invite code, by its keyed hash and the unkeyed one of invites made before the server key.
        case invite(mac: [UInt8], legacy: [UInt8])
    }

    /// `{code?, profile?, shared?, proof?}` → 201 `{token, campaign, shared}` with the device's cookie. Nothing
    /// written says when, in which order or with which invite the person joined (PRIVACY.md): the
    /// contributor gets a random id and the day, the profile is sealed, the invite is only marked used.
    static func join(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let body = try JSONBody(request.body)
        let code = try body.string("code").map(TextRules.normalise)
        let profile = try body.stringMap("profile") ?? [:]
        let shared = try body.bool("shared") ?? false
        let proof = try body.stringMap("proof")
        let existingToken = request.contributorToken(slug: slug)

        let (snapshot, joined, questions) = try context.database.read { connection in
            let snapshot = try CampaignSnapshot.load(slug: slug, in: connection)
            let joined = try context.contributor(token: existingToken, campaignID: snapshot.campaign.id, in: connection)
            return (snapshot, joined, try CampaignStore(connection).profileQuestions(campaignID: snapshot.campaign.id))
        }
        switch snapshot.campaign.state {
        case .live: break
        case .draft, .archived: throw PhaseRefusal.campaignNotLive
        }
        if let joined {
            return ContributorSignIn.response(
                nil, slug: slug, status: .ok, context: context, alreadyShared: !joined.device.persistent)
        }

        let answers = try validate(profile: profile, questions: questions)
        let admission = try admission(code: code, campaign: snapshot.campaign, key: context.key)
        if case .open = admission { try checkProof(proof, snapshot.campaign, context) }
        // Counted after the proof, so joins that did no work cannot use up the campaign's ceiling;
        // a personal invitation is bounded by the invitations instead, and counts only if it fails.
        let personal: Bool
        switch admission {
        case .open, .accessCode: personal = false
        case .invite: personal = true
        }
        let limits = context.rateLimiter.joinLimits(
            address: request.addressKey, personalInvitation: personal, campaignID: snapshot.campaign.id,
            ceiling: context.configuration.joinCeiling)
        try context.rateLimiter.check(limits)

        let device = ContributorSignIn.newDevice(shared: shared, key: context.key)
        let sealed = try ProfileSeal.seal(answers, questions: questions, key: context.key)
        let campaignID = snapshot.campaign.id
        let joinedOn = context.clock.now / 86_400
        let seed = Tokens.randomSeed()
        do {
            try context.database.write { connection in
                let contributors = ContributorStore(connection)
                switch admission {
                case .open, .accessCode(rekey: nil): break
                case .accessCode(let mac?): try AdminCampaignStore(connection).rekeyAccessCode(campaignID: campaignID, mac: mac)
                case .invite(let mac, let legacy):
                    switch try contributors.useInvite(campaignID: campaignID, mac: mac, legacyHash: legacy) {
                    case .used: break
                    case .unknown: throw JoinRefusal.invalidCode
                    case .alreadyUsed: throw JoinRefusal.codeUsed
                    }
                }
                let id = try contributors.create(campaignID: campaignID, joinedOn: joinedOn, shuffleSeed: seed, profile: sealed)
                try contributors.addDevice(contributorID: id, tokenMAC: device.mac, persistent: device.persistent)
            }
        } catch {
            // The ceiling counts identities made: a join that made none gives its place back.
            context.rateLimiter.refund(limits.filter { $0.key.hasPrefix("k:") })
            throw error
        }
        if personal { context.rateLimiter.refund(limits) }  // a good code was no guess
        // The join's transaction pairs the invite's row and the contributor's in the WAL: fold it away soon.
        context.database.scrubWriteAheadLog(wait: false)
        return ContributorSignIn.response(device, slug: slug, status: .created, context: context)
    }

    /// What `code` admits the caller as: the campaign's access code (compared in constant time) or an
    /// invite to spend in the write; 403 `invite_required` without a code in an invite-only campaign.
    private static func admission(code: String?, campaign: CampaignRecord, key: ServerKey) throws -> Admission {
        switch campaign.access {
        case .open:
            return .open
        case .invite:
            guard let code, !code.isEmpty else { throw JoinRefusal.inviteRequired }
            let mac = key.accessCodeMAC(code)
            if let stored = campaign.accessCodeHash {
                if campaign.accessCodeKeyed {
                    if Tokens.constantTimeEqual(stored, mac) { return .accessCode(rekey: nil) }
                } else if Tokens.constantTimeEqual(stored, Tokens.legacyCodeHash(code)) {
                    return .accessCode(rekey: mac)
                }
            }
            return .invite(mac: key.inviteMAC(code), legacy: Tokens.legacyCodeHash(code))
        }
    }

    /// An open campaign asking for proof of work (`joinProofBits`) joins only with a valid,
    /// unspent proof for it: `{"proof": {"challenge", "nonce"}}` (`JoinProof`).
    private static func checkProof(_ proof: [String: String]?, _ campaign: CampaignRecord, _ context: AppContext) throws {
        guard campaign.joinProofBits > 0 else { return }
        guard let proof, let challenge = proof["challenge"], let nonce = proof["nonce"] else {
            throw JoinRefusal.proofRequired
        }
        switch context.joinProof.verify(
            challenge: challenge, nonce: nonce, campaignID: campaign.id, bits: campaign.joinProofBits, now: context.clock.now) {
        case .valid:
            return
        case .forged, .expired, .spent, .tooWeak:
            throw JoinRefusal.proofInvalid
        }
    }

    /// GET: a challenge for the join's proof of work, `{bits, challenge, expiresAt}`; bits 0 and
    /// no challenge when the campaign asks for none.
    static func challenge(_ request: Request, _ context: AppContext) throws -> Response {
        let slug = try request.slugParameter()
        let campaign = try context.database.read { try CampaignSnapshot.load(slug: slug, in: $0).campaign }
        let bits: Int
        switch campaign.access {
        case .open: bits = campaign.joinProofBits
        case .invite: bits = 0
        }
        let issued = bits > 0 ? context.joinProof.challenge(campaignID: campaign.id, now: context.clock.now) : nil
        var json = JSONWriter()
        json.object { o in
            o.field("bits", bits)
            o.field("challenge", issued?.text)
            o.field("expiresAt", issued.map { ISOTime.string($0.expiresAt) })
        }
        return .json(json.bytes)
    }

    /// Profile answers keyed by profile question id; unknown keys, unknown choices and missing
    /// required answers are 422 naming `profile.<key>`.
    private static func validate(profile: [String: String], questions: [ProfileQuestionRecord]) throws -> [Int64: String] {
        var answers: [Int64: String] = [:]
        for (key, choice) in profile {
            guard let question = questions.first(where: { $0.key == key }) else {
                throw APIError.validation(field: "profile.\(key)", message: "There is no such profile question.")
            }
            guard question.choices.contains(choice) else {
                throw APIError.validation(field: "profile.\(key)", message: "Choose one of the offered answers.")
            }
            answers[question.id] = choice
        }
        for question in questions where question.required && answers[question.id] == nil {
            throw APIError.validation(field: "profile.\(question.key)", message: "This question needs an answer.")
        }
        return answers
    }
}
