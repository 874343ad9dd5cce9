// Turns a contribution's text into comparable terms: folded words, stop words out, plurals stemmed, word pairs.

/// One feature of a text: `key` is what is compared (folded, stemmed; a word pair joins two keys
/// with a space), `surface` the words as they were written, for showing to people.
public struct Term: Sendable, Equatable, Hashable {
    public var key: String
    public var surface: String

    public init(key: String, surface: String) {
        self.key = key
        self.surface = surface
    }
}

/// The text normalisation every analysis aid shares (candidate themes, near-duplicates, the
/// machine coder), so that they all see the same words. Pure and deterministic.
public enum TermNormaliser {
    /// The words of `text` in order: lower-cased, Latin diacritics folded (`é` → `e`, `ß` → `ss`),
    /// split at anything that is neither a letter nor a digit. An apostrophe between letters joins
    /// them (`don't` → `dont`, `nurse’s` → `nurses`); hyphens and other marks split. Words shorter
    /// than two characters and words made only of digits are left out.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func finish() {
            defer { current = String.UnicodeScalarView() }
            guard current.count >= 2, current.contains(where: { !isDigit($0) }) else { return }
            words.append(String(current))
        }
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII {
                // Most text is ASCII: decide it without the Unicode property tables.
                switch scalar {
                case "a"..."z", "0"..."9": current.append(scalar)
                case "'": break  // joins what stands either side: `don't` → `dont`
                default: finish()
                }
                continue
            }
            if isApostrophe(scalar) { continue }
            if scalar.properties.isAlphabetic || isDigit(scalar) {
                if let folded = LatinFolding.fold(scalar) { current.append(contentsOf: folded.unicodeScalars) } else { current.append(scalar) }
                continue
            }
            if scalar.properties.generalCategory == .nonspacingMark { continue }  // a combining accent: é as e + ◌́
            finish()
        }
        finish()
        return words
    }

    /// Harman's S-stemmer (1991, "How effective is suffixing?"): plural endings only, so that a stem
    /// is still a word a facilitator can read. `-ies` → `-y` (not `-eies`, `-aies`); `-es` → `-e`
    /// (not `-aes`, `-ees`, `-oes`); `-s` → `` (not `-us`, `-ss`). Words of three letters or fewer
    /// are left alone.
    public static func stem(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count > 3 else { return word }
        func ends(_ suffix: String) -> Bool {
            let tail = Array(suffix.unicodeScalars)
            return scalars.count >= tail.count && Array(scalars.suffix(tail.count)) == tail
        }
        func replacing(_ count: Int, with replacement: String) -> String {
            var kept = String.UnicodeScalarView(scalars.dropLast(count))
            kept.append(contentsOf: replacement.unicodeScalars)
            return String(kept)
        }
        if ends("ies") && !ends("eies") && !ends("aies") { return replacing(3, with: "y") }
        if ends("es") && !ends("aes") && !ends("ees") && !ends("oes") { return replacing(2, with: "e") }
        if ends("s") && !ends("us") && !ends("ss") { return replacing(1, with: "") }
        return word
    }

    /// The content words of `text` (stop words removed), each stemmed, in order.
    public static func keys(_ text: String) -> [String] {
        words(text).filter { !Stopwords.english.contains($0) }.map(stem)
    }

    /// The features of `text`: every content word, then every pair of content words that stand
    /// next to each other in the text (no stop word between them), keyed `"first second"`.
    public static func terms(_ text: String) -> [Term] {
        var unigrams: [Term] = []
        var pairs: [Term] = []
        var previous: Term?
        for word in words(text) {
            guard !Stopwords.english.contains(word) else {
                previous = nil
                continue
            }
            let term = Term(key: stem(word), surface: word)
            unigrams.append(term)
            if let previous {
                pairs.append(Term(key: previous.key + " " + term.key, surface: previous.surface + " " + term.surface))
            }
            previous = term
        }
        return unigrams + pairs
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.numericType == .decimal
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }
}
