// Why someone may not join a campaign.

/// The reason joining, or signing a new device in, is refused (a draft or archived campaign is
/// `PhaseRefusal.campaignNotLive`).
public enum JoinRefusal: String, Refusal {
    /// An invite-only campaign and no code given.
    case inviteRequired = "invite_required"
    /// The code is neither the campaign's access code nor one of its invitations.
    case invalidCode = "invalid_code"
    /// The invitation has been used by someone already.
    case codeUsed = "code_used"
    /// A pairing code that does not exist, has expired or was used.
    case invalidPairingCode = "invalid_pairing_code"
    /// A recovery key that is no contributor's in this campaign.
    case invalidRecoveryKey = "invalid_recovery_key"
    /// An open campaign that asks for proof of work, and the join brought none.
    case proofRequired = "proof_required"
    /// The proof of work is forged, expired, spent or too weak for the campaign.
    case proofInvalid = "proof_invalid"

    public var message: String {
        switch self {
        case .inviteRequired: "This campaign needs an invitation code."
        case .invalidCode: "That code is not valid for this campaign."
        case .invalidPairingCode:
            "That pairing code is not valid: it may have expired or been used. Show a new one on your other device."
        case .invalidRecoveryKey: "That recovery key is not valid for this campaign."
        case .proofRequired: "Joining this campaign needs a moment's work from your browser. Please try again."
        case .proofInvalid: "Your browser's work for joining has expired or did not check out. Please try again."
        case .codeUsed:
            "That invitation code has already been used. If you joined on another device, continue here with a "
                + "pairing code from that device or with your recovery key."
        }
    }

    public var kind: RefusalKind {
        switch self {
        case .inviteRequired, .invalidCode, .invalidPairingCode, .invalidRecoveryKey, .proofRequired, .proofInvalid:
            .notPermitted
        case .codeUsed: .conflict
        }
    }
}
