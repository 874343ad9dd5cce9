// What a contribution is within a draft: the team's section, or the crowd's amendment or alternative.

/// What a contribution is within a draft. The raw value is what the `draft_items.kind` column holds.
public enum DraftItemKind: String, Sendable, CaseIterable {
    /// A section of the team's text: it changes by accepted amendment, never by an edit.
    case section
    /// A contributor's proposed change to one section.
    case amendment
    /// A contributor's alternative to the whole document.
    case alternative
}
