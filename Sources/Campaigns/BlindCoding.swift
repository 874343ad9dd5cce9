// Blind coding: an analyst codes without seeing another team's codes until the item is reconciled.

/// The rules that keep coding blind (the agreement measured between teams means nothing otherwise).
public enum BlindCoding {
    /// Whether a code by team `coder` may be shown to a viewer of team `viewer`: their own team's
    /// always; every team's to those who see all codes (facilitators, admins) or once reconciled.
    public static func mayShow(codeBy coder: String, to viewer: String, seesAllCodes: Bool, reconciled: Bool) -> Bool {
        seesAllCodes || reconciled || coder == viewer
    }

    /// A reconciled item's codes are closed: the reconciliation is the finding.
    public static func saveRefusal(reconciled: Bool) -> CodingRefusal? {
        reconciled ? .reconciled : nil
    }
}
