// One message from the outbox to the relay: find its recipient now, write it, hand it over, settle it.
import Campaigns
import Mail
import Storage

extension MailSender {
    /// Who a message goes to, looked up when it is sent.
    enum Resolved {
        /// Send it to this address; `unsubscribe` is what its links stop, `code` the invitation's code.
        case address(MailAddress, unsubscribe: UnsubscribeToken.Target?, code: String?)
        /// A personal message whose author left no address (or stopped alerts): talk to the relay
        /// without sending anything, so that nothing observable differs from a real one.
        case blank
        /// Nobody to send it to any more (unsubscribed, erased, campaign gone): remove it uncounted.
        case gone
    }

    func deliver(_ record: OutboxRecord, with transport: any MailTransport) {
        let prepared: (OutboxPayload, Resolved, MailTemplates.Campaign?)
        do {
            prepared = try database.read { connection in
                let payload = try OutboxPayload.open(record.sealed, key: key)
                guard let campaign = try CampaignStore(connection).campaign(id: record.campaignID) else {
                    return (payload, .gone, nil)
                }
                let info = MailTemplates.Campaign(slug: campaign.slug, title: campaign.title, summary: campaign.summary)
                return (payload, try resolve(payload, kind: record.kind, in: connection), info)
            }
        } catch {
            // A payload this key cannot open can never be sent: remove it, counted as refused (code 0).
            log("mail: a queued message cannot be read (\(String(reflecting: type(of: error)))); removed")
            settle(record, outcome: .refused, code: 0)
            return
        }
        let (payload, resolved, campaign) = prepared
        switch resolved {
        case .gone:
            drop(record)
        case .blank:
            if let preview = transport as? PreviewMailbox, let campaign {
                showBlank(record, payload, campaign: campaign, in: preview)
            }
            let outcome = transport.probe()
            noteRelay(outcome)
            switch outcome {
            case .relayUnavailable: return
            case .delivered, .refused, .deferred: settle(record, outcome: .handled, code: 0)
            }
        case .address(let address, let unsubscribe, let code):
            guard let campaign else { return drop(record) }
            let message: MailMessage
            do {
                message = try compose(record, payload.content, to: address, campaign: campaign, unsubscribe: unsubscribe, code: code)
            } catch {
                log("mail: a message could not be written (\(String(reflecting: type(of: error)))); removed")
                return settle(record, outcome: .refused, code: 0)
            }
            let outcome = transport.send(message, envelopeFrom: setup.from.address)
            noteRelay(outcome)
            handle(outcome, for: record, payload: payload)
        }
    }

    private func handle(_ outcome: SendOutcome, for record: OutboxRecord, payload: OutboxPayload) {
        switch outcome {
        case .delivered:
            settle(record, outcome: .sent, code: 0)
        case .refused(let code):
            settle(record, outcome: .refused, code: code) { connection in
                // Only the address's owner is told (on their own page); the staff side counts it as handled.
                if case .contributor(let id) = payload.recipient, record.kind == .personal || record.kind == .announcement {
                    try MailAddressStore(connection).markRefused(contributorID: id)
                }
            }
        case .deferred(let code):
            let attempts = record.attempts + 1
            guard let delay = RetryPolicy.messageDelay(afterAttempt: attempts) else {
                return settle(record, outcome: .gaveUp, code: code)
            }
            let dueAt = clock.now + delay
            write { try OutboxStore($0).postpone(id: record.id, attempts: attempts, dueAt: dueAt) }
            metrics.mailDeferred(kind: record.kind)
        case .relayUnavailable:
            break  // the message stays due; `noteRelay` set the back-off
        }
    }

    /// Stands in for a relay's indifference in the demo's preview: the blank is shown as the message an
    /// author with an address would have got (its secrets blotted out as theirs are), so the console's
    /// preview does not tell a facilitator whether the author of an idea can be reached.
    private func showBlank(_ record: OutboxRecord, _ payload: OutboxPayload, campaign: MailTemplates.Campaign, in preview: PreviewMailbox) {
        guard let nobody = MailAddress("nobody@blank.invalid") else { return }
        let author: Int64 = if case .contributor(let id) = payload.recipient { id } else { 0 }
        do {
            preview.showBlank(try compose(record, payload.content, to: nobody, campaign: campaign,
                                          unsubscribe: .contributor(author, .alerts), code: nil))
        } catch {
            log("mail: a blank could not be shown in the preview (\(String(reflecting: type(of: error))))")
        }
    }

    /// Who `payload` goes to now.
    private func resolve(_ payload: OutboxPayload, kind: MailKind, in connection: Connection) throws -> Resolved {
        switch payload.recipient {
        case .invitation(let id):
            guard let sealed = try InvitationStore(connection).sealed(id: id) else { return .gone }
            let (address, code) = try MailSeal.openInvitation(sealed, key: key)
            return .address(address, unsubscribe: .invitation(id), code: code)
        case .nobody:
            return kind == .personal ? .blank : .gone
        case .contributor(let id):
            let row = try MailAddressStore(connection).address(contributorID: id)
            let subscription: AddressSubscription = kind == .announcement ? .announcements : .alerts
            let wanted = row.map { !$0.refused && (subscription == .announcements ? $0.announcements : $0.alerts) } ?? false
            guard let row, wanted else { return kind == .personal ? .blank : .gone }
            return .address(try MailSeal.openContributor(row.sealed, key: key), unsubscribe: .contributor(id, subscription), code: nil)
        }
    }

    /// The message itself: the template's words, this recipient's links, the Message-ID fixed at queueing.
    func compose(
        _ record: OutboxRecord, _ content: OutboxPayload.Content, to address: MailAddress, campaign: MailTemplates.Campaign,
        unsubscribe: UnsubscribeToken.Target?, code: String?
    ) throws -> MailMessage {
        let base = linkBase
        let token = try unsubscribe.map { try UnsubscribeToken.make($0, key: key) }
        let oneOff = MailTemplates.isOneOff(content)
        var join = code.flatMap { $0.isEmpty ? nil : MailLinks.join(base, slug: campaign.slug, code: $0) }
        if case .guideInvitation(let guideID, let signIn, _) = content {
            join = MailLinks.guideEditor(base, slug: campaign.slug, guideID: guideID, code: signIn)
        }
        let links = MailTemplates.Links(
            campaign: MailLinks.campaign(base, slug: campaign.slug), join: join, guide: MailLinks.guide(base, slug: campaign.slug),
            unsubscribe: oneOff ? nil : token.map { MailLinks.unsubscribePage(base, token: $0) })
        let rendered = MailTemplates.render(content, campaign: campaign, links: links)
        return MailMessage(
            from: setup.from, to: address, subject: rendered.subject, body: rendered.body,
            messageID: record.messageID + "@" + setup.messageIDDomain, date: clock.now,
            unsubscribe: oneOff ? nil : token.map { MailLinks.oneClick(base, token: $0) },
            listID: "\(campaign.slug).\(record.kind.rawValue).\(MailSetup.host(of: base))")
    }

    /// Removes the message and counts its outcome, with `also` in the same transaction.
    private func settle(
        _ record: OutboxRecord, outcome: MailOutcome, code: Int, also: @escaping @Sendable (Connection) throws -> Void = { _ in }
    ) {
        write { connection in
            try OutboxStore(connection).settle(
                id: record.id, campaignID: record.campaignID, kind: record.kind, outcome: outcome, code: code)
            try also(connection)
        }
        metrics.mailSettled(kind: record.kind, outcome: MailOutcome.counted(outcome, kind: record.kind))
    }

    private func drop(_ record: OutboxRecord) {
        write { try OutboxStore($0).drop(id: record.id) }
    }

    /// A settling write. If it fails (a full disk), the sender keeps it and sends nothing else until it
    /// commits (`retryUnsettled`): a message the relay took is never handed over again by this process.
    private func write(_ body: @escaping @Sendable (Connection) throws -> Void) {
        do {
            try database.write(body)
        } catch {
            log("mail: could not record a send, will retry: \(String(reflecting: type(of: error)))")
            keepUnsettled(body)
        }
    }
}
