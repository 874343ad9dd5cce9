// Lower-case Latin letters with diacritics folded to plain ASCII, so `café` and `cafe` are one word.

/// A fold for the lower-case letters of Latin-1 Supplement and Latin Extended-A (what English,
/// Welsh, Irish, French, German, Spanish, Polish… write with). Other scripts pass unchanged.
/// Campaigns has no Foundation, so there is no Unicode decomposition to lean on; a table does it.
enum LatinFolding {
    /// The ASCII letters for `scalar`, or nil when it is not a folded letter.
    static func fold(_ scalar: Unicode.Scalar) -> String? {
        guard scalar.value >= 0xDF, scalar.value <= 0x17F else { return nil }
        return table[scalar]
    }

    private static let table: [Unicode.Scalar: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
            ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķĸ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉŋ", "n"), ("òóôõöøōŏő", "o"),
            ("ŕŗř", "r"), ("śŝşšſ", "s"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"),
            ("źżž", "z"), ("ß", "ss"), ("æ", "ae"), ("œ", "oe"), ("ð", "d"), ("þ", "th"), ("ĳ", "ij"),
        ]
        var table: [Unicode.Scalar: String] = [:]
        for (letters, plain) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = plain }
        }
        return table
    }()
}
