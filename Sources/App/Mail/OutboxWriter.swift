// The one way anything puts mail in the outbox: inside the write that causes it, so both commit or neither does.
import Campaigns
import Mail
import Storage

/// Queues messages on the writer's connection, in the caller's transaction. After that write returns,
/// the caller wakes the sender (`MailSender.wake`); until then nothing can be sent, and if the write
/// fails nothing was queued.
///
/// For other features (issue 23's outcomes, for one): `alert(authorsOf:_:)` tells the authors of some
/// contributions that something happened to one of theirs; each author who left an address and asked
/// for alerts hears it, and the staff side cannot tell who did.
struct OutboxWriter {
    let connection: Connection
    let key: ServerKey
    let now: Int64

    init(_ connection: Connection, key: ServerKey, now: Int64) {
        self.connection = connection
        self.key = key
        self.now = now
    }

    /// Queues one message per payload; returns how many.
    @discardableResult
    func queue(campaignID: Int64, kind: MailKind, _ payloads: [OutboxPayload]) throws -> Int {
        let messages = try payloads.map { payload in
            QueuedMail(
                campaignID: campaignID, kind: kind, messageID: MailMessage.newMessageIDLeft(), sealed: try payload.sealed(with: key),
                dueAt: now)
        }
        try OutboxStore(connection).queue(messages, now: now)
        return messages.count
    }

    /// The invitation to each of `invitationIDs`.
    @discardableResult
    func invite(campaignID: Int64, invitationIDs: [Int64]) throws -> Int {
        try queue(campaignID: campaignID, kind: .invitation, invitationIDs.map { OutboxPayload(recipient: .invitation($0), content: .invitation) })
    }

    /// A reminder to every invitation of the campaign that still holds an address; returns how many.
    /// It does not skip those who joined: nothing links an invitation to a join (PRIVACY.md, "Mail").
    func remind(campaignID: Int64) throws -> Int {
        let ids = try InvitationStore(connection).heldIDs(campaignID: campaignID)
        return try queue(campaignID: campaignID, kind: .reminder, ids.map { OutboxPayload(recipient: .invitation($0), content: .reminder) })
    }

    /// `event` announced to every contributor of the campaign who asked for announcements and to every
    /// invitation still holding an address, once per campaign and event; returns how many were queued,
    /// or nil when the event was announced before. Each recipient is looked up again when its message
    /// is sent, so one who unsubscribes or erases their address meanwhile hears nothing.
    func announce(campaignID: Int64, _ event: AnnouncementEvent, note: String? = nil) throws -> Int? {
        let recipients = try MailAddressStore(connection).announcementRecipients(campaignID: campaignID).map(OutboxPayload.Recipient.contributor)
            + InvitationStore(connection).heldIDs(campaignID: campaignID).map(OutboxPayload.Recipient.invitation)
        guard try MailSendStore(connection).record(campaignID: campaignID, event: event.key, recipients: recipients.count, now: now)
        else { return nil }
        return try queue(
            campaignID: campaignID, kind: .announcement,
            recipients.map { OutboxPayload(recipient: $0, content: .announcement(event, note: note)) })
    }

    /// `alert` for the author of each of `contributionIDs` (one message per author). Queued for every
    /// author, whether or not they left an address: the sender handles one without an address as a
    /// blank, so the staff side never learns which authors could be reached.
    @discardableResult
    func alert(authorsOf contributionIDs: [Int64], _ alert: AuthorAlert) throws -> Int {
        var byCampaign: [Int64: Set<Int64>] = [:]
        for id in contributionIDs {
            guard let contribution = try ContributionStore(connection).contribution(id: id) else { continue }
            byCampaign[contribution.campaignID, default: []].insert(contribution.contributorID ?? 0)
        }
        var count = 0
        for (campaignID, authors) in byCampaign.sorted(by: { $0.key < $1.key }) {
            count += try queue(campaignID: campaignID, kind: .personal, authors.sorted().map { author in
                OutboxPayload(recipient: author == 0 ? .nobody : .contributor(author), content: .alert(alert))
            })
        }
        return count
    }

    /// `alert` for each `(campaign, contributor)` (blank for one who cannot be reached, as above).
    @discardableResult
    func alert(contributors: [(campaignID: Int64, contributorID: Int64)], _ alert: AuthorAlert) throws -> Int {
        var count = 0
        for (campaignID, pairs) in Dictionary(grouping: contributors, by: \.campaignID).sorted(by: { $0.key < $1.key }) {
            count += try queue(campaignID: campaignID, kind: .personal, Set(pairs.map(\.contributorID)).sorted().map {
                OutboxPayload(recipient: .contributor($0), content: .alert(alert))
            })
        }
        return count
    }

    /// `alert` once for each entry of `recipients`, repeats kept: one per replied item, so the number
    /// queued says how many items, never how many distinct authors (`MailUpkeepStore.repliedItems`).
    @discardableResult
    func alertEach(_ recipients: [(campaignID: Int64, contributorID: Int64)], _ alert: AuthorAlert) throws -> Int {
        var count = 0
        for (campaignID, pairs) in Dictionary(grouping: recipients, by: \.campaignID).sorted(by: { $0.key < $1.key }) {
            count += try queue(campaignID: campaignID, kind: .personal, pairs.map {
                OutboxPayload(recipient: .contributor($0.contributorID), content: .alert(alert))
            })
        }
        return count
    }

    /// A facilitator's message to the author of `contribution`: always queued, whoever the author is.
    func messageAuthor(of contribution: ContributionRecord, subject: String, text: String) throws {
        let recipient: OutboxPayload.Recipient = contribution.contributorID.map { .contributor($0) } ?? .nobody
        try queue(
            campaignID: contribution.campaignID, kind: .personal,
            [OutboxPayload(recipient: recipient, content: .authorMessage(subject: subject, text: text))])
    }

    /// The invitation to write `guideID`, to the author of its idea, with a one-use code that signs a
    /// device in as the author (made only when there is an address to send it to; the answer is the
    /// same either way).
    func inviteAuthor(toGuide guideID: Int64, of contribution: ContributionRecord, note: String?) throws {
        var recipient: OutboxPayload.Recipient = .nobody
        var code = ""
        if let author = contribution.contributorID {
            recipient = .contributor(author)
            if let address = try MailAddressStore(connection).address(contributorID: author), address.alerts, !address.refused {
                code = Tokens.code(groups: 5, size: 5)
                try ContributorStore(connection).addPairingCode(
                    contributorID: author, mac: key.pairingMAC(code), expiresAt: now + MailLinks.guideInvitationDays * 86_400, now: now)
            }
        }
        try queue(
            campaignID: contribution.campaignID, kind: .personal,
            [OutboxPayload(recipient: recipient, content: .guideInvitation(guideID: guideID, code: code, note: note))])
    }
}
