// Who may see the machine coder's suggestion for an item, and who may code an item: the blindness rules.

/// The person asking, as the blindness rules see them.
public struct SuggestionViewer: Sendable, Equatable {
    /// Reconciles and facilitates (facilitators, admins); analysts do not.
    public var facilitates: Bool
    /// The coder key the person codes as in this campaign (`t<team>` or `s<staff>`), or nil when
    /// they are in no team and have coded nothing there.
    public var coder: String?

    public init(facilitates: Bool, coder: String?) {
        self.facilitates = facilitates
        self.coder = coder
    }
}

/// Blind coding holds only if no coder sees the machine's opinion of an item before giving their
/// own: the machine learnt from the teams, and an anchor of its opinion would leak the other
/// team's habits into this one's codes and inflate the agreement that the method stands on.
public enum SuggestionRules {
    /// Whether `viewer` may see the machine's suggestion for an item the coders `codedBy` have coded.
    /// Analysts never; anyone else who codes in the campaign only once their own coder has coded it.
    public static func check(_ viewer: SuggestionViewer, itemCodedBy codedBy: Set<String>) -> AssistRefusal? {
        guard viewer.facilitates else { return .facilitatorsOnly }
        if let coder = viewer.coder, !codedBy.contains(coder) { return .blindUntilCoded }
        return nil
    }

    /// Whether a team may save a code for an item: not while the machine coder codes it.
    public static func checkCoding(machineCoded: Bool) -> AssistRefusal? {
        machineCoded ? .machineCoded : nil
    }
}
