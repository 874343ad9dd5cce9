// How contributed text is cleaned and the limits it must meet before it is stored.

/// What is wrong with a piece of text. The raw value is the API's error code.
public enum TextProblem: String, Error, Sendable, CaseIterable {
    case empty
    case tooLong = "too_long"
    /// It holds a Unicode noncharacter, or a line break where one line is expected (titles).
    case invalid

    /// Plain English for the API, naming the field ("title" → "Title is empty.").
    public func message(field: String) -> String {
        let name = field.prefix(1).uppercased() + field.dropFirst()
        switch self {
        case .empty: return "\(name) is empty."
        case .tooLong: return "\(name) is too long."
        case .invalid: return "\(name) contains characters that are not allowed."
        }
    }
}

/// Limits and cleaning for contributed text. Every `validate…` judges `normalise(s)`, which is also
/// what callers should store. Character limits count `Character`s (what a reader sees as one letter,
/// emoji included); byte limits count UTF-8 and bound storage whatever the characters.
public enum TextRules {
    public static let bodyMaxCharacters = 5000
    public static let bodyMaxBytes = 20_000
    public static let titleMaxCharacters = 200
    public static let titleMaxBytes = 800
    public static let commentMaxCharacters = 2000
    public static let commentMaxBytes = 8000

    /// A contribution's body: required, several lines allowed.
    public static func validateBody(_ s: String) -> TextProblem? {
        validate(normalise(s), maxCharacters: bodyMaxCharacters, maxBytes: bodyMaxBytes, singleLine: false)
    }

    /// A title: nil (no title) is fine; a title that is given must not be blank and is one line.
    public static func validateTitle(_ s: String?) -> TextProblem? {
        guard let s else { return nil }
        return validate(normalise(s), maxCharacters: titleMaxCharacters, maxBytes: titleMaxBytes, singleLine: true)
    }

    /// A comment: required, several lines allowed.
    public static func validateComment(_ s: String) -> TextProblem? {
        validate(normalise(s), maxCharacters: commentMaxCharacters, maxBytes: commentMaxBytes, singleLine: false)
    }

    /// Trims whitespace (and line breaks) at both ends, turns CRLF and lone CR into LF, and strips
    /// NUL, the other C0 controls except LF and tab, and DEL.
    public static func normalise(_ s: String) -> String {
        var kept = String.UnicodeScalarView()
        var afterCR = false
        for scalar in s.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\r":
                kept.append("\n")
            case "\n":
                if !afterCR { kept.append(scalar) }
            case "\t":
                kept.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                kept.append(scalar)
            }
        }
        guard let first = kept.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = kept.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(kept[first...last])
    }

    private static func validate(_ s: String, maxCharacters: Int, maxBytes: Int, singleLine: Bool) -> TextProblem? {
        if s.isEmpty { return .empty }
        if s.utf8.count > maxBytes || s.count > maxCharacters { return .tooLong }
        for scalar in s.unicodeScalars {
            if scalar.properties.isNoncharacterCodePoint { return .invalid }
            if singleLine, scalar == "\n" { return .invalid }
        }
        return nil
    }
}
