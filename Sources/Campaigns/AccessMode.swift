// Who may join a campaign.

/// Who may take part: anyone with the link, or only people holding an invitation.
public enum AccessMode: String, Sendable, Codable {
    case open, invite
}
