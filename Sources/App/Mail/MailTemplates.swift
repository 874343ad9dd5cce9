// The words of every message Groundswell sends, one template per kind, shared by the sender and the console's preview.
import Campaigns
import Mail

/// A message's subject and content before addressing: what the templates make.
struct RenderedMail: Sendable, Equatable {
    var subject: String
    var body: MailBody
}

/// Every message's text. None names a contribution or says anything the organisation's mail relay
/// should not read about who wrote what (PRIVACY.md, "Mail"): a message to an author says "one of
/// your ideas", and the page shows which on the author's own devices.
enum MailTemplates {
    /// What a template needs about the campaign.
    struct Campaign: Sendable, Equatable {
        var slug: String
        var title: String
        var summary: String
    }

    /// The links a template may use, made by `MailLinks` for one recipient.
    struct Links: Sendable, Equatable {
        /// The campaign's page.
        var campaign: String
        /// The personal join link (invitations and reminders).
        var join: String?
        /// The published guide.
        var guide: String
        /// The page that unsubscribes with one click; nil for a one-off message.
        var unsubscribe: String?
    }

    static func render(_ content: OutboxPayload.Content, campaign: Campaign, links: Links) -> RenderedMail {
        var blocks: [MailBlock]
        let subject: String
        switch content {
        case .invitation:
            subject = "You are invited to take part in \(campaign.title)"
            blocks = [
                .paragraph("You are invited to take part in \(campaign.title)."),
                campaign.summary.isEmpty ? nil : .quote(campaign.summary),
                .paragraph("It is anonymous: what you write, vote and comment is never shown with your name, and the "
                    + "organisers cannot see who wrote what. This link is yours alone and lets one person join, once."),
                .action(label: "Join \(campaign.title)", url: links.join ?? links.campaign),
            ].compactMap { $0 }
        case .reminder:
            subject = "Reminder: you are invited to take part in \(campaign.title)"
            blocks = [
                .paragraph("This is a reminder of your invitation to take part in \(campaign.title)."),
                .paragraph("If you have already joined, there is nothing to do. Groundswell does not know whether you "
                    + "have — on purpose: your invitation is not linked to anything you do there."),
                .action(label: "Join \(campaign.title)", url: links.join ?? links.campaign),
            ]
        case .announcement(let event, let note):
            let (title, text, announced) = announcement(event, campaign: campaign, links: links)
            var action = announced
            // To an invitation's address: the personal join link, for someone who may not have joined yet.
            if let join = links.join, event != .guidePublished { action = .action(label: "Join \(campaign.title)", url: join) }
            subject = title
            blocks = [.paragraph(text), note.map(MailBlock.quote), action].compactMap { $0 }
        case .alert(let alert):
            subject = "\(campaign.title): news about one of your contributions"
            let news: String = switch alert {
            case .shortlisted: "One of your ideas in \(campaign.title) has been shortlisted."
            case .statusChanged:
                "The team has reported what is happening to an idea you wrote, voted on or commented on in \(campaign.title)."
            case .replied: "Someone has replied to one of your contributions in \(campaign.title)."
            }
            blocks = [
                .paragraph(news),
                .paragraph("This message does not say which one, on purpose: e-mail passes through other people's "
                    + "systems. Open the campaign on a device where you joined to see it."),
                .action(label: "Open \(campaign.title)", url: links.campaign),
            ]
        case .authorMessage(let title, let text):
            subject = title.isEmpty ? "A message from the facilitators of \(campaign.title)" : title
            blocks = [
                .paragraph("The facilitators of \(campaign.title) wrote to you as the author of one of its contributions. "
                    + "They do not know who you are or your address: Groundswell passed their message on."),
                .quote(text),
                .paragraph(replyWarning),
                .action(label: "Open \(campaign.title)", url: links.campaign),
            ]
        case .guideInvitation(_, _, let note):
            subject = "\(campaign.title): you are invited to write the guide for your idea"
            blocks = [
                .paragraph("One of your ideas in \(campaign.title) has been chosen. The facilitators invite you to turn it "
                    + "into a short guide that others can follow, with contributors they invite."),
                note.map(MailBlock.quote),
                .paragraph("The button signs this device in as you and opens the guide editor. It works once, within "
                    + "\(MailLinks.guideInvitationDays) days; after that, open the campaign on a device where you joined."),
                .action(label: "Write the guide", url: links.join ?? links.campaign),
                .paragraph(replyWarning),
            ].compactMap { $0 }
        }
        if let unsubscribe = links.unsubscribe {
            blocks.append(.small(footer(content, campaign: campaign, invited: links.join != nil)))
            blocks.append(.smallLink(label: "Unsubscribe", url: unsubscribe))
        }
        return RenderedMail(subject: subject, body: MailBody(title: subject, blocks: blocks))
    }

    /// Whether `content` is sent once and for all (no unsubscribe link, RFC 8058 §3.1 asks it for lists).
    static func isOneOff(_ content: OutboxPayload.Content) -> Bool {
        switch content {
        case .authorMessage, .guideInvitation: true
        case .invitation, .reminder, .announcement, .alert: false
        }
    }

    private static let replyWarning = "Replying to this e-mail does not keep you anonymous: whoever reads the reply sees "
        + "your address. To stay anonymous, answer on the campaign's page instead."

    private static func announcement(
        _ event: AnnouncementEvent, campaign: Campaign, links: Links
    ) -> (String, String, MailBlock) {
        switch event {
        case .phaseOpened(let phase):
            let (name, doing): (String, String) = switch phase {
            case .understand: ("Understand", "say what helps and what gets in the way")
            case .answer: ("Answer", "propose ideas")
            case .prioritise: ("Prioritise", "discuss and vote on the shortlisted ideas")
            case .act: ("Act", "see which ideas were chosen and follow them into action")
            }
            return ("\(campaign.title): the \(name) phase is open",
                    "The \(name) phase of \(campaign.title) is open: you can now \(doing).",
                    .action(label: "Open \(campaign.title)", url: links.campaign))
        case .shortlistPublished:
            return ("\(campaign.title): the shortlist is published",
                    "The shortlist of \(campaign.title) is published: the ideas chosen to go forward.",
                    .action(label: "See the shortlist", url: links.campaign))
        case .guidePublished:
            return ("\(campaign.title): the guide is published",
                    "The guide of \(campaign.title) is published: the best ideas, written up by their authors.",
                    .action(label: "Read the guide", url: links.guide))
        }
    }

    /// Why the message came and what unsubscribing does; `invited`: it went to an invitation's address.
    private static func footer(_ content: OutboxPayload.Content, campaign: Campaign, invited: Bool) -> String {
        switch content {
        case .announcement where invited, .invitation, .reminder:
            "You received this because the organisers of \(campaign.title) invited this address. Unsubscribe to get "
                + "no reminders: the address is then deleted."
        case .announcement:
            "You asked for news of \(campaign.title). Unsubscribe to get no more; your address is deleted when nothing "
                + "else is sent to it."
        case .alert, .authorMessage, .guideInvitation:
            "You asked to hear about your own contributions to \(campaign.title). Unsubscribe to stop these messages."
        }
    }
}
